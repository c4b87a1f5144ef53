// Verifies the Clerk bearer token (the Authorization header, or the live channel's WebSocket subprotocol) and puts
// the user id and the token's expiry on the context. There is no bypass: tests and
// local development sign real tokens with their own key pair and hand the Worker the public key.
// A token that fails costs no database query (the db middleware runs after this one) and no call to Clerk:
// CLERK_JWT_KEY verifies offline, and the CLERK_SECRET_KEY path reads Clerk's keys from a per-isolate cache.
import { verifyToken } from '@clerk/backend'
import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import { LIVE_TOKEN_PREFIX } from '../../model/live'
import { ApiError } from '../lib/errors'
import type { AppEnv } from '../lib/types'
import { clerkSigningKey, JwksUnavailableError } from './clerk-jwks'
import { allowedOrigins } from './cors'
import { limitFailedAuth } from './rate-limit'

const DEFAULT_CLERK_API_URL = 'https://api.clerk.com'

const unauthorized = (message: string) =>
  new ApiError(401, 'unauthorized', message, undefined, { 'WWW-Authenticate': 'Bearer' })

// Clerk's reasons, in words a person acting on them understands.
const reasonMessages: Record<string, string> = {
  'token-expired': 'The bearer token has expired; get a new one',
  'token-not-active-yet': 'The bearer token is not valid yet (nbf is in the future)',
  'token-iat-in-the-future': 'The bearer token was issued in the future; check the clock',
  'token-invalid-signature': 'The bearer token signature is invalid',
  'token-invalid-algorithm': 'The bearer token uses an algorithm this API does not accept',
  'token-invalid-authorized-parties': 'The bearer token was issued for another origin',
  'token-invalid': 'The bearer token is malformed'
}

/** Secrets pasted with literal "\n" sequences (a common .env habit) are turned back into a PEM. */
function normalizePem(value: string | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed ? trimmed.replace(/\\n/g, '\n') : undefined
}

/** The `kid` of an RS256 token's header, read without trusting it; undefined when there is none to look up. */
function rs256KeyId(token: string): string | undefined {
  try {
    const [header] = token.split('.')
    const json = atob((header ?? '').replaceAll('-', '+').replaceAll('_', '/'))
    const { alg, kid } = JSON.parse(json) as { alg?: unknown; kid?: unknown }
    return alg === 'RS256' && typeof kid === 'string' && kid.length > 0 && kid.length <= 128 ? kid : undefined
  } catch {
    return undefined
  }
}

/** The PEM key this token must verify with: CLERK_JWT_KEY, or Clerk's key for the token's kid. */
async function verificationKey(c: Context<AppEnv>, token: string): Promise<string> {
  const jwtKey = normalizePem(c.env.CLERK_JWT_KEY)
  if (jwtKey) return jwtKey
  const secretKey = c.env.CLERK_SECRET_KEY?.trim()
  if (!secretKey) {
    throw new ApiError(500, 'internal_error', 'Sign-in is not configured on this server (CLERK_JWT_KEY)')
  }
  // Only a well-formed RS256 header with a kid is worth a key lookup: anything else fails here, offline.
  const kid = rs256KeyId(token)
  if (!kid) throw unauthorized('The bearer token is malformed')
  try {
    const key = await clerkSigningKey(kid, {
      secretKey,
      apiUrl: c.env.CLERK_API_URL?.trim() || DEFAULT_CLERK_API_URL
    })
    if (!key) throw unauthorized('The bearer token is signed with a key this API does not know')
    return key
  } catch (err) {
    if (!(err instanceof JwksUnavailableError)) throw err
    throw new ApiError(
      503,
      'auth_unavailable',
      'Sign-in cannot be checked right now; try again shortly',
      undefined,
      { 'Retry-After': '10' }
    )
  }
}

const TOKEN = /^[A-Za-z0-9._~+/=-]+$/

/**
 * The session token a live-channel WebSocket upgrade offers as its `bearer.<token>` subprotocol (model/live.ts): a
 * browser cannot set an Authorization header on a WebSocket. Undefined when the request is no such upgrade.
 */
function subprotocolToken(c: Context<AppEnv>): string | undefined {
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') return undefined
  const offered = (c.req.header('sec-websocket-protocol') ?? '').split(',').map((p) => p.trim())
  return offered.find((p) => p.startsWith(LIVE_TOKEN_PREFIX))?.slice(LIVE_TOKEN_PREFIX.length)
}

/** The request's session token: the Authorization header's, or a WebSocket upgrade's subprotocol's. */
function requestToken(c: Context<AppEnv>): string {
  const header = c.req.header('authorization')
  const offered = header ? undefined : subprotocolToken(c)
  if (offered !== undefined) {
    if (!TOKEN.test(offered)) throw unauthorized('The bearer token is malformed')
    return offered
  }
  if (!header) throw unauthorized('Missing bearer token: send "Authorization: Bearer <token>"')
  const token = /^Bearer +([A-Za-z0-9._~+/=-]+)$/i.exec(header.trim())?.[1]
  if (!token) throw unauthorized('The Authorization header must be "Bearer <token>"')
  return token
}

/** The verified user id (`sub`) and when the token expires, or an ApiError saying why not. */
async function authenticate(c: Context<AppEnv>): Promise<{ userId: string; expiresAt: number }> {
  const token = requestToken(c)

  const jwtKey = await verificationKey(c, token)
  const origins = allowedOrigins(c.env)
  let payload: Record<string, unknown>
  try {
    // Only the PEM key is given, never the secret key: @clerk/backend then makes no network call.
    payload = await verifyToken(token, {
      jwtKey,
      authorizedParties: origins.length > 0 ? origins : undefined
    })
  } catch (err) {
    const reason = (err as { reason?: unknown }).reason
    throw unauthorized(
      (typeof reason === 'string' && reasonMessages[reason]) || 'The bearer token is invalid'
    )
  }
  // A pending session (`sts`, Clerk's session status) still has tasks to finish before sign-in completes;
  // Clerk's own request handling treats it as signed out, and so does this API.
  if (payload.sts === 'pending') {
    throw unauthorized('The session is pending: finish signing in (Clerk session tasks) first')
  }
  const sub = payload.sub
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 255) {
    throw unauthorized('The bearer token has no valid subject')
  }
  // verifyToken has checked `exp`; a token without one (Clerk always sets it) lives no longer than Clerk's 60 s.
  const exp = typeof payload.exp === 'number' ? payload.exp * 1000 : Date.now() + 60_000
  return { userId: sub, expiresAt: exp }
}

export const authMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  let verified: { userId: string; expiresAt: number }
  try {
    verified = await authenticate(c)
  } catch (err) {
    // Failed sign-ins count against the client's address; past the limit they get a 429 instead of a 401.
    if (err instanceof ApiError && err.status === 401) await limitFailedAuth(c)
    throw err
  }
  c.set('userId', verified.userId)
  c.set('tokenExpiresAt', verified.expiresAt)
  await next()
})
