// The API's one error shape, `{"error":{"code","message","issues"?}}`, and the class handlers throw.
import { z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

export const errorCodes = [
  'validation_failed',
  'unauthorized',
  'not_found',
  'conflict',
  // A request in the shape of an extension from before position keys (integer `order`, `index`, `reorder`): 400.
  'client_outdated',
  // A create past one of the account's quotas (model/limits.ts QUOTAS): 403, the message names it.
  'quota_exceeded',
  'payload_too_large',
  'unsupported_media_type',
  // GET /v1/live without a WebSocket upgrade: 426.
  'upgrade_required',
  'rate_limited',
  'db_unavailable',
  'auth_unavailable',
  'internal_error'
] as const
export type ErrorCode = (typeof errorCodes)[number]

export const IssueSchema = z
  .object({
    path: z.string().openapi({ example: 'name' }),
    message: z.string().openapi({ example: 'Too big: expected string to have <=100 characters' })
  })
  .openapi('ValidationIssue')
export type Issue = z.infer<typeof IssueSchema>

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodes).openapi({ example: 'not_found' }),
      message: z.string().openapi({ example: 'Bookmark not found' }),
      issues: z.array(IssueSchema).optional()
    })
  })
  .openapi('Error')
export type ErrorBody = z.infer<typeof ErrorSchema>

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
    readonly headers?: Record<string, string>
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`)

// postgres.js connection failures, and server states that mean "try again later", become 503s.
const unavailableCodes = new Set([
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  '53300', // too_many_connections
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03' // cannot_connect_now
])

/**
 * An error and its causes, outermost first, as `{code, message, query}` records. Drizzle wraps driver errors
 * (DrizzleQueryError, "Failed query: <sql> params: …") with the driver's error as `cause`.
 */
export function* errorChain(err: unknown): Generator<{ code?: string; message: string; query?: unknown }> {
  let current: unknown = err
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const { code, message, query, cause } = current as Record<string, unknown>
    yield { code: typeof code === 'string' ? code : undefined, message: String(message ?? ''), query }
    current = cause
  }
}

/** The PostgreSQL (SQLSTATE) or socket error code anywhere in the chain, if any. */
export function driverCode(err: unknown): string | undefined {
  for (const link of errorChain(err)) if (link.code) return link.code
  return undefined
}

export function isDatabaseUnavailable(err: unknown): boolean {
  for (const { code, message, query } of errorChain(err)) {
    if (code && (unavailableCodes.has(code) || code.startsWith('08'))) return true
    // Hyperdrive and the Workers socket layer report a dead origin as plain errors. A query wrapper's
    // message holds user data, so only the causes' messages are read.
    const wrapper = typeof query === 'string'
    if (!wrapper && /connect|socket|network connection lost|stream was cancelled/i.test(message)) return true
  }
  return false
}

// Text PostgreSQL cannot store (the NUL character, \u0000, in text or JSON): the client's input, so a 400.
const unstorableTextCodes = new Set(['22021', '22P05'])

/** Turns anything thrown into the error shape; unknown errors become a 500 without internals. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err
  if (unstorableTextCodes.has(driverCode(err) ?? '')) {
    return new ApiError(
      400,
      'validation_failed',
      'The request holds text that cannot be stored (such as the NUL character \\u0000)'
    )
  }
  if (isDatabaseUnavailable(err)) {
    return new ApiError(
      503,
      'db_unavailable',
      'The database is unreachable right now; try again shortly',
      undefined,
      {
        'Retry-After': '5'
      }
    )
  }
  return new ApiError(500, 'internal_error', 'Something went wrong on our side')
}

export function errorResponse(c: Context, err: ApiError) {
  const body: ErrorBody = {
    error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) }
  }
  return c.json(body, err.status, err.headers)
}
