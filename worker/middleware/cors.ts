// CORS for the origins listed in ALLOWED_ORIGINS only; any other origin gets no CORS headers at all.
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../lib/types'

const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS'
const ALLOWED_HEADERS = 'Authorization, Content-Type'

export function allowedOrigins(env: Pick<Env, 'ALLOWED_ORIGINS'>): string[] {
  return (env.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim().replace(/\/$/, ''))
    .filter(Boolean)
}

export const corsMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  const origin = c.req.header('origin')
  const allowed = origin !== undefined && allowedOrigins(c.env).includes(origin)
  if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
    if (!allowed) return c.body(null, 204, { Vary: 'Origin' })
    return c.body(null, 204, {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': ALLOWED_METHODS,
      'Access-Control-Allow-Headers': ALLOWED_HEADERS,
      'Access-Control-Max-Age': '600',
      Vary: 'Origin'
    })
  }
  await next()
  c.res.headers.append('Vary', 'Origin')
  if (allowed) {
    c.res.headers.set('Access-Control-Allow-Origin', origin)
    c.res.headers.set('Access-Control-Expose-Headers', 'Retry-After')
  }
})
