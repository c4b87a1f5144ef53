// Verifies the Clerk bearer token and puts the user id on the context. There is no bypass: tests and
// local development sign real tokens with their own key pair and hand the Worker the public key.
import { verifyToken } from '@clerk/backend'
import { createMiddleware } from 'hono/factory'
import { ApiError } from '../lib/errors'
import type { AppEnv } from '../lib/types'
import { allowedOrigins } from './cors'

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

export const authMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization')
  if (!header) throw unauthorized('Missing bearer token: send "Authorization: Bearer <token>"')
  const token = /^Bearer +([A-Za-z0-9._~+/=-]+)$/i.exec(header.trim())?.[1]
  if (!token) throw unauthorized('The Authorization header must be "Bearer <token>"')

  const jwtKey = normalizePem(c.env.CLERK_JWT_KEY)
  const secretKey = c.env.CLERK_SECRET_KEY?.trim() || undefined
  if (!jwtKey && !secretKey) {
    throw new ApiError(500, 'internal_error', 'Sign-in is not configured on this server (CLERK_JWT_KEY)')
  }
  const origins = allowedOrigins(c.env)
  let sub: unknown
  try {
    const payload = await verifyToken(token, {
      jwtKey,
      secretKey,
      authorizedParties: origins.length > 0 ? origins : undefined
    })
    sub = payload.sub
  } catch (err) {
    const reason = (err as { reason?: unknown }).reason
    throw unauthorized(
      (typeof reason === 'string' && reasonMessages[reason]) || 'The bearer token is invalid'
    )
  }
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 255) {
    throw unauthorized('The bearer token has no valid subject')
  }
  c.set('userId', sub)
  await next()
})
