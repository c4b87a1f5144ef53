// The bookmarks statements; each is one round trip, a bulk import included.
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm'
import type { Bookmark, WritableFields } from '../../../model/entities'
import { writableFields } from '../../../model/fields'
import { positionSuffix } from '../../../model/position'
import { type Database, execute } from '../../db/client'
import { type BookmarkRow, bookmarks, groups } from '../../db/schema'
import {
  assignments,
  bumpVersionCte,
  columnList,
  dataColumns,
  mapRow,
  recordsetDefs
} from '../../db/versioned'
import type { JsonText } from '../../lib/json-text'
import { apiRow, jsonArrayText } from '../shared/api-json'
import { liveRow } from '../shared/live'
import { keyset, type PageKey } from '../shared/page'
import { afterLast, oneAfter, runSuffix } from '../shared/positions'
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
import { freshnessCheck, type GuardedRow, retryOnStaleSnapshot, tombstone } from '../shared/writes'

/** One page of the user's bookmarks by (group, position, id), after `after`: `limit + 1` rows, the last saying more follow. */
export function listBookmarks(
  db: Database,
  userId: string,
  filter: { groupId?: string; spaceId?: string; includeArchived: boolean; limit: number; after?: PageKey }
) {
  const keys = keyset(
    { parent: bookmarks.groupId, position: bookmarks.position, id: bookmarks.id },
    filter.after
  )
  return db
    .select()
    .from(bookmarks)
    .where(
      and(
        eq(bookmarks.userId, userId),
        isNull(bookmarks.deletedAt),
        filter.groupId ? eq(bookmarks.groupId, filter.groupId) : undefined,
        filter.spaceId ? eq(bookmarks.spaceId, filter.spaceId) : undefined,
        filter.includeArchived ? undefined : eq(bookmarks.isArchived, false),
        keys.after
      )
    )
    .orderBy(...keys.orderBy)
    .limit(filter.limit + 1)
}

export type NewBookmark = {
  id: string
  groupId: string
  spaceId?: string
  position?: string
} & WritableFields<'bookmark'>

/** The columns a bulk create fills from its input: the id, the parents and the bookmark's writable fields. */
const inputColumns = dataColumns(bookmarks, [
  'id',
  'groupId',
  'spaceId',
  ...Object.keys(writableFields.bookmark)
])
const filled = inputColumns.filter((c) => c.name !== 'space_id' && c.name !== 'group_id')

/**
 * Inserts bookmarks at their given positions, the others after the end of their groups in the order given
 * (shared/positions.ts: one base key per group, then fixed-width rank digits), in one statement, answering them as
 * the API's JSON text (in input order; shared/api-json.ts), which a 5,000-bookmark import passes on without
 * parsing. Every group must be the user's (and the
 * given spaceId its space) or nothing is written: the groups not found are returned instead. Past one of the
 * account's quotas (counted in the same statement) it throws the 403 and writes nothing.
 */
export async function insertBookmarks(
  db: Database,
  userId: string,
  list: NewBookmark[]
): Promise<{ created: number; json: JsonText<Bookmark[]>; missingGroups: string[] }> {
  // Each bookmark without a key gets the digits that follow its group's base: its index among those, in order.
  const counts = new Map<string, number>()
  const suffix = positionSuffix()
  const input = JSON.stringify(
    list.map((b, ord) => {
      let tail: string | null = null
      if (b.position === undefined) {
        const index = counts.get(b.groupId) ?? 0
        counts.set(b.groupId, index + 1)
        tail = runSuffix(index, suffix)
      }
      return {
        ...Object.fromEntries(inputColumns.map((c) => [c.name, b[c.key as keyof NewBookmark] ?? null])),
        position: b.position ?? null,
        tail,
        ord
      }
    })
  )
  const adding = {
    bookmarks: list.length,
    bytes: list.reduce((sum, b) => sum + textBytes('bookmark', b), 0)
  }
  const rows = await retryOnStaleSnapshot(db, userId, (executor) =>
    execute(
      executor,
      sql`with ${quotaCtes(userId, adding)},
    input as (
      select * from jsonb_to_recordset(${input}::jsonb)
        as t(${recordsetDefs(inputColumns, 'position text, tail text, ord int')})
    ),
    target as (
      select i.*, g.space_id as group_space_id from input i
      join ${groups} g on g.id = i.group_id and g.user_id = ${userId} and g.deleted_at is null
        and (i.space_id is null or i.space_id = g.space_id)
    ),
    missing as (select distinct group_id from input except select group_id from target),
    ${bumpVersionCte(userId, sql`not exists (select 1 from missing) and ${withinQuota}`)},
    -- Materialized: inlined, the planner (which expects one input row) ran it again for every row of the join:
    -- a second 5,000-bookmark import into one group took 6-20 s instead of 0.3 s (bench/sync.ts).
    ends as materialized (
      select g.group_id, ${afterLast(
        userId,
        sql`select max(b.position) from ${bookmarks} b
        where b.user_id = ${userId} and b.deleted_at is null and b.group_id = g.group_id`
      )} as base
      from (select distinct group_id from target where tail is not null) g
    ),
    ins as (
      insert into ${bookmarks} (${columnList(filled)}, user_id, space_id, group_id, position, version)
      select ${columnList(filled, 't.')}, ${userId}, t.group_space_id, t.group_id,
        coalesce(t.position, ends.base || t.tail), v.sync_version
      from target t cross join v left join ends on ends.group_id = t.group_id
      where not exists (select 1 from missing)
      order by t.ord
      returning *
    )
    select (select count(*) from ins)::int as created,
      ${jsonArrayText(sql`row_to_json(api)::text`, sql`from ins t ${apiRow(bookmarks, 't')}`)} as rows,
      coalesce((select json_agg(group_id) from missing), '[]'::json) as missing, ${quotaColumn(userId)},
      ${freshnessCheck(userId)} as fresh`
    )
  )
  const result = rows[0] as {
    created: number
    rows: JsonText<Bookmark[]>
    missing: string[]
    quota: QuotaCheck
  }
  // Groups that are not the user's are the request's own mistake: they answer 404 before any quota.
  if (result.missing.length === 0) refuseOverQuota(result.quota, adding)
  return { created: result.created, json: result.rows, missingGroups: result.missing }
}

/**
 * Changes the named fields. With `position`, the bookmark takes that key (a move within its group, or to where
 * the key says in `groupId`'s list); with `groupId` and no position, it moves to the end of that group (and into
 * its space). Either way that row only changes.
 */
export async function updateBookmark(
  db: Database,
  userId: string,
  id: string,
  patch: Record<string, unknown> & { groupId?: string }
): Promise<{ row?: BookmarkRow; parentFound: boolean }> {
  const { groupId, ...fields } = patch
  const set: SQL[] = [...assignments(fields), sql`version = v.sync_version`, sql`updated_at = now()`]
  const target = groupId
    ? sql`select id, space_id from ${groups} where id = ${groupId} and user_id = ${userId} and deleted_at is null`
    : sql`select null::text as id, null::text as space_id`
  if (groupId) {
    set.push(sql`group_id = target.id`, sql`space_id = target.space_id`)
    const end = oneAfter(
      afterLast(
        userId,
        sql`select max(position) from ${bookmarks} where user_id = ${userId} and group_id = target.id and deleted_at is null`
      )
    )
    if (fields.position === undefined)
      set.push(sql`position = case when b.group_id = target.id then b.position else ${end} end`)
  }
  const quota = updateQuota(userId, 'bookmark', id, fields)
  const rows = await retryOnStaleSnapshot(db, userId, (executor) =>
    execute(
      executor,
      sql`with ${quota.ctes} target as (${target}),
    ${bumpVersionCte(userId, sql`${liveRow(bookmarks, userId, id)} and exists (select 1 from target) and ${quota.guard}`)},
    upd as (
      update ${bookmarks} b set ${sql.join(set, sql`, `)}
      from v, target
      where b.id = ${id} and b.user_id = ${userId} and b.deleted_at is null
      returning b.*
    )
    select exists(select 1 from target) as parent_found, (select row_to_json(upd) from upd) as row, ${quota.column}`
    )
  )
  const result = rows[0] as GuardedRow & { quota: GrowthCheck | null }
  // A missing target parent is the request's own mistake: it answers 404 before any quota.
  if (result.parent_found) refuseGrowthOverQuota(result.quota)
  return {
    row: result.row ? mapRow(bookmarks, result.row) : undefined,
    parentFound: Boolean(result.parent_found)
  }
}

export const deleteBookmark = (db: Database, userId: string, id: string) =>
  tombstone(db, userId, bookmarks, id)

export function reorderBookmarks(db: Database, userId: string, groupId: string, orderedIds: string[]) {
  return reorderStatement(db, {
    table: bookmarks,
    userId,
    orderedIds,
    parent: { column: 'group_id', id: groupId },
    what: 'group'
  })
}
