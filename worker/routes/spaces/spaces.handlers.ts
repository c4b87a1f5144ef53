// What the spaces routes do: validated input to the queries, rows back as API objects, misses as 404s.
import type { RouteHandler } from '@hono/zod-openapi'
import { notFound } from '../../lib/errors'
import { newId } from '../../lib/ids'
import type { AppEnv } from '../../lib/types'
import { toPage } from '../shared/page'
import { toApi } from '../shared/serialize'
import { insertOrConflict } from '../shared/writes'
import * as queries from './spaces.queries'
import type * as routes from './spaces.routes'

export const listSpaces: RouteHandler<typeof routes.listSpaces, AppEnv> = async (c) => {
  const { includeArchived, limit, cursor } = c.req.valid('query')
  const rows = await queries.listSpaces(c.var.db, c.var.userId, { includeArchived, limit, after: cursor })
  const keyOf = (row: (typeof rows)[number]) => ({ parent: null, position: row.position, id: row.id })
  return c.json(toPage('space', rows, limit, keyOf, toApi), 200)
}

export const createSpace: RouteHandler<typeof routes.createSpace, AppEnv> = async (c) => {
  const input = c.req.valid('json')
  const space = {
    id: input.id ?? newId('space'),
    name: input.name,
    icon: input.icon,
    color: input.color ?? null,
    position: input.position
  }
  const row = await insertOrConflict('space', space.id, () =>
    queries.insertSpace(c.var.db, c.var.userId, space)
  )
  return c.json(toApi(row), 201)
}

export const updateSpace: RouteHandler<typeof routes.updateSpace, AppEnv> = async (c) => {
  const row = await queries.updateSpace(c.var.db, c.var.userId, c.req.valid('param').id, c.req.valid('json'))
  if (!row) throw notFound('Space')
  return c.json(toApi(row), 200)
}

export const deleteSpace: RouteHandler<typeof routes.deleteSpace, AppEnv> = async (c) => {
  if (!(await queries.deleteSpace(c.var.db, c.var.userId, c.req.valid('param').id))) throw notFound('Space')
  return c.body(null, 204)
}

export const reorderSpaces: RouteHandler<typeof routes.reorderSpaces, AppEnv> = async (c) => {
  const updated = await queries.reorderSpaces(c.var.db, c.var.userId, c.req.valid('json').orderedIds)
  return c.json({ updated }, 200)
}
