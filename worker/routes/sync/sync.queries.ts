// The sync statements. A pull is one statement (one snapshot, so the head version it reports covers every
// row it returns); a push is one transaction of two statements (load under the user lock, then write), and one
// more load when the lock was contended.
import { type SQL, sql } from 'drizzle-orm'
import { type Executor, execute } from '../../db/client'

import { accountResets, bookmarks, groups, spaces, syncMutations, users } from '../../db/schema'
import { bumpVersionCte, columnList, dataColumns, recordsetDefs } from '../../db/versioned'
import type { JsonText } from '../../lib/json-text'
import { apiRow, jsonArrayText } from '../shared/api-json'
import { liveCounts } from '../shared/live'
import { type Usage, usageCte } from '../shared/quota'
import type { CursorPosition } from './cursor'
import type { PullResult } from './sync.schemas'

export const entityTables = [spaces, groups, bookmarks] as const
/** The pull answer's name of each entity table, by its kind (its index in entityTables). */
export const entityNames = ['spaces', 'groups', 'bookmarks'] as const
type EntityName = (typeof entityNames)[number]
export type PullRows = {
  head: number
  epoch: number
  generation: number
  /** users.purged_version: a cursor before it may have missed a purged tombstone. */
  purged: number
  /** Rows read: limit + 1 when the page was cut. */
  count: number
  /** The last row of the page (of the first `limit`), for the next cursor; null for an empty page. */
  last: { version: number; k: number; id: string } | null
  /** Each entity's live rows as the API's JSON array, written by PostgreSQL (shared/api-json.ts). */
  live: { [N in EntityName]: JsonText<PullResult[N]> }
  /** Each entity's tombstones: a JSON array of ids. */
  deleted: { [N in EntityName]: JsonText<string[]> }
}

// Versions are bigint: read as float8 they are exact JS numbers up to 2^53, where ::int failed past 2^31.
const epochOf = (userId: string) =>
  sql`coalesce((select (extract(epoch from created_at) * 1000)::bigint from ${users} where id = ${userId}), 0)`

/** How many times the account's data was deleted (account_resets): 0 for an account never deleted. */
const generationOf = (userId: string) =>
  sql`coalesce((select generation from ${accountResets} where user_id = ${userId}), 0)`

/**
 * Rows after `from` in (version, entity, id) order, tombstones as rows without data; or, with no position,
 * every live row. Reads limit + 1 so the caller knows whether the page was cut, and answers the first `limit`
 * as JSON text ready for the response: the Worker never parses a row.
 */
export async function pullChanges(
  db: Executor,
  userId: string,
  from: CursorPosition | undefined,
  limit: number
): Promise<PullRows> {
  const filters: SQL[] = entityTables.map((_, k) =>
    from
      ? sql`t.version >= ${from.version} and (t.version, ${k}, t.id) > (${from.version}::bigint, ${from.kind}::int, ${from.id}::text)`
      : sql`t.deleted_at is null`
  )
  // The page is chosen on narrow rows (kind, id, version, live): sorted with their JSON beside them, 10,000
  // rows spilled to disk, and a page cut by the limit wrote JSON for every row past the cut.
  const parts = entityTables.map(
    (table, k) => sql`(select ${k}::int as k, t.id, t.version, t.deleted_at is null as live
      from ${table} t where t.user_id = ${userId} and ${filters[k]}
      order by t.version, t.id limit ${limit + 1})`
  )
  const arrays = entityTables.flatMap((table, k) => {
    const kind = sql.raw(String(k))
    const rowJson = sql`row_to_json(api)::text`
    // A page that was not cut holds every row the filter matches: they are read once more, in one scan. A cut
    // page reads its kept rows back by key (reading the table again would also read the rows past the cut).
    const whole = jsonArrayText(
      rowJson,
      sql`from ${table} t ${apiRow(table, 't')} where t.user_id = ${userId} and ${filters[k]} and t.deleted_at is null`,
      sql`t.version, t.id`
    )
    const cut = jsonArrayText(
      rowJson,
      sql`from kept p join ${table} t on t.user_id = ${userId} and t.id = p.id ${apiRow(table, 't')}
        where p.k = ${kind} and p.live`,
      sql`p.version, p.id`
    )
    const gone = sql`from kept p where p.k = ${kind} and not p.live`
    return [
      sql`case when (select count(*) from page) <= ${limit} then ${whole} else ${cut} end as ${sql.identifier(`live_${k}`)}`,
      sql`${jsonArrayText(sql`to_json(p.id)::text`, gone, sql`p.version, p.id`)} as ${sql.identifier(`deleted_${k}`)}`
    ]
  })
  const rows = await execute(
    db,
    sql`with page as (
      select * from (${sql.join(parts, sql` union all `)}) changes order by version, k, id limit ${limit + 1}
    ),
    kept as (select * from page order by version, k, id limit ${limit})
    select coalesce((select sync_version from ${users} where id = ${userId}), 0)::float8 as head,
      ${epochOf(userId)}::float8 as epoch, ${generationOf(userId)} as generation,
      coalesce((select purged_version from ${users} where id = ${userId}), 0)::float8 as purged,
      (select count(*) from page)::int as count,
      (select json_build_object('version', version, 'k', k, 'id', id) from kept
        order by version desc, k desc, id desc limit 1) as last,
      ${sql.join(arrays, sql`, `)}`
  )
  const row = rows[0] as Record<string, unknown>
  const byKind = (prefix: string) =>
    Object.fromEntries(entityNames.map((name, k) => [name, row[`${prefix}_${k}`]]))
  return {
    head: row.head as number,
    epoch: row.epoch as number,
    generation: row.generation as number,
    purged: row.purged as number,
    count: row.count as number,
    last: row.last as PullRows['last'],
    live: byKind('live') as PullRows['live'],
    deleted: byKind('deleted') as PullRows['deleted']
  }
}

export type StatusRow = {
  head: number
  epoch: number
  generation: number
  spaces: number
  groups: number
  bookmarks: number
}

export async function syncStatus(db: Executor, userId: string): Promise<StatusRow> {
  const rows = await execute(
    db,
    sql`select
      coalesce((select sync_version from ${users} where id = ${userId}), 0)::float8 as head,
      ${epochOf(userId)}::float8 as epoch, ${generationOf(userId)} as generation,
      ${liveCounts(userId)}`
  )
  return rows[0] as StatusRow
}

/** Whose mutation ids a batch carries (sync_mutations.kind): a client's push, or the migrate route's. */
export type MutationKind = 'push' | 'migrate'

export type Referenced = {
  kind: MutationKind
  mutationIds: string[]
  spaceIds: string[]
  groupIds: string[]
  bookmarkIds: string[]
  /** Ids the batch only moves (no create, update or delete names them): their place is all it needs of them. */
  movedGroupIds: string[]
  movedBookmarkIds: string[]
  /**
   * Lists a create without a position goes to the end of (the user's spaces; spaces' groups; groups' bookmarks):
   * the load reads their last key (PushState.ends).
   */
  spaceEnd: boolean
  groupEnds: string[]
  bookmarkEnds: string[]
}

export type LoadedRow = Record<string, unknown> & { id: string; user_id: string }
/** One list's largest live key: its parent's id (null for the spaces) and the key. */
export type ListEnd = { parent: string | null; last: string }
export type PushState = {
  version: number
  /**
   * The user's version in this statement's snapshot, taken before it waited for the row lock. When it is
   * not version - 1, another write committed in between and the rows read here are stale.
   */
  seen: number
  epoch: number
  /**
   * account_resets.generation, read under that row's lock (lockGeneration), so that a DELETE /v1/me cannot slip
   * between this read and the push's commit.
   */
  generation: number
  prior: {
    mutation_id: string
    status: 'applied' | 'rejected'
    reason: string | null
    payload_hash: string | null
  }[]
  /** Whole rows: those the batch names, and their parents. */
  spaces: LoadedRow[]
  groups: LoadedRow[]
  bookmarks: LoadedRow[]
  /**
   * The rows of Referenced.movedGroupIds and movedBookmarkIds: id, parents, position and deleted_at only. A move
   * needs nothing of the row's siblings: its key was made between them on the client.
   */
  moved?: { groups: LoadedRow[]; bookmarks: LoadedRow[] }
  /** The largest live key of each list in Referenced's ends (the spaces' under the parent null), if any. */
  ends?: { spaces: ListEnd[]; groups: ListEnd[]; bookmarks: ListEnd[] }
  /** The account's usage (its counters, shared/quota.ts), read under the lock. */
  usage?: Usage | null
}

/**
 * The `gen` CTE: the account's generation, read by locking its account_resets row (made, at generation 0, for an
 * account never deleted), after the user's row (`v`: one lock order with DELETE /v1/me, which cannot deadlock).
 * The lock is held to the push's commit: a deletion waits for the push (and then deletes what it wrote) or the
 * push waits for the deletion (and reads its new generation). A deletion of an account with no rows has no user
 * row to lock, and a snapshot read would let such a push land after it (me.queries.ts deleteMe).
 */
const lockGeneration = (userId: string) => sql`gen as (
    insert into ${accountResets} (user_id, generation) select ${userId}, 0 from v
    on conflict (user_id) do update set generation = ${accountResets.generation}
    returning generation
  )`

const asJson = (values: string[]) => sql`${JSON.stringify(values)}::jsonb`
const idIn = (column: SQL, values: string[]) =>
  sql`${column} in (select jsonb_array_elements_text(${asJson(values)}))`

/**
 * Locks the user's row and bumps its version (the push's version), then loads what the batch refers to:
 * earlier outcomes of these mutation ids, the rows named and their parents.
 * Only the user's own rows: ids are unique per user, so another user's row with the same id is no concern.
 */
export async function loadPushState(
  db: Executor,
  userId: string,
  ref: Referenced,
  bump = true
): Promise<PushState> {
  // After a stale first load (see PushState.seen) the transaction already holds the lock and its own bump.
  const version = bump
    ? bumpVersionCte(userId)
    : sql`v as (select sync_version from ${users} where id = ${userId})`
  const rows = await execute(
    db,
    sql`with ${version},
    prior as (
      -- An array, so that the ids are probes of the primary key: as a semi-join on the function, the planner
      -- (a few rows expected per user) picked a nested loop that took 6.6 s for 10,000 ids against 2,000 outcomes.
      select mutation_id, status, reason, payload_hash from ${syncMutations}
      where user_id = ${userId} and kind = ${ref.kind}
        and mutation_id = any(array(select jsonb_array_elements_text(${asJson(ref.mutationIds)})))
    ),
    bm as (
      select * from ${bookmarks} b where b.user_id = ${userId} and ${idIn(sql`b.id`, ref.bookmarkIds)}
    ),
    bm_moved as (
      select b.id, b.user_id, b.space_id, b.group_id, b.position, b.deleted_at from ${bookmarks} b
      where b.user_id = ${userId} and ${idIn(sql`b.id`, ref.movedBookmarkIds)}
    ),
    gr_moved as (
      select g.id, g.user_id, g.space_id, g.position, g.deleted_at from ${groups} g
      where g.user_id = ${userId} and ${idIn(sql`g.id`, ref.movedGroupIds)}
    ),
    gr as (
      select * from ${groups} g where g.user_id = ${userId} and (${idIn(sql`g.id`, ref.groupIds)}
        or g.id in (select group_id from bm) or g.id in (select group_id from bm_moved))
    ),
    bm_ends as (
      select b.group_id as parent, max(b.position) as last from ${bookmarks} b
      where b.user_id = ${userId} and b.deleted_at is null and ${idIn(sql`b.group_id`, ref.bookmarkEnds)}
      group by b.group_id
    ),
    gr_ends as (
      select g.space_id as parent, max(g.position) as last from ${groups} g
      where g.user_id = ${userId} and g.deleted_at is null and ${idIn(sql`g.space_id`, ref.groupEnds)}
      group by g.space_id
    ),
    sp_ends as (
      select null::text as parent, max(s.position) as last from ${spaces} s
      where ${ref.spaceEnd} and s.user_id = ${userId} and s.deleted_at is null having count(*) > 0
    ),
    sp as (
      select * from ${spaces} s where s.user_id = ${userId} and (${idIn(sql`s.id`, ref.spaceIds)}
        or s.id in (select space_id from gr)
        or s.id in (select space_id from bm)
        or s.id in (select space_id from gr_moved))
    ), ${lockGeneration(userId)}, ${usageCte(userId)}
    select (select sync_version from v)::float8 as version, ${epochOf(userId)}::float8 as epoch,
      (select generation from gen) as generation,
      (select row_to_json(usage) from usage) as usage,
      coalesce((select sync_version from ${users} where id = ${userId}), 0)::float8 as seen,
      coalesce((select json_agg(prior) from prior), '[]'::json) as prior,
      coalesce((select json_agg(sp) from sp), '[]'::json) as spaces,
      coalesce((select json_agg(gr) from gr), '[]'::json) as groups,
      coalesce((select json_agg(bm) from bm), '[]'::json) as bookmarks,
      json_build_object(
        'spaces', coalesce((select json_agg(sp_ends) from sp_ends), '[]'::json),
        'groups', coalesce((select json_agg(gr_ends) from gr_ends), '[]'::json),
        'bookmarks', coalesce((select json_agg(bm_ends) from bm_ends), '[]'::json)
      ) as ends,
      json_build_object(
        'groups', coalesce((select json_agg(gr_moved) from gr_moved), '[]'::json),
        'bookmarks', coalesce((select json_agg(bm_moved) from bm_moved), '[]'::json)
      ) as moved`
  )
  return rows[0] as PushState
}

/**
 * Rows whose place alone the batch changed (moved, tombstoned, carried), under the parent columns they now share
 * (`space_id`, `group_id`; none for spaces) and their tombstone flag: each id with its position key. Grouped,
 * the parents are sent once, not once a row.
 */
export type PositionRun = {
  space_id?: string
  group_id?: string
  deleted: boolean
  ids: string[]
  positions: string[]
}

export type PushWrites = {
  version: number
  kind: MutationKind
  clientId: string
  /** Whole rows: created, or with fields the batch changed (every column is written). */
  spaces: Record<string, unknown>[]
  groups: Record<string, unknown>[]
  bookmarks: Record<string, unknown>[]
  /** Rows whose place (position, parent, tombstone) alone changed: no other column. */
  positions: { spaces: PositionRun[]; groups: PositionRun[]; bookmarks: PositionRun[] }
  /** Deleted parents whose unloaded children must be tombstoned too. */
  deletedSpaceIds: string[]
  deletedGroupIds: string[]
  /** Groups that changed space: their unloaded bookmarks follow. */
  movedGroups: { group_id: string; space_id: string }[]
  outcomes: { mutation_id: string; status: string; reason: string | null; payload_hash: string }[]
}

type EntityTable = (typeof entityTables)[number]

/**
 * Upserts the batch's rows of one table. The columns are the table's own (dataColumns), so a new column is
 * written by push and migrate without another edit here.
 */
function upsert(table: EntityTable, rows: Record<string, unknown>[], userId: string, version: number): SQL {
  const data = dataColumns(table)
  const updatable = data.filter((c) => c.name !== 'id')
  return sql`insert into ${table} (${columnList(data)}, user_id, version, deleted_at)
    select ${columnList(data, 'r.')}, ${userId}, ${version}, case when r.deleted then now() end
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(${recordsetDefs(data, 'deleted boolean')})
    on conflict (user_id, id) do update set ${sql.raw(updatable.map((c) => `"${c.name}" = excluded."${c.name}"`).join(', '))},
      version = excluded.version, updated_at = now(),
      deleted_at = case when excluded.deleted_at is null then null else coalesce(${table}.deleted_at, now()) end`
}

/** The parent columns a position run carries for each table. */
const positionParents = { spaces: [], groups: ['space_id'], bookmarks: ['space_id', 'group_id'] } as const

/** The position runs of one table as rows (id, position, its parents, deleted): the input of `placeRows`. */
function positionRows(name: keyof PushWrites['positions'], runs: PositionRun[]): SQL {
  const parents = positionParents[name]
  const defs = sql.raw(
    ['deleted boolean', 'ids jsonb', 'positions jsonb', ...parents.map((p) => `${p} text`)].join(', ')
  )
  const columns = sql.raw(['m.id', 'm.position', 'p.deleted', ...parents.map((p) => `p.${p}`)].join(', '))
  return sql`select ${columns}
    from jsonb_to_recordset(${JSON.stringify(runs)}::jsonb) as p(${defs}),
      rows from (jsonb_array_elements_text(p.ids), jsonb_array_elements_text(p.positions)) as m(id, position)`
}

/** Sets the position, parents and tombstone of the rows in `input` (a CTE of positionRows), stamping them. */
function placeRows(name: keyof PushWrites['positions'], input: string, userId: string, version: number): SQL {
  const table = entityTables[['spaces', 'groups', 'bookmarks'].indexOf(name)] as EntityTable
  const parents = sql.raw(positionParents[name].map((p) => `${p} = i.${p}, `).join(''))
  return sql`update ${table} t set position = i.position, ${parents}version = ${version}, updated_at = now(),
      deleted_at = case when i.deleted then coalesce(t.deleted_at, now()) end
    from ${sql.raw(input)} i where t.user_id = ${userId} and t.id = i.id`
}

/**
 * Writes the batch's effects and outcomes in one statement, all stamped with the push's version. Each row is
 * written by one part of it only (PostgreSQL leaves two updates of one row in a statement undefined): the
 * cascades and carried bookmarks leave out the rows the batch wrote itself.
 */
export async function writePush(db: Executor, userId: string, w: PushWrites): Promise<void> {
  const ctes: SQL[] = []
  /** Ids each table's whole-row and position parts write, for the cascades to leave out. */
  const written = { spaces: [] as SQL[], groups: [] as SQL[], bookmarks: [] as SQL[] }
  for (const [name, table, rows] of [
    ['spaces', spaces, w.spaces],
    ['groups', groups, w.groups],
    ['bookmarks', bookmarks, w.bookmarks]
  ] as const) {
    if (rows.length > 0) {
      ctes.push(sql`${sql.raw(`up_${name}`)} as (${upsert(table, rows, userId, w.version)} returning 1)`)
      written[name].push(
        idIn(
          sql`x.id`,
          rows.map((r) => String(r.id))
        )
      )
    }
    const runs = w.positions[name]
    if (runs.length > 0) {
      ctes.push(sql`${sql.raw(`at_${name}`)} as materialized (${positionRows(name, runs)})`)
      ctes.push(sql`${sql.raw(`placed_${name}`)} as (${placeRows(name, `at_${name}`, userId, w.version)})`)
      written[name].push(sql`x.id in (select id from ${sql.raw(`at_${name}`)})`)
    }
  }
  const notWritten = (name: keyof typeof written) =>
    written[name].length > 0 ? sql`and not (${sql.join(written[name], sql` or `)})` : sql``
  if (w.deletedSpaceIds.length > 0)
    ctes.push(sql`gone_groups as (
      update ${groups} x set deleted_at = now(), updated_at = now(), version = ${w.version}
      where x.user_id = ${userId} and x.deleted_at is null and ${idIn(sql`x.space_id`, w.deletedSpaceIds)}
        ${notWritten('groups')}
    )`)
  // A group the batch moved out of a deleted space (and kept) still holds its unloaded bookmarks there in this
  // statement's snapshot: they are carried, not deleted by space. Each row has one writer: PostgreSQL runs the
  // parts of a statement in no promised order, and with `gone_bookmarks` first they were deleted with the space.
  const carriedGroupIds = w.movedGroups.map((m) => m.group_id)
  if (w.deletedSpaceIds.length > 0 || w.deletedGroupIds.length > 0)
    ctes.push(sql`gone_bookmarks as (
      update ${bookmarks} x set deleted_at = now(), updated_at = now(), version = ${w.version}
      where x.user_id = ${userId} and x.deleted_at is null
        and ((${idIn(sql`x.space_id`, w.deletedSpaceIds)} and not ${idIn(sql`x.group_id`, carriedGroupIds)})
          or ${idIn(sql`x.group_id`, w.deletedGroupIds)})
        ${notWritten('bookmarks')}
    )`)
  if (w.movedGroups.length > 0)
    ctes.push(sql`carried as (
      update ${bookmarks} x set space_id = m.space_id, updated_at = now(), version = ${w.version}
      from jsonb_to_recordset(${JSON.stringify(w.movedGroups)}::jsonb) as m(group_id text, space_id text)
      where x.user_id = ${userId} and x.group_id = m.group_id and x.space_id <> m.space_id
        ${notWritten('bookmarks')}
    )`)
  await execute(
    db,
    sql`with
    ${sql.join(
      ctes,
      sql`,
    `
    )}${ctes.length > 0 ? sql`,` : sql``}
    outcomes as (
      insert into ${syncMutations} (user_id, kind, mutation_id, client_id, status, reason, payload_hash, version)
      select ${userId}, ${w.kind}, o.mutation_id, ${w.clientId}, o.status, o.reason, o.payload_hash, ${w.version}
      from jsonb_to_recordset(${JSON.stringify(w.outcomes)}::jsonb)
        as o(mutation_id text, status text, reason text, payload_hash text)
      -- A migration sent again with other values applies afresh (its ids are derived, not a client's choice):
      -- its new outcome replaces the old one. A push only stores ids it had no outcome for.
      on conflict (user_id, kind, mutation_id) do update set client_id = excluded.client_id,
        status = excluded.status, reason = excluded.reason, payload_hash = excluded.payload_hash,
        version = excluded.version, created_at = now()
    )
    select 1`
  )
}
