// Retention of sync history, run by the Worker's Cron Trigger (worker/index.ts): pushed-mutation outcomes and
// tombstones are purged once past their windows, a bounded amount of work per run.
import { type SQL, sql } from 'drizzle-orm'
import { type Database, execute } from '../../db/client'
import { bookmarks, groups, spaces, syncMutations, users } from '../../db/schema'

/**
 * An outcome answers a replay of its mutation id: a push whose answer was lost, which the extension sends again
 * on its next cycle (within a minute while online, or when the device is back). 30 days covers a device that
 * lost an answer and then stayed offline for a month. A replay after that is applied as new: a create finds its
 * row (`already_exists`), a delete finds it gone; only an update would write its fields again.
 */
export const OUTCOME_RETENTION_DAYS = 30

/**
 * A tombstone tells devices that have not pulled since a delete to drop the row. A device away longer than
 * 90 days (a whole season unused) then gets `reset: true` and pulls a full copy, keeping its outbox: one full
 * pull instead of keeping every deleted row (a full row: title, URL, notes) forever.
 */
export const TOMBSTONE_RETENTION_DAYS = 90

/** Per statement and per run: an hourly run purges at most 100,000 outcomes and 1,000 users' tombstones. */
const OUTCOMES_PER_STATEMENT = 5_000
const USERS_PER_TRANSACTION = 50
const ROUNDS = 20

export type PurgeReport = { outcomes: number; tombstones: number; users: number }

const before = (days: number) => sql`now() - make_interval(days => ${days}::int)`

/** One batch of the oldest expired outcomes; rows a push is writing now are skipped, not waited for. */
async function purgeOutcomes(db: Database): Promise<number> {
  const rows = await execute(
    db,
    sql`with doomed as (
      select user_id, kind, mutation_id from ${syncMutations}
      where created_at < ${before(OUTCOME_RETENTION_DAYS)}
      order by created_at limit ${OUTCOMES_PER_STATEMENT}
      for update skip locked
    ), gone as (
      delete from ${syncMutations} m using doomed d
      where m.user_id = d.user_id and m.kind = d.kind and m.mutation_id = d.mutation_id
      returning 1
    )
    select count(*)::int as n from gone`
  )
  return Number(rows[0]?.n ?? 0)
}

/**
 * A row with nothing under it that must stay: a tombstone whose subtree is all expired tombstones. A parent
 * deleted with live or newer rows under it (a race of old versions could leave that) waits, so that its
 * cascade can never take a live row, nor a tombstone newer than the horizon recorded below.
 */
const keeps = (deletedAt: SQL, cutoff: SQL) => sql`(${deletedAt} is null or ${deletedAt} >= ${cutoff})`

/**
 * One transaction for a few users with expired tombstones: their rows locked first (FOR UPDATE, as every write
 * locks the user first, so a purge and a write of the same user take turns and cannot deadlock; users being
 * written now are skipped), then their expired tombstones deleted and `users.purged_version` raised to the
 * highest version purged, in one statement: a pull sees both or neither, and resets a cursor before it.
 */
async function purgeTombstones(
  db: Database,
  after: string
): Promise<{ last: string | undefined; users: number; tombstones: number }> {
  const cutoff = before(TOMBSTONE_RETENTION_DAYS)
  return db.transaction(async (tx) => {
    // Users after `after` only: a user whose tombstones must wait (see `keeps`) is passed, never retried forever.
    const expired = (table: typeof spaces | typeof groups | typeof bookmarks) =>
      sql`(select user_id from ${table} where deleted_at < ${cutoff} and user_id > ${after} limit 500)`
    const locked = await execute(
      tx,
      sql`select id from ${users} where id in (
        ${expired(spaces)} union ${expired(groups)} union ${expired(bookmarks)}
      ) order by id limit ${USERS_PER_TRANSACTION} for update skip locked`
    )
    const last = locked.at(-1)?.id
    if (last === undefined) return { last: undefined, users: 0, tombstones: 0 }
    const ids = JSON.stringify(locked.map((r) => String(r.id)))
    const mine = (alias: string) =>
      sql`${sql.raw(alias)}.user_id in (select jsonb_array_elements_text(${ids}::jsonb))`
    const rows = await execute(
      tx,
      sql`with
      gone_bookmarks as (
        delete from ${bookmarks} b where ${mine('b')} and b.deleted_at < ${cutoff}
        returning b.user_id, b.version
      ),
      gone_groups as (
        delete from ${groups} g where ${mine('g')} and g.deleted_at < ${cutoff}
          and not exists (select 1 from ${bookmarks} c
            where c.user_id = g.user_id and c.group_id = g.id and ${keeps(sql`c.deleted_at`, cutoff)})
        returning g.user_id, g.version
      ),
      gone_spaces as (
        delete from ${spaces} s where ${mine('s')} and s.deleted_at < ${cutoff}
          and not exists (select 1 from ${groups} c
            where c.user_id = s.user_id and c.space_id = s.id and ${keeps(sql`c.deleted_at`, cutoff)})
          and not exists (select 1 from ${groups} c join ${bookmarks} b on b.user_id = c.user_id and b.group_id = c.id
            where c.user_id = s.user_id and c.space_id = s.id and ${keeps(sql`b.deleted_at`, cutoff)})
        returning s.user_id, s.version
      ),
      gone as (
        select * from gone_bookmarks union all select * from gone_groups union all select * from gone_spaces
      ),
      horizon as (
        update ${users} u set purged_version = greatest(u.purged_version, h.version)
        from (select user_id, max(version) as version from gone group by user_id) h
        where u.id = h.user_id
        returning 1
      )
      select (select count(*)::int from gone) as tombstones, (select count(*)::int from horizon) as users`
    )
    return {
      last: String(last),
      users: Number(rows[0]?.users ?? 0),
      tombstones: Number(rows[0]?.tombstones ?? 0)
    }
  })
}

/** Purges what is past its window, in rounds, until nothing is left or the run's share is done. */
export async function purgeExpired(db: Database): Promise<PurgeReport> {
  const report: PurgeReport = { outcomes: 0, tombstones: 0, users: 0 }
  for (let round = 0; round < ROUNDS; round++) {
    const n = await purgeOutcomes(db)
    report.outcomes += n
    if (n < OUTCOMES_PER_STATEMENT) break
  }
  let after = ''
  for (let round = 0; round < ROUNDS; round++) {
    const done = await purgeTombstones(db, after)
    if (done.last === undefined) break
    report.tombstones += done.tombstones
    report.users += done.users
    after = done.last
  }
  return report
}
