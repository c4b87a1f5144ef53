// Shared handling of write outcomes, so every resource answers conflicts and misses the same way.
import { type SQL, sql } from 'drizzle-orm'
import { users } from '../../db/schema'
import { isUniqueViolation } from '../../db/versioned'
import { ApiError } from '../../lib/errors'

/**
 * The `v` CTE of db/versioned.ts (create the user's row on first write, bump sync_version under its row
 * lock), but only when `guard` holds: a write that finds nothing to change (a missing or foreign id, a
 * parent that is not the caller's) then changes nothing at all, not even the caller's version.
 * Every other CTE joins `v`, so an empty `v` stops them all.
 */
export function guardedVersionCte(userId: string, guard: SQL): SQL {
  return sql`v as (
    insert into ${users} (id, sync_version) select ${userId}, 1 where ${guard}
    on conflict (id) do update set sync_version = ${users.syncVersion} + 1, updated_at = now()
    returning sync_version
  )`
}

/** Runs an insert; a taken id (by anyone: ids are global) becomes 409 without revealing the other row. */
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
