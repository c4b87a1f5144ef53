// Profile statements: one round trip each.
import { sql } from 'drizzle-orm'
import { type Database, execute } from '../../db/client'
import { accountResets, users } from '../../db/schema'
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

/**
 * Hard delete: the foreign keys cascade to every row the user owns, outcomes included. In the same statement the
 * account's tombstone counts one more deletion (account_resets), so that what a device made before it is refused
 * with `account_reset` instead of creating the data again (sync.handlers.ts). Deleting an account with no data
 * counts too: a device's pending changes from before still predate the person's "delete everything".
 */
export async function deleteMe(db: Database, userId: string): Promise<void> {
  await execute(
    db,
    sql`with gone as (delete from ${users} where id = ${userId})
    insert into ${accountResets} (user_id, generation) values (${userId}, 1)
    on conflict (user_id) do update set generation = ${accountResets.generation} + 1, reset_at = now()`
  )
}
