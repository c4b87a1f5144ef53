// Rate limits with Cloudflare's Rate Limiting bindings (counted per colo, eventually consistent): per user on
// every authenticated /v1 request, and per client IP on requests that fail authentication and on /health.
import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import { ApiError } from '../lib/errors'
import type { AppEnv } from '../lib/types'

export const RATE_LIMIT_PERIOD_SECONDS = 60

const limited = (message: string) =>
  new ApiError(
    429,
    'rate_limited',
    `${message}; retry after ${RATE_LIMIT_PERIOD_SECONDS} seconds`,
    undefined,
    {
      'Retry-After': String(RATE_LIMIT_PERIOD_SECONDS)
    }
  )

export const rateLimitMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  const { success } = await c.env.RATE_LIMITER.limit({ key: c.var.userId })
  if (!success) throw limited('Too many requests')
  await next()
})

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/

/**
 * The client's address to count against. Cloudflare sets CF-Connecting-IP on every request from the internet; a
 * request without it did not come through Cloudflare's edge (a test calling the Worker directly) and has no
 * client to count. `wrangler dev` sets it to the socket's address: a loopback one is this machine (development,
 * its tests and benchmarks), never a client from the internet, and is not counted either.
 */
export function clientIp(c: Context<AppEnv>): string | undefined {
  const ip = c.req.header('cf-connecting-ip')
  return ip && !LOOPBACK.test(ip) ? ip : undefined
}

/**
 * Per client IP on the public health probe: it needs no token and runs a query through Hyperdrive, so without a
 * limit anyone could make the Worker cross to the database as often as they like (PUBLIC_LIMITER).
 */
export const publicRateLimitMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  const ip = clientIp(c)
  if (ip) {
    const { success } = await c.env.PUBLIC_LIMITER.limit({ key: `ip:${ip}` })
    if (!success) throw limited('Too many requests from this address')
  }
  await next()
})

/**
 * Counts one failed authentication against the client's address and throws a 429 once it is past the limit
 * (AUTH_FAILURE_LIMITER). Only failures count, so a valid token from a busy shared address still gets in.
 */
export async function limitFailedAuth(c: Context<AppEnv>): Promise<void> {
  const ip = clientIp(c)
  if (!ip) return
  const { success } = await c.env.AUTH_FAILURE_LIMITER.limit({ key: `ip:${ip}` })
  if (!success) throw limited('Too many failed sign-ins from this address')
}
