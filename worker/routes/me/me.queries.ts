// Profile statements: one round trip each.
import { sql } from 'drizzle-orm'
import { type Database, execute } from '../../db/client'
import { users } from '../../db/schema'
import { liveCounts } from '../shared/live'

export type MeRow = {
  email: string | null
  name: string | null
  avatar_url: string | null
  created_at: string | null
  spaces: number
  groups: number
  bookmarks: number
}

export async function getMe(db: Database, userId: string): Promise<MeRow> {
  const rows = await execute(
    db,
    sql`select u.email, u.name, u.avatar_url, to_json(u.created_at) #>> '{}' as created_at,
      ${liveCounts(userId)}
    from (select 1) one left join ${users} u on u.id = ${userId}`
  )
  return rows[0] as MeRow
}

/** Hard delete: the foreign keys cascade to every row the user owns. */
export async function deleteMe(db: Database, userId: string): Promise<void> {
  await execute(db, sql`delete from ${users} where id = ${userId}`)
}
