// Shared handling of write outcomes, so every resource answers conflicts and misses the same way.
import { type SQL, sql } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { type Database, type Executor, execute } from '../../db/client'
import { users } from '../../db/schema'
import { bumpVersionCte, isUniqueViolation } from '../../db/versioned'
import { ApiError, errorChain } from '../../lib/errors'
import { type EntityTable, liveRow } from './live'

/**
 * Positions (max + 1, a reorder's ranking) are computed from the statement's snapshot, taken before the
 * statement waits for the user's row lock in `v`. If another write of this user committed in between, the
 * snapshot is stale and two items could share a position. Every write of a user bumps sync_version under
 * that lock, so staleness shows as `v.sync_version` ≠ the snapshot's version + 1. This expression is null
 * when the snapshot is current and raises `stale_snapshot` otherwise (aborting the whole statement, which
 * `retryOnStaleSnapshot` then runs again with a fresh snapshot). Uncontended writes stay one round trip.
 */
export function freshnessCheck(userId: string): SQL {
  return sql`(select case
      when v.sync_version <> coalesce((select u.sync_version from ${users} u where u.id = ${userId}), 0) + 1
      then ('stale_snapshot:' || v.sync_version)::int
    end from v)`
}

/** A stale attempt, then one under the lock; more only for a user's very first writes racing (no row to lock). */
const MAX_ATTEMPTS = 4

function isStaleSnapshot(err: unknown): boolean {
  for (const { message } of errorChain(err)) if (message.includes('"stale_snapshot:')) return true
  return false
}

/**
 * Runs a statement that embeds `freshnessCheck`: uncontended, that is its one round trip. When another write
 * of the user committed while it waited for the user's lock, it runs again in a transaction that takes that
 * lock first, so the statement's new snapshot is taken under the lock and is current (BEGIN, lock, statement,
 * COMMIT: 4 more round trips, paid only by a write that lost a race). Plain retries could lose again and
 * again while many writes of one user queue up (40 creates against 40 deletes ran out of attempts).
 */
export async function retryOnStaleSnapshot<T>(
  db: Database,
  userId: string,
  run: (executor: Executor) => Promise<T>,
  /** What the retry locks first: the user's row, unless the statement needs more (me.queries.ts). */
  lock: SQL = sql`select 1 from ${users} where id = ${userId} for update`
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (attempt === 1) return await run(db)
      return await db.transaction(async (tx) => {
        await execute(tx, lock)
        return run(tx)
      })
    } catch (err) {
      if (!isStaleSnapshot(err)) throw err
      if (attempt >= MAX_ATTEMPTS) {
        throw new ApiError(503, 'db_unavailable', 'Too many simultaneous changes; try again', undefined, {
          'Retry-After': '1'
        })
      }
    }
  }
}

/** Runs an insert; an id the caller already has becomes 409 (another user's id is free: keys are per user). */
export async function insertOrConflict<T>(what: string, id: string, insert: () => Promise<T>): Promise<T> {
  try {
    return await insert()
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError(409, 'conflict', `A ${what} with id ${id} already exists`)
    throw err
  }
}

/** Result of a statement that may also check a target parent (move, create under a parent). */
export type GuardedRow = { parent_found: boolean | null; row: Record<string, unknown> | null }

/**
 * Tombstones one row and the live rows under it (`children`: each table with its column naming the parent),
 * all stamped with one new version, in one statement. False when the row was not found.
 *
 * A cascade reads the children from the statement's snapshot: a child another write of the user committed
 * while this one waited for the user's lock (a group created in the space, a bulk import into the group)
 * would stay live under a deleted parent. So a cascading delete checks its snapshot like a positional write
 * and runs again when it is stale; a delete without children does not need to.
 */
export async function tombstone(
  db: Database,
  userId: string,
  table: EntityTable,
  id: string,
  children: { table: EntityTable; parent: AnyPgColumn }[] = []
): Promise<boolean> {
  const cascades = children.map(
    (child, i) => sql`, gone_${sql.raw(String(i))} as (
      update ${child.table} set deleted_at = now(), updated_at = now(), version = v.sync_version from v, gone
      where ${child.parent} = gone.id and ${child.table.userId} = ${userId} and ${child.table.deletedAt} is null
    )`
  )
  const check = children.length > 0 ? freshnessCheck(userId) : sql`null`
  const rows = await retryOnStaleSnapshot(db, userId, (executor) =>
    execute(
      executor,
      sql`with ${bumpVersionCte(userId, liveRow(table, userId, id))},
    gone as (
      update ${table} set deleted_at = now(), updated_at = now(), version = v.sync_version from v
      where ${table.id} = ${id} and ${table.userId} = ${userId} and ${table.deletedAt} is null
      returning ${table.id}
    )${sql.join(cascades)}
    select count(*)::int as deleted, ${check} as fresh from gone`
    )
  )
  return (rows[0] as { deleted: number }).deleted > 0
}
