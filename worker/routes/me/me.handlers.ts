// What the profile routes do: the signed-in user's profile and counts, or deleting all of the account's data.
import type { RouteHandler } from '@hono/zod-openapi'
import type { AppEnv } from '../../lib/types'
import * as queries from './me.queries'
import type * as routes from './me.routes'

export const getMe: RouteHandler<typeof routes.getMe, AppEnv> = async (c) => {
  const me = await queries.getMe(c.var.db, c.var.userId)
  return c.json(
    {
      id: c.var.userId,
      email: me.email,
      name: me.name,
      avatarUrl: me.avatar_url,
      createdAt: me.created_at ? new Date(me.created_at).toISOString() : null,
      counts: { spaces: me.spaces, groups: me.groups, bookmarks: me.bookmarks }
    },
    200
  )
}

export const deleteMe: RouteHandler<typeof routes.deleteMe, AppEnv> = async (c) => {
  await queries.deleteMe(c.var.db, c.var.userId)
  return c.body(null, 204)
}
