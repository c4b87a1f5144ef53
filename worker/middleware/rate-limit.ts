// Per-user rate limiting with Cloudflare's Rate Limiting binding (counted per colo, eventually consistent).
import { createMiddleware } from 'hono/factory'
import { ApiError } from '../lib/errors'
import type { AppEnv } from '../lib/types'

export const RATE_LIMIT_PERIOD_SECONDS = 60

export const rateLimitMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  const { success } = await c.env.RATE_LIMITER.limit({ key: c.var.userId })
  if (!success) {
    throw new ApiError(
      429,
      'rate_limited',
      `Too many requests; retry after ${RATE_LIMIT_PERIOD_SECONDS} seconds`,
      undefined,
      { 'Retry-After': String(RATE_LIMIT_PERIOD_SECONDS) }
    )
  }
  await next()
})
