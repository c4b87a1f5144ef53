// What the groups routes do: validated input to the queries, rows back as API objects, misses as 404s.
import type { RouteHandler } from '@hono/zod-openapi'
import { notFound } from '../../lib/errors'
import { newId } from '../../lib/ids'
import type { AppEnv } from '../../lib/types'
import { toPage } from '../shared/page'
import { toApi } from '../shared/serialize'
import { insertOrConflict } from '../shared/writes'
import * as queries from './groups.queries'
import type * as routes from './groups.routes'

export const listGroups: RouteHandler<typeof routes.listGroups, AppEnv> = async (c) => {
  const { spaceId, includeArchived, limit, cursor } = c.req.valid('query')
  const rows = await queries.listGroups(c.var.db, c.var.userId, {
    spaceId,
    includeArchived,
    limit,
    after: cursor
  })
  const keyOf = (row: (typeof rows)[number]) => ({ parent: row.spaceId, position: row.position, id: row.id })
  return c.json(toPage('group', rows, limit, keyOf, toApi), 200)
}

export const createGroup: RouteHandler<typeof routes.createGroup, AppEnv> = async (c) => {
  const input = c.req.valid('json')
  const group = {
    id: input.id ?? newId('group'),
    spaceId: input.spaceId,
    name: input.name,
    icon: input.icon ?? null,
    position: input.position
  }
  const row = await insertOrConflict('group', group.id, () =>
    queries.insertGroup(c.var.db, c.var.userId, group)
  )
  if (!row) throw notFound('Space')
  return c.json(toApi(row), 201)
}

export const updateGroup: RouteHandler<typeof routes.updateGroup, AppEnv> = async (c) => {
  const { row, parentFound } = await queries.updateGroup(
    c.var.db,
    c.var.userId,
    c.req.valid('param').id,
    c.req.valid('json')
  )
  if (!parentFound) throw notFound('Target space')
  if (!row) throw notFound('Group')
  return c.json(toApi(row), 200)
}

export const deleteGroup: RouteHandler<typeof routes.deleteGroup, AppEnv> = async (c) => {
  if (!(await queries.deleteGroup(c.var.db, c.var.userId, c.req.valid('param').id))) throw notFound('Group')
  return c.body(null, 204)
}

export const reorderGroups: RouteHandler<typeof routes.reorderGroups, AppEnv> = async (c) => {
  const { spaceId } = c.req.valid('param')
  const updated = await queries.reorderGroups(c.var.db, c.var.userId, spaceId, c.req.valid('json').orderedIds)
  return c.json({ updated }, 200)
}
