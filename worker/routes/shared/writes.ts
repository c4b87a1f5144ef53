// Shared handling of write outcomes, so every resource answers conflicts and misses the same way.
import { isUniqueViolation } from '../../db/versioned'
import { ApiError } from '../../lib/errors'

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
