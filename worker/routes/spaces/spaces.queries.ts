// The spaces statements; each is one round trip.
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm'
import { type Database, execute } from '../../db/client'
import { bookmarks, groups, type SpaceRow, spaces } from '../../db/schema'
import { assignments, bumpVersionCte, mapRow } from '../../db/versioned'
import { liveRow } from '../shared/live'
import { keyset, type PageKey } from '../shared/page'
import { afterLast, oneAfter } from '../shared/positions'
import {
  type GrowthCheck,
  type QuotaCheck,
  quotaColumn,
  quotaCtes,
  refuseGrowthOverQuota,
  refuseOverQuota,
  textBytes,
  updateQuota,
  withinQuota
} from '../shared/quota'
import { reorderStatement } from '../shared/reorder'
import { retryOnStaleSnapshot, tombstone } from '../shared/writes'

/** One page of the user's spaces by (position, id), after `after`: `limit + 1` rows, the last saying more follow. */
export function listSpaces(
  db: Database,
  userId: string,
  page: { includeArchived: boolean; limit: number; after?: PageKey }
) {
  const keys = keyset({ position: spaces.position, id: spaces.id }, page.after)
  return db
    .select()
    .from(spaces)
    .where(
      and(
        eq(spaces.userId, userId),
        isNull(spaces.deletedAt),
        page.includeArchived ? undefined : eq(spaces.isArchived, false),
        keys.after
      )
    )
    .orderBy(...keys.orderBy)
    .limit(page.limit + 1)
}

type NewSpace = { id: string; name: string; icon: string; color: string | null; position?: string }

/**
 * Inserts at the given position, or at the end of the user's list (shared/positions.ts), within the account's quotas (counted in the same statement; past one
 * it throws the 403 and writes nothing). A taken id raises a unique violation (the caller answers 409).
 */
export async function insertSpace(db: Database, userId: string, space: NewSpace): Promise<SpaceRow> {
  const adding = { spaces: 1, bytes: textBytes('space', space) }
  const rows = await retryOnStaleSnapshot(db, userId, (executor) =>
    execute(
      executor,
      sql`with ${quotaCtes(userId, adding)},
    ${bumpVersionCte(userId, withinQuota)},
    ins as (
      insert into ${spaces} (id, user_id, name, icon, color, position, version)
      select ${space.id}, ${userId}, ${space.name}, ${space.icon}, ${space.color},
        ${space.position ?? oneAfter(afterLast(userId, sql`select max(position) from ${spaces} where user_id = ${userId} and deleted_at is null`))},
        v.sync_version
      from v
      returning *
    )
    select (select row_to_json(ins) from ins) as row, ${quotaColumn(userId)}`
    )
  )
  const result = rows[0] as { row: Record<string, unknown> | null; quota: QuotaCheck }
  refuseOverQuota(result.quota, adding)
  if (!result.row) throw new Error('the space insert wrote no row within its quota')
  return mapRow(spaces, result.row)
}

/**
 * Changes the named fields; undefined when the space is not the user's. Text that grows the account past its
 * bytes quota (counted in the same statement) throws the 403 and changes nothing.
 */
export async function updateSpace(
  db: Database,
  userId: string,
  id: string,
  patch: Record<string, unknown>
): Promise<SpaceRow | undefined> {
  const set: SQL[] = [...assignments(patch), sql`version = v.sync_version`, sql`updated_at = now()`]
  const quota = updateQuota(userId, 'space', id, patch)
  const rows = await retryOnStaleSnapshot(db, userId, (executor) =>
    execute(
      executor,
      sql`with ${quota.ctes} ${bumpVersionCte(userId, sql`${liveRow(spaces, userId, id)} and ${quota.guard}`)},
    upd as (
      update ${spaces} set ${sql.join(set, sql`, `)}
      from v
      where ${spaces.id} = ${id} and ${spaces.userId} = ${userId} and ${spaces.deletedAt} is null
      returning ${spaces}.*
    )
    select (select row_to_json(upd) from upd) as row, ${quota.column}`
    )
  )
  const result = rows[0] as { row: Record<string, unknown> | null; quota: GrowthCheck | null }
  refuseGrowthOverQuota(result.quota)
  return result.row ? mapRow(spaces, result.row) : undefined
}

/** Tombstones the space and everything under it, stamped with one version. Returns false when not found. */
export const deleteSpace = (db: Database, userId: string, id: string) =>
  tombstone(db, userId, spaces, id, [
    { table: groups, parent: groups.spaceId },
    { table: bookmarks, parent: bookmarks.spaceId }
  ])

export function reorderSpaces(db: Database, userId: string, orderedIds: string[]) {
  return reorderStatement(db, { table: spaces, userId, orderedIds, what: 'space list' })
}
