// What the bookmarks routes do: validated input to the queries, rows back as API objects, misses as 404s.
import type { RouteHandler } from '@hono/zod-openapi'
import { ApiError, notFound } from '../../lib/errors'
import { newId } from '../../lib/ids'
import type { AppEnv } from '../../lib/types'
import { toPage } from '../shared/page'
import { toApi } from '../shared/serialize'
import { insertOrConflict } from '../shared/writes'
import * as queries from './bookmarks.queries'
import type * as routes from './bookmarks.routes'
import type { CreateBookmark } from './bookmarks.schemas'

const toNew = (input: CreateBookmark): queries.NewBookmark => ({
  ...input,
  id: input.id ?? newId('bookmark')
})

const groupsNotFound = (ids: string[]) =>
  new ApiError(404, 'not_found', `Group not found (or not in the given space): ${ids.slice(0, 5).join(', ')}`)

export const listBookmarks: RouteHandler<typeof routes.listBookmarks, AppEnv> = async (c) => {
  const { cursor, ...filter } = c.req.valid('query')
  const rows = await queries.listBookmarks(c.var.db, c.var.userId, { ...filter, after: cursor })
  const keyOf = (row: (typeof rows)[number]) => ({ parent: row.groupId, position: row.position, id: row.id })
  return c.json(toPage('bookmark', rows, filter.limit, keyOf, toApi), 200)
}

export const createBookmark: RouteHandler<typeof routes.createBookmark, AppEnv> = async (c) => {
  const bookmark = toNew(c.req.valid('json'))
  const { rows, missingGroups } = await insertOrConflict('bookmark', bookmark.id, () =>
    queries.insertBookmarks(c.var.db, c.var.userId, [bookmark])
  )
  const [row] = rows
  if (missingGroups.length > 0 || !row) throw groupsNotFound(missingGroups)
  return c.json(toApi(row), 201)
}

export const bulkCreateBookmarks: RouteHandler<typeof routes.bulkCreateBookmarks, AppEnv> = async (c) => {
  const list = c.req.valid('json').bookmarks.map(toNew)
  const { rows, missingGroups } = await insertOrConflict('bookmark', 'in this batch', () =>
    queries.insertBookmarks(c.var.db, c.var.userId, list)
  )
  if (missingGroups.length > 0) throw groupsNotFound(missingGroups)
  return c.json({ created: rows.length, bookmarks: rows.map(toApi) }, 201)
}

export const updateBookmark: RouteHandler<typeof routes.updateBookmark, AppEnv> = async (c) => {
  const { row, parentFound } = await queries.updateBookmark(
    c.var.db,
    c.var.userId,
    c.req.valid('param').id,
    c.req.valid('json')
  )
  if (!parentFound) throw notFound('Target group')
  if (!row) throw notFound('Bookmark')
  return c.json(toApi(row), 200)
}

export const deleteBookmark: RouteHandler<typeof routes.deleteBookmark, AppEnv> = async (c) => {
  if (!(await queries.deleteBookmark(c.var.db, c.var.userId, c.req.valid('param').id)))
    throw notFound('Bookmark')
  return c.body(null, 204)
}

export const reorderBookmarks: RouteHandler<typeof routes.reorderBookmarks, AppEnv> = async (c) => {
  const { groupId } = c.req.valid('param')
  const updated = await queries.reorderBookmarks(
    c.var.db,
    c.var.userId,
    groupId,
    c.req.valid('json').orderedIds
  )
  return c.json({ updated }, 200)
}
