// Profile statements: one round trip each.
import { sql } from 'drizzle-orm'
import { type Database, execute } from '../../db/client'
import { bookmarks, groups, spaces, users } from '../../db/schema'

export type MeRow = {
  email: string | null
  name: string | null
  avatar_url: string | null
  created_at: string | null
  spaces: number
  groups: number
  bookmarks: number
}

const liveCount = (table: typeof spaces | typeof groups | typeof bookmarks, userId: string) =>
  sql`(select count(*)::int from ${table} where user_id = ${userId} and deleted_at is null)`

export async function getMe(db: Database, userId: string): Promise<MeRow> {
  const rows = await execute(
    db,
    sql`select u.email, u.name, u.avatar_url, to_json(u.created_at) #>> '{}' as created_at,
      ${liveCount(spaces, userId)} as spaces, ${liveCount(groups, userId)} as groups,
      ${liveCount(bookmarks, userId)} as bookmarks
    from (select 1) one left join ${users} u on u.id = ${userId}`
  )
  return rows[0] as MeRow
}

/** Hard delete: the foreign keys cascade to every row the user owns. */
export async function deleteMe(db: Database, userId: string): Promise<void> {
  await execute(db, sql`delete from ${users} where id = ${userId}`)
}
