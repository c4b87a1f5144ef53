// Explicit request limits: JSON only, and a size cap per route (imports and sync pushes get more room).
import { bodyLimit } from 'hono/body-limit'
import { createMiddleware } from 'hono/factory'
import { ApiError } from '../lib/errors'
import type { AppEnv } from '../lib/types'

export const DEFAULT_BODY_LIMIT = 64 * 1024
export const LARGE_BODY_LIMIT = 8 * 1024 * 1024
const largeBodyPaths = new Set(['/v1/bookmarks/bulk', '/v1/sync/push', '/v1/sync/migrate'])

const formatBytes = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`

function limiter(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `Request body is over the ${formatBytes(maxSize)} limit`)
    }
  })
}
const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })
const defaultLimiter = limiter(DEFAULT_BODY_LIMIT)
const largeLimiter = limiter(LARGE_BODY_LIMIT)

export const bodyLimitsMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  if (!['POST', 'PUT', 'PATCH'].includes(c.req.method)) return next()
  const type = c.req.header('content-type') ?? ''
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      'Send the request body as JSON (Content-Type: application/json)'
    )
  }
  return (largeBodyPaths.has(c.req.path) ? largeLimiter : defaultLimiter)(c, async () => {
    // JSON is UTF-8: invalid bytes are refused, not silently stored as U+FFFD. (The body is read once and
    // cached; the validator parses the cached copy.)
    try {
      fatalUtf8.decode(await c.req.arrayBuffer())
    } catch {
      throw new ApiError(400, 'validation_failed', 'The request body is not valid UTF-8')
    }
    await next()
  })
})
