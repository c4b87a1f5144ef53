// Refuses, with one clear 400 (`client_outdated`), a write in the shape of an extension from before position keys.
import { createMiddleware } from 'hono/factory'
import { ApiError } from '../lib/errors'
import type { AppEnv } from '../lib/types'
import { OUTDATED_MESSAGE } from '../lib/validation'

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** An item (a create's data, a REST body) that places itself by an integer `order` and names no position. */
const ordered = (item: unknown) => isObject(item) && 'order' in item && !('position' in item)

/**
 * Where a body is in the old shape: a push with a `reorder`, a move to an `index` (no position) or a create with
 * an `order`; a migration or a REST create or update whose item has an `order`. Undefined for anything else: the
 * route's own validation then answers as it always does.
 */
export function outdatedPath(path: string, body: unknown): string | undefined {
  if (!isObject(body)) return undefined
  if (path === '/v1/sync/push' && Array.isArray(body.mutations)) {
    for (const [i, m] of body.mutations.entries()) {
      if (!isObject(m)) continue
      if (m.op === 'reorder') return `mutations.${i}.op`
      if (m.op === 'move' && isObject(m.data) && 'index' in m.data && !('position' in m.data))
        return `mutations.${i}.data.index`
      if (m.op === 'create' && ordered(m.data)) return `mutations.${i}.data.order`
    }
    return undefined
  }
  for (const list of ['spaces', 'groups', 'bookmarks']) {
    const items = body[list]
    if (Array.isArray(items)) {
      const i = items.findIndex(ordered)
      if (i >= 0) return `${list}.${i}.order`
    }
  }
  return ordered(body) ? 'order' : undefined
}

export const outdatedClientMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  if (!['POST', 'PUT', 'PATCH'].includes(c.req.method)) return next()
  // The body is parsed once: the route's validator reads Hono's cached copy. Malformed JSON is its to refuse.
  const body = await c.req.json().catch(() => undefined)
  const where = outdatedPath(c.req.path, body)
  if (where)
    throw new ApiError(400, 'client_outdated', OUTDATED_MESSAGE, [{ path: where, message: OUTDATED_MESSAGE }])
  return next()
})
