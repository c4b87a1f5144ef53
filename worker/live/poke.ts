// After a committed write, tells the user's live channel (live-channel.ts) so that their open tabs pull. It runs
// after the response is made and is handed to waitUntil: no database round trip, and the answer does not wait.
import { createMiddleware } from 'hono/factory'
import { describeError } from '../lib/log'
import type { AppEnv } from '../lib/types'

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Pokes `userId`'s channel; a failure only means the other tabs learn of the write on their next poll. */
export async function pokeUser(env: Env, userId: string): Promise<void> {
  try {
    await env.LIVE.getByName(userId).poke()
  } catch (err) {
    // The live channel is an accelerator: never an error of the write. One line, no user data (worker/lib/log.ts).
    console.warn(JSON.stringify({ level: 'warn', task: 'live-poke', errors: describeError(err) }))
  }
}

/**
 * Every 2xx answer to a write method on an authenticated /v1 route committed something (or changed nothing, as a
 * replayed push: a poke then costs the other tabs one empty pull). Errors never reach here with a 2xx.
 */
export const pokeAfterWriteMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  await next()
  if (!WRITE_METHODS.has(c.req.method) || c.res.status < 200 || c.res.status >= 300) return
  c.executionCtx.waitUntil(pokeUser(c.env, c.var.userId))
})
