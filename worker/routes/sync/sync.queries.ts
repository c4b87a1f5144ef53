// The sync statements. A pull is one statement (one snapshot, so the head version it reports covers every
// row it returns); a push is one transaction of two statements (load under the user lock, then write).
import { type SQL, sql } from 'drizzle-orm'
import { type Executor, execute } from '../../db/client'

import { accountResets, bookmarks, groups, spaces, syncMutations, users } from '../../db/schema'
import { bumpVersionCte, columnList, dataColumns, recordsetDefs } from '../../db/versioned'
import { liveCounts } from '../shared/live'
import { type Usage, usageCte } from '../shared/quota'
import type { CursorPosition } from './cursor'

export const entityTables = [spaces, groups, bookmarks] as const
export type ChangeRow = { k: number; id: string; version: number; row: Record<string, unknown> | null }
export type PullRows = {
  head: number
  epoch: number
  generation: number
  /** users.purged_version: a cursor before it may have missed a purged tombstone. */
  purged: number
  rows: ChangeRow[]
}

// Versions are bigint: read as float8 they are exact JS numbers up to 2^53, where ::int failed past 2^31.
const epochOf = (userId: string) =>
  sql`coalesce((select (extract(epoch from created_at) * 1000)::bigint from ${users} where id = ${userId}), 0)`

/** How many times the account's data was deleted (account_resets): 0 for an account never deleted. */
const generationOf = (userId: string) =>
  sql`coalesce((select generation from ${accountResets} where user_id = ${userId}), 0)`

/**
 * Rows after `from` in (version, entity, id) order, tombstones as rows without data; or, with no
 * position, every live row. Fetches limit + 1 so the caller knows whether the page was cut.
 */
export async function pullChanges(
  db: Executor,
  userId: string,
  from: CursorPosition | undefined,
  limit: number
): Promise<PullRows> {
  const parts = entityTables.map((table, k) => {
    const filter: SQL = from
      ? sql`t.version >= ${from.version} and (t.version, ${k}, t.id) > (${from.version}::bigint, ${from.kind}::int, ${from.id}::text)`
      : sql`t.deleted_at is null`
    return sql`(select ${k}::int as k, t.id, t.version,
        case when t.deleted_at is null then row_to_json(t) end as row
      from ${table} t where t.user_id = ${userId} and ${filter}
      order by t.version, t.id limit ${limit + 1})`
  })
  const rows = await execute(
    db,
    sql`with page as (
      select * from (${sql.join(parts, sql` union all `)}) changes order by version, k, id limit ${limit + 1}
    )
    select coalesce((select sync_version from ${users} where id = ${userId}), 0)::float8 as head,
      ${epochOf(userId)}::float8 as epoch, ${generationOf(userId)} as generation,
      coalesce((select purged_version from ${users} where id = ${userId}), 0)::float8 as purged,
      coalesce((select json_agg(page order by version, k, id) from page), '[]'::json) as rows`
  )
  return rows[0] as PullRows
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
  /** Lists whose members a mutation renumbers: the user's spaces, a space's groups, a group's bookmarks. */
  allSpaces: boolean
  groupsOfSpaces: string[]
  bookmarksOfGroups: string[]
  /** The batch creates rows, so the load also counts the account's usage against its quotas. */
  creates: boolean
}

export type LoadedRow = Record<string, unknown> & { id: string; user_id: string }
export type PushState = {
  version: number
  /**
   * The user's version in this statement's snapshot, taken before it waited for the row lock. When it is
   * not version - 1, another write committed in between and the rows read here are stale.
   */
  seen: number
  epoch: number
  /** account_resets.generation, read in the same snapshot (under the lock after a stale first load). */
  generation: number
  prior: {
    mutation_id: string
    status: 'applied' | 'rejected'
    reason: string | null
    payload_hash: string | null
  }[]
  spaces: LoadedRow[]
  groups: LoadedRow[]
  bookmarks: LoadedRow[]
  /** The account's usage (shared/quota.ts), read under the lock; only for a batch with creates. */
  usage?: Usage | null
}

const asJson = (values: string[]) => sql`${JSON.stringify(values)}::jsonb`
const idIn = (column: SQL, values: string[]) =>
  sql`${column} in (select jsonb_array_elements_text(${asJson(values)}))`

/**
 * Locks the user's row and bumps its version (the push's version), then loads what the batch refers to:
 * earlier outcomes of these mutation ids, the rows named, their parents and the lists being renumbered.
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
      select * from ${bookmarks} b where b.user_id = ${userId} and (${idIn(sql`b.id`, ref.bookmarkIds)}
        or (b.deleted_at is null and ${idIn(sql`b.group_id`, ref.bookmarksOfGroups)}))
    ),
    gr as (
      select * from ${groups} g where g.user_id = ${userId} and (${idIn(sql`g.id`, ref.groupIds)}
        or g.id in (select group_id from bm)
        or (g.deleted_at is null and ${idIn(sql`g.space_id`, ref.groupsOfSpaces)}))
    ),
    sp as (
      select * from ${spaces} s where s.user_id = ${userId} and (${idIn(sql`s.id`, ref.spaceIds)}
        or s.id in (select space_id from gr)
        or s.id in (select space_id from bm)
        or (${ref.allSpaces} and s.deleted_at is null))
    )${ref.creates ? sql`, ${usageCte(userId)}` : sql``}
    select (select sync_version from v)::float8 as version, ${epochOf(userId)}::float8 as epoch,
      ${generationOf(userId)} as generation,
      ${ref.creates ? sql`(select row_to_json(usage) from usage)` : sql`null`} as usage,
      coalesce((select sync_version from ${users} where id = ${userId}), 0)::float8 as seen,
      coalesce((select json_agg(prior) from prior), '[]'::json) as prior,
      coalesce((select json_agg(sp) from sp), '[]'::json) as spaces,
      coalesce((select json_agg(gr) from gr), '[]'::json) as groups,
      coalesce((select json_agg(bm) from bm), '[]'::json) as bookmarks`
  )
  return rows[0] as PushState
}

export type PushWrites = {
  version: number
  kind: MutationKind
  clientId: string
  spaces: Record<string, unknown>[]
  groups: Record<string, unknown>[]
  bookmarks: Record<string, unknown>[]
  /** Deleted parents whose unloaded children must be tombstoned too. */
  deletedSpaceIds: string[]
  deletedGroupIds: string[]
  /** Groups that changed space: their unloaded bookmarks follow. */
  movedGroups: { group_id: string; space_id: string }[]
  outcomes: { mutation_id: string; status: string; reason: string | null; payload_hash: string }[]
}

/**
 * Upserts the batch's rows of one table. The columns are the table's own (dataColumns), so a new column is
 * written by push and migrate without another edit here.
 */
function upsert(
  table: (typeof entityTables)[number],
  rows: Record<string, unknown>[],
  userId: string,
  version: number
): SQL {
  const data = dataColumns(table)
  const updatable = data.filter((c) => c.name !== 'id')
  return sql`insert into ${table} (${columnList(data)}, user_id, version, deleted_at)
    select ${columnList(data, 'r.')}, ${userId}, ${version}, case when r.deleted then now() end
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(${recordsetDefs(data, 'deleted boolean')})
    on conflict (user_id, id) do update set ${sql.raw(updatable.map((c) => `"${c.name}" = excluded."${c.name}"`).join(', '))},
      version = excluded.version, updated_at = now(),
      deleted_at = case when excluded.deleted_at is null then null else coalesce(${table}.deleted_at, now()) end`
}

/** Writes the batch's effects and outcomes in one statement, all stamped with the push's version. */
export async function writePush(db: Executor, userId: string, w: PushWrites): Promise<void> {
  const touched = (rows: Record<string, unknown>[]) => rows.map((r) => String(r.id))
  await execute(
    db,
    sql`with
    up_spaces as (${upsert(spaces, w.spaces, userId, w.version)} returning 1),
    up_groups as (${upsert(groups, w.groups, userId, w.version)} returning 1),
    up_bookmarks as (${upsert(bookmarks, w.bookmarks, userId, w.version)} returning 1),
    gone_groups as (
      update ${groups} set deleted_at = now(), updated_at = now(), version = ${w.version}
      where user_id = ${userId} and deleted_at is null and ${idIn(sql`space_id`, w.deletedSpaceIds)}
        and not ${idIn(sql`id`, touched(w.groups))}
    ),
    gone_bookmarks as (
      update ${bookmarks} set deleted_at = now(), updated_at = now(), version = ${w.version}
      where user_id = ${userId} and deleted_at is null
        and (${idIn(sql`space_id`, w.deletedSpaceIds)} or ${idIn(sql`group_id`, w.deletedGroupIds)})
        and not ${idIn(sql`id`, touched(w.bookmarks))}
    ),
    carried as (
      update ${bookmarks} b set space_id = m.space_id, updated_at = now(), version = ${w.version}
      from jsonb_to_recordset(${JSON.stringify(w.movedGroups)}::jsonb) as m(group_id text, space_id text)
      where b.user_id = ${userId} and b.group_id = m.group_id and b.space_id <> m.space_id
        and not ${idIn(sql`b.id`, touched(w.bookmarks))}
    ),
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
