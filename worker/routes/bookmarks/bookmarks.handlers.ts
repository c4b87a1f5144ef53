// What the bookmarks routes do: validated input to the queries, rows back as API objects, misses as 404s.
import type { RouteHandler } from '@hono/zod-openapi'
import { ApiError, notFound } from '../../lib/errors'
import { newId } from '../../lib/ids'
import { jsonObject, jsonText, respondJson } from '../../lib/json-text'
import type { AppEnv } from '../../lib/types'
import { toPage } from '../shared/page'
import { toApi } from '../shared/serialize'
import { insertOrConflict } from '../shared/writes'
import * as queries from './bookmarks.queries'
import type * as routes from './bookmarks.routes'
import type { Bookmark, BulkCreateResult, CreateBookmark } from './bookmarks.schemas'

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
  const { json, missingGroups } = await insertOrConflict('bookmark', bookmark.id, () =>
    queries.insertBookmarks(c.var.db, c.var.userId, [bookmark])
  )
  // One row: parsed back from the statement's JSON (a bulk import passes the same text on unparsed).
  const [row] = JSON.parse(json) as Bookmark[]
  if (missingGroups.length > 0 || !row) throw groupsNotFound(missingGroups)
  return c.json(row, 201)
}

export const bulkCreateBookmarks: RouteHandler<typeof routes.bulkCreateBookmarks, AppEnv> = async (c) => {
  const list = c.req.valid('json').bookmarks.map(toNew)
  const { created, json, missingGroups } = await insertOrConflict('bookmark', 'in this batch', () =>
    queries.insertBookmarks(c.var.db, c.var.userId, list)
  )
  if (missingGroups.length > 0) throw groupsNotFound(missingGroups)
  // The created rows as PostgreSQL wrote their JSON (shared/api-json.ts): answered without parsing 5,000 of them.
  return respondJson(c, jsonObject<BulkCreateResult>({ created: jsonText(created), bookmarks: json }), 201)
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
