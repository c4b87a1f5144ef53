// The groups statements; each is one round trip.
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm'
import { type Database, execute } from '../../db/client'
import { bookmarks, type GroupRow, groups, spaces } from '../../db/schema'
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
import { type GuardedRow, retryOnStaleSnapshot, tombstone } from '../shared/writes'

/** One page of the user's groups by (space, position, id), after `after`: `limit + 1` rows, the last saying more follow. */
export function listGroups(
  db: Database,
  userId: string,
  page: { spaceId?: string; includeArchived: boolean; limit: number; after?: PageKey }
) {
  const keys = keyset({ parent: groups.spaceId, position: groups.position, id: groups.id }, page.after)
  return db
    .select()
    .from(groups)
    .where(
      and(
        eq(groups.userId, userId),
        isNull(groups.deletedAt),
        page.spaceId ? eq(groups.spaceId, page.spaceId) : undefined,
        page.includeArchived ? undefined : eq(groups.isArchived, false),
        keys.after
      )
    )
    .orderBy(...keys.orderBy)
    .limit(page.limit + 1)
}

/** A key after the last of a space's groups (shared/positions.ts). */
const endOfSpace = (userId: string, spaceId: SQL) =>
  oneAfter(
    afterLast(
      userId,
      sql`select max(position) from ${groups} where user_id = ${userId} and space_id = ${spaceId} and deleted_at is null`
    )
  )

type NewGroup = { id: string; spaceId: string; name: string; icon: string | null; position?: string }

/**
 * Inserts at the given position, or at the end of the space; undefined when the space is not the user's (or is deleted). Past one of
 * the account's quotas (counted in the same statement) it throws the 403 and writes nothing.
 */
export async function insertGroup(
  db: Database,
  userId: string,
  group: NewGroup
): Promise<GroupRow | undefined> {
  const spaceFound = liveRow(spaces, userId, group.spaceId)
  const adding = { groups: 1, bytes: textBytes('group', group) }
  const rows = await retryOnStaleSnapshot(db, userId, (executor) =>
    execute(
      executor,
      sql`with ${quotaCtes(userId, adding)},
    ${bumpVersionCte(userId, sql`${spaceFound} and ${withinQuota}`)},
    ins as (
      insert into ${groups} (id, user_id, space_id, name, icon, position, version)
      select ${group.id}, ${userId}, s.id, ${group.name}, ${group.icon},
        ${group.position ?? endOfSpace(userId, sql`s.id`)}, v.sync_version
      from v, ${spaces} s
      where s.id = ${group.spaceId} and s.user_id = ${userId} and s.deleted_at is null
      returning *
    )
    select (select row_to_json(ins) from ins) as row, ${spaceFound} as parent_found, ${quotaColumn(userId)}`
    )
  )
  const result = rows[0] as GuardedRow & { quota: QuotaCheck }
  // A missing space is the request's own mistake: it answers 404 before any quota.
  if (result.parent_found) refuseOverQuota(result.quota, adding)
  return result.row ? mapRow(groups, result.row) : undefined
}

/**
 * Changes the named fields. With `position`, the group takes that key (a move within its list, or to where the
 * key says in `spaceId`'s list): that row only. With `spaceId` and no position, it moves to the end of that space.
 * Its bookmarks (tombstones too, which the foreign key requires) follow a change of space, stamped with the same
 * version; no other group changes.
 */
export async function updateGroup(
  db: Database,
  userId: string,
  id: string,
  patch: { name?: string; icon?: string | null; isArchived?: boolean; spaceId?: string; position?: string }
): Promise<{ row?: GroupRow; parentFound: boolean }> {
  const { spaceId, ...fields } = patch
  const set: SQL[] = [...assignments(fields), sql`version = v.sync_version`, sql`updated_at = now()`]
  const target = spaceId
    ? sql`select id from ${spaces} where id = ${spaceId} and user_id = ${userId} and deleted_at is null`
    : sql`select null::text as id`
  if (spaceId) {
    set.push(sql`space_id = target.id`)
    if (fields.position === undefined)
      set.push(
        sql`position = case when g.space_id = target.id then g.position else ${endOfSpace(userId, sql`target.id`)} end`
      )
  }
  const quota = updateQuota(userId, 'group', id, fields)
  const rows = await retryOnStaleSnapshot(db, userId, (executor) =>
    execute(
      executor,
      sql`with ${quota.ctes} target as (${target}),
    ${bumpVersionCte(userId, sql`${liveRow(groups, userId, id)} and exists (select 1 from target) and ${quota.guard}`)},
    upd as (
      update ${groups} g set ${sql.join(set, sql`, `)}
      from v, target
      where g.id = ${id} and g.user_id = ${userId} and g.deleted_at is null
      returning g.*
    ),
    carried as (
      update ${bookmarks} b set space_id = upd.space_id, version = v.sync_version, updated_at = now()
      from upd, v
      where b.group_id = upd.id and b.user_id = ${userId} and b.space_id <> upd.space_id
    )
    select exists(select 1 from target) as parent_found, (select row_to_json(upd) from upd) as row, ${quota.column}`
    )
  )
  const result = rows[0] as GuardedRow & { quota: GrowthCheck | null }
  // A missing target parent is the request's own mistake: it answers 404 before any quota.
  if (result.parent_found) refuseGrowthOverQuota(result.quota)
  return {
    row: result.row ? mapRow(groups, result.row) : undefined,
    parentFound: Boolean(result.parent_found)
  }
}

/** Tombstones the group and its bookmarks with one version. Returns false when not found. */
export const deleteGroup = (db: Database, userId: string, id: string) =>
  tombstone(db, userId, groups, id, [{ table: bookmarks, parent: bookmarks.groupId }])

export function reorderGroups(db: Database, userId: string, spaceId: string, orderedIds: string[]) {
  return reorderStatement(db, {
    table: groups,
    userId,
    orderedIds,
    parent: { column: 'space_id', id: spaceId },
    what: 'space'
  })
}
