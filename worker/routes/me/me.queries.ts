// Profile statements: one round trip each.
import { sql } from 'drizzle-orm'
import { type Database, execute } from '../../db/client'
import { accountResets, syncMutations, users } from '../../db/schema'
import { liveCounts } from '../shared/live'
import { retryOnStaleSnapshot } from '../shared/writes'

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
 * Hard delete: the foreign keys cascade to every row the user owns, and the pushes' outcomes (which have no foreign
 * key, see worker/db/schema/sync-mutations.ts) are deleted beside them. In the same statement the
 * account's tombstone counts one more deletion (account_resets), so that what a device made before it is refused
 * with `account_reset` instead of creating the data again (sync.handlers.ts). Deleting an account with no data
 * counts too: a device's pending changes from before still predate the person's "delete everything".
 *
 * A push locks the account_resets row to its commit (sync.queries.ts lockGeneration). A push that began before
 * this statement's snapshot and wrote the account's first rows is invisible to it, and there was no user row to
 * wait on: the delete would miss them. Such a push has changed the account_resets row since the snapshot, so the
 * deletion counts only if the row is as the snapshot saw it (its xmin); otherwise it runs again under the locks.
 */
export async function deleteMe(db: Database, userId: string): Promise<void> {
  await retryOnStaleSnapshot(
    db,
    userId,
    (executor) =>
      execute(
        executor,
        sql`with gone as (delete from ${users} where id = ${userId} returning 1),
    gone_outcomes as (delete from ${syncMutations} where user_id = ${userId}),
    seen as (select xmin from ${accountResets} where user_id = ${userId}),
    reset as (
      insert into ${accountResets} (user_id, generation)
      select ${userId}, 1 from (select count(*) from gone) g, (select count(*) from seen) s
      on conflict (user_id) do update set generation = ${accountResets.generation} + 1, reset_at = now()
      where ${accountResets}.xmin = (select xmin from seen)
      returning 1
    )
    select case when not exists (select 1 from reset) then ('stale_snapshot:' || (select count(*) from reset))::int
      end as fresh`
      ),
    // The user's row (made if need be, and deleted by the statement) and then the account_resets row: the lock
    // order of a push.
    sql`with u as (
      insert into ${users} (id) values (${userId}) on conflict (id) do update set updated_at = now() returning 1
    )
    insert into ${accountResets} (user_id, generation) select ${userId}, 0 from u
    on conflict (user_id) do update set generation = ${accountResets.generation}`
  )
}
