// The Worker's error log: one JSON line per failed request with codes and ids only. Never a message, SQL or
// parameter: a failed query's text and bound values hold users' titles, URLs and notes (so do PostgreSQL's
// messages and details), and logs leave the account (Workers Logs, tail, Logpush).
import type { Context } from 'hono'
import { routePath } from 'hono/route'
import type { ApiError } from './errors'
import type { AppEnv } from './types'

/** The fields of an error (or a driver error in its `cause` chain) that name things without quoting input. */
const SAFE_FIELDS = ['code', 'constraint', 'table', 'column', 'dataType', 'routine', 'severity'] as const

export type LoggedError = { name: string } & Partial<Record<(typeof SAFE_FIELDS)[number], string>>

/** An error and its causes, outermost first, reduced to their class names and schema-level codes. */
export function describeError(err: unknown): LoggedError[] {
  const chain: LoggedError[] = []
  let current: unknown = err
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const record = current as Record<string, unknown>
    const entry: LoggedError = { name: typeof record.name === 'string' ? record.name : 'Error' }
    for (const field of SAFE_FIELDS) {
      const value = record[field]
      if (typeof value === 'string' && value.length <= 128) entry[field] = value
    }
    chain.push(entry)
    current = record.cause
  }
  return chain
}

/** Where the error was thrown: the stack's frames (code locations), without its message lines. */
function frames(err: unknown): string[] {
  const stack = err instanceof Error ? (err.stack ?? '') : ''
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 12)
    .map((line) => line.trim())
}

/** Logs a request that ended in a 5xx: status, error code, route pattern, Cloudflare ray id and user id. */
export function logRequestError(c: Context<AppEnv>, err: unknown, apiError: ApiError): void {
  console.error(
    JSON.stringify({
      level: 'error',
      status: apiError.status,
      code: apiError.code,
      method: c.req.method,
      // The route's pattern (`/v1/bookmarks/:id`), not the path: no client-chosen text.
      route: routePath(c, -1) || undefined,
      ray: c.req.header('cf-ray'),
      userId: c.get('userId'),
      errors: describeError(err),
      stack: frames(err)
    })
  )
}
