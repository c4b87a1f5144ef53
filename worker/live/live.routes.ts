// GET /v1/live: opens the signed-in user's live channel (a WebSocket that says "pull" after each write of theirs).
// A plain Hono route beside the OpenAPI ones: OpenAPI 3.1 cannot describe a WebSocket (its 101 and its messages),
// and the generated fetch client could not open one; the README's API section documents it instead. It sits under
// /v1, so the same auth (token verified at the upgrade, as any /v1 request's) and rate limit run before it.
import { Hono } from 'hono'
import { ApiError } from '../lib/errors'
import type { AppEnv } from '../lib/types'

/** The header this route hands the object (live-channel.ts) the verified token's expiry in (ms since the epoch). */
export const EXPIRES_AT_HEADER = 'x-live-token-expires-at'

export const liveRoutes = new Hono<AppEnv>().get('/v1/live', async (c) => {
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
    throw new ApiError(
      426,
      'upgrade_required',
      'GET /v1/live opens a WebSocket: send "Upgrade: websocket" (see README "API")',
      undefined,
      { Upgrade: 'websocket' }
    )
  }
  const headers = new Headers(c.req.raw.headers)
  headers.set(EXPIRES_AT_HEADER, String(c.var.tokenExpiresAt))
  const upgraded = await c.env.LIVE.getByName(c.var.userId).fetch(c.req.url, { headers })
  // A Durable Object's response has immutable headers; the CORS middleware appends to them after this.
  return new Response(null, {
    status: upgraded.status,
    webSocket: upgraded.webSocket,
    headers: upgraded.headers
  })
})
