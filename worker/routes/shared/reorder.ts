// One statement that reorders a whole list (spaces, a space's groups, a group's bookmarks) through the REST API.

import { sql } from 'drizzle-orm'
import { type Database, execute } from '../../db/client'
import type { bookmarks, groups, spaces } from '../../db/schema'
import { bumpVersionCte } from '../../db/versioned'
import { ApiError } from '../../lib/errors'
import { rankPositionSql } from './positions'
import { freshnessCheck, retryOnStaleSnapshot } from './writes'

type Reorder = {
  table: typeof spaces | typeof groups | typeof bookmarks
  userId: string
  orderedIds: string[]
  /** For groups and bookmarks: the parent column and id the list belongs to. */
  parent?: { column: 'space_id' | 'group_id'; id: string }
  /** The list the ids must belong to, for the error message ("space", "group"). */
  what: string
}

/**
 * Listed ids come first in the given order; the list's other items follow in their old order. The list is spread
 * anew (model/position.ts rankPosition: rank keys c000, c001, …), a bulk operation like a sort: only rows whose key
 * changed get a new version. (Moving one item is a PATCH with its `position`, which writes that row only.) If any id is not an item
 * of this user's list, nothing changes (not even the user's version) and the caller gets 404.
 */
export async function reorderStatement(db: Database, r: Reorder): Promise<number> {
  const parentFilter = r.parent ? sql`and ${sql.identifier(r.parent.column)} = ${r.parent.id}` : sql``
  const rows = await retryOnStaleSnapshot(db, r.userId, (executor) =>
    execute(
      executor,
      sql`with
    input as (select id, ord from jsonb_array_elements_text(${JSON.stringify(r.orderedIds)}::jsonb) with ordinality as t(id, ord)),
    list as (
      select id, position from ${r.table}
      where user_id = ${r.userId} and deleted_at is null ${parentFilter}
    ),
    complete as (select count(*) = ${r.orderedIds.length} as ok from input join list using (id)),
    ${bumpVersionCte(r.userId, sql`(select ok from complete)`)},
    ranked as (
      select list.id, ${rankPositionSql(sql`row_number() over (order by input.ord is null, input.ord, list.position, list.id collate "C") - 1`)} as pos
      from list left join input using (id)
    ),
    moved as (
      update ${r.table} t set position = ranked.pos, version = v.sync_version, updated_at = now()
      from ranked, v, complete
      where complete.ok and t.user_id = ${r.userId} and t.id = ranked.id and t.position <> ranked.pos
      returning t.id
    )
    select (select ok from complete) as ok, (select count(*)::int from moved) as updated,
      ${freshnessCheck(r.userId)} as fresh`
    )
  )
  const result = rows[0] as { ok: boolean; updated: number }
  if (!result.ok) throw new ApiError(404, 'not_found', `Some ids are not items of this ${r.what}`)
  return result.updated
}
