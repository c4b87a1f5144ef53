// Applies a batch of client mutations, in order, to the rows the push loaded (see sync.queries.ts),
// deciding each one's outcome. Pure: it only computes the rows to write, so a batch is validated whole
// before anything is stored, and the write is one set-based statement. Each mutation costs about its own
// size (lists are kept ordered in ordered-list.ts), so a push is linear in its batch, not batch × list size.
import { toSnakeCase } from 'drizzle-orm/casing'
import { writableFields } from '../../../model/fields'
import { carriedByGroupMove, parentField } from '../../../model/rules'
import { BatchQuota } from '../shared/quota'
import { OrderedList } from './ordered-list'
import { payloadHash } from './payload-hash'
import type { LoadedRow, MutationKind, PositionRun, PushState, PushWrites, Referenced } from './sync.queries'
import type { Mutation, Outcome, RejectionReason } from './sync.schemas'

type Kind = 'space' | 'group' | 'bookmark'
/**
 * `partial`: loaded with its place only (id, parents, order; a list's member, or a row the batch only moves): its
 * other columns are not here, so it is never written whole.
 */
type Row = LoadedRow & { deleted: boolean; order: number; partial?: true }

/** Each kind's parent column: model/rules.ts `parentField` as the row names it. */
const parentKey = {
  space: null,
  group: toSnakeCase(parentField.group),
  bookmark: toSnakeCase(parentField.bookmark)
}

/** Each kind's writable fields (model/fields.ts) with their column names, worked out once. */
const writableColumns = {
  space: Object.keys(writableFields.space).map((key) => [key, toSnakeCase(key)] as const),
  group: Object.keys(writableFields.group).map((key) => [key, toSnakeCase(key)] as const),
  bookmark: Object.keys(writableFields.bookmark).map((key) => [key, toSnakeCase(key)] as const)
}

/** A create's writable fields (model/fields.ts) as the row's columns; the schema has filled in the defaults. */
function fieldsOf(kind: Kind, data: Record<string, unknown>) {
  const fields: Record<string, unknown> = {}
  for (const [key, column] of writableColumns[kind]) fields[column] = data[key] ?? null
  return fields
}

/** A reorder refused before anything is loaded for it (REST refuses the same with a 400). */
function reorderProblem(orderedIds: string[]): RejectionReason | undefined {
  if (orderedIds.length === 0) return 'empty_order'
  if (new Set(orderedIds).size !== orderedIds.length) return 'repeated_id'
  return undefined
}

/** The same references with every list loaded by its members (after MembersNeeded). */
export function withAllMembers(refs: Referenced): Referenced {
  return {
    ...refs,
    groupsOfSpaces: [...refs.groupsOfSpaces, ...refs.groupTails],
    bookmarksOfGroups: [...refs.bookmarksOfGroups, ...refs.bookmarkTails],
    groupTails: [],
    bookmarkTails: []
  }
}

export function collectReferences(mutations: Mutation[], kind: MutationKind = 'push'): Referenced {
  const sets = {
    spaceIds: new Set<string>(),
    groupIds: new Set<string>(),
    bookmarkIds: new Set<string>(),
    groupsOfSpaces: new Set<string>(),
    bookmarksOfGroups: new Set<string>(),
    groupTails: new Set<string>(),
    bookmarkTails: new Set<string>(),
    movedGroupIds: new Set<string>(),
    movedBookmarkIds: new Set<string>()
  }
  let allSpaces = false
  // A list that rows are only added to (creates, moves with no index) needs its size and largest order, not its
  // members: a create goes to its end unless its order is below the list's size (see Batch.place).
  const placeIn = (kind: 'group' | 'bookmark', parentId: string, members: boolean) => {
    const lists = {
      group: { members: sets.groupsOfSpaces, tails: sets.groupTails },
      bookmark: { members: sets.bookmarksOfGroups, tails: sets.bookmarkTails }
    }[kind]
    lists[members ? 'members' : 'tails'].add(parentId)
  }
  for (const m of mutations) {
    // Refused whatever the rows hold: nothing to load for it (an empty reorder would load a whole list).
    if (m.op === 'reorder' && reorderProblem(m.data.orderedIds)) continue
    if (m.entity === 'space') {
      if (m.op === 'reorder' || m.op === 'create') allSpaces = true
      if (m.op !== 'reorder') sets.spaceIds.add(m.data.id)
    } else if (m.entity === 'group') {
      if (m.op === 'reorder') {
        sets.spaceIds.add(m.data.parentId)
        sets.groupsOfSpaces.add(m.data.parentId)
        continue
      }
      sets[m.op === 'move' ? 'movedGroupIds' : 'groupIds'].add(m.data.id)
      if (m.op === 'create' || m.op === 'move') {
        sets.spaceIds.add(m.data.spaceId)
        placeIn('group', m.data.spaceId, m.op === 'move' && m.data.index !== undefined)
      }
    } else {
      if (m.op === 'reorder') {
        sets.groupIds.add(m.data.parentId)
        sets.bookmarksOfGroups.add(m.data.parentId)
        continue
      }
      sets[m.op === 'move' ? 'movedBookmarkIds' : 'bookmarkIds'].add(m.data.id)
      if (m.op === 'create' || m.op === 'move') {
        sets.groupIds.add(m.data.groupId)
        placeIn('bookmark', m.data.groupId, m.op === 'move' && m.data.index !== undefined)
      }
    }
  }
  return {
    kind,
    mutationIds: mutations.map((m) => m.mutationId),
    allSpaces,
    spaceIds: [...sets.spaceIds],
    groupIds: [...sets.groupIds],
    bookmarkIds: [...sets.bookmarkIds],
    groupsOfSpaces: [...sets.groupsOfSpaces],
    bookmarksOfGroups: [...sets.bookmarksOfGroups],
    // A list whose members are loaded serves its appends too.
    groupTails: [...sets.groupTails].filter((id) => !sets.groupsOfSpaces.has(id)),
    bookmarkTails: [...sets.bookmarkTails].filter((id) => !sets.bookmarksOfGroups.has(id)),
    // A row another mutation names is loaded whole, which serves its moves too.
    movedGroupIds: [...sets.movedGroupIds].filter((id) => !sets.groupIds.has(id)),
    movedBookmarkIds: [...sets.movedBookmarkIds].filter((id) => !sets.bookmarkIds.has(id)),
    creates: mutations.some((m) => m.op === 'create')
  }
}

class Rejection {
  constructor(readonly reason: RejectionReason) {}
}

/**
 * A create placed below the end of a list loaded by its tail (its order is below the list's size: a device that
 * had not seen the list's latest rows). The batch is applied again with every member of those lists loaded.
 */
export class MembersNeeded extends Error {}

/** The batch's view of the rows it may touch. */
class Batch {
  readonly rows: Record<Kind, Map<string, Row>> = { space: new Map(), group: new Map(), bookmark: new Map() }
  readonly touched: Record<Kind, Set<Row>> = { space: new Set(), group: new Set(), bookmark: new Set() }
  /** Touched rows written whole: created, or with fields changed. The others only changed place, or are stamped. */
  readonly changed: Record<Kind, Set<string>> = { space: new Set(), group: new Set(), bookmark: new Set() }
  readonly movedGroups = new Map<string, string>()
  /** Ids whose create found the row and, in an upload, gave it the device's values instead. */
  readonly overwritten = new Set<string>()
  /** Creates counted against the account's quotas, from the usage loaded under the lock. */
  readonly quota: BatchQuota
  /** Rows by list (kind + parent id), deleted ones too, so finding a row's siblings does not scan every row. */
  private readonly lists = new Map<string, Set<Row>>()
  /** The live members of each list a mutation placed rows in or reordered, in order; built on first use. */
  private readonly ordered = new Map<string, { kind: Kind; list: OrderedList<Row> }>()
  /** Lists loaded by their tail (Referenced.bookmarkTails, groupTails): their unloaded members' count and last order. */
  private readonly tails = new Map<string, { count: number; last: number | undefined }>()
  /** Lists whose every member is stamped at the end (see stampList). */
  private readonly stamped = new Map<string, Kind>()

  constructor(
    readonly userId: string,
    state: PushState,
    /** What the load was asked for (collectReferences of the same batch). */
    refs: Referenced,
    /** What a create does with an id the account has: refuse it (`already_exists`) or overwrite its values. */
    readonly onExisting: 'keep' | 'overwrite' = 'keep'
  ) {
    const load = (kind: Kind, rows: LoadedRow[], partial?: true) => {
      for (const row of rows) {
        // A moved group may also come whole, as the parent of a bookmark the batch names.
        if (partial && this.rows[kind].has(row.id)) continue
        this.add(kind, { ...row, deleted: row.deleted_at != null, order: Number(row.order), partial })
      }
    }
    load('space', state.spaces)
    load('group', state.groups)
    load('bookmark', state.bookmarks)
    load('group', state.moved?.groups ?? [], true)
    load('bookmark', state.moved?.bookmarks ?? [], true)
    // A member loaded above (whole, or as a moved row) is not added again; the others get their list's parents
    // (a bookmark's space is its group's: the composite foreign key keeps it so).
    for (const { parent, members } of state.lists?.groups ?? []) {
      const [rows, list] = [this.rows.group, this.listed('group', parent)]
      for (const [id, order] of members) {
        if (rows.has(id)) continue
        const row: Row = { id, user_id: userId, space_id: parent, order, deleted: false, partial: true }
        rows.set(id, row)
        list.add(row)
      }
    }
    for (const { parent, members } of state.lists?.bookmarks ?? []) {
      const space_id = this.rows.group.get(parent)?.space_id
      const [rows, list] = [this.rows.bookmark, this.listed('bookmark', parent)]
      for (const [id, order] of members) {
        if (rows.has(id)) continue
        const row: Row = {
          id,
          user_id: userId,
          space_id,
          group_id: parent,
          order,
          deleted: false,
          partial: true
        }
        rows.set(id, row)
        list.add(row)
      }
    }
    for (const kind of ['group', 'bookmark'] as const) {
      for (const parent of kind === 'group' ? refs.groupTails : refs.bookmarkTails)
        this.tails.set(this.listKey(kind, parent), { count: 0, last: undefined })
      for (const { parent, count, last } of state.tails?.[`${kind}s`] ?? [])
        this.tails.set(this.listKey(kind, parent), { count: Number(count), last: Number(last) })
    }
    this.quota = new BatchQuota(state.usage ?? null)
  }

  private listKey(kind: Kind, parentId: unknown): string {
    return `${kind}:${parentKey[kind] ? String(parentId) : ''}`
  }

  private add(kind: Kind, row: Row) {
    this.rows[kind].set(row.id, row)
    this.listed(kind, parentKey[kind] ? row[parentKey[kind]] : null).add(row)
  }

  /** The rows of one list, deleted ones too. */
  private listed(kind: Kind, parentId: unknown): Set<Row> {
    const key = this.listKey(kind, parentId)
    let list = this.lists.get(key)
    if (!list) {
      list = new Set<Row>()
      this.lists.set(key, list)
    }
    return list
  }

  /** Changes a row's parent column, keeping the list index right. */
  private reparent(kind: 'group' | 'bookmark', row: Row, parentId: string) {
    const key = parentKey[kind]
    const from = this.listKey(kind, row[key])
    this.ordered.get(from)?.list.remove(row)
    this.lists.get(from)?.delete(row)
    row[key] = parentId
    this.add(kind, row)
  }

  /** The caller's own row, or the reason it cannot be used. */
  target(kind: Kind, id: string, missing: RejectionReason, gone: RejectionReason): Row {
    const row = this.rows[kind].get(id)
    if (!row) throw new Rejection(missing)
    if (!this.isLive(kind, row)) throw new Rejection(gone)
    return row
  }

  isLive(kind: Kind, row: Row): boolean {
    if (row.deleted) return false
    const key = parentKey[kind]
    if (!key) return true
    const parent = this.rows[kind === 'group' ? 'space' : 'group'].get(String(row[key]))
    return parent !== undefined && this.isLive(kind === 'group' ? 'space' : 'group', parent)
  }

  /**
   * The live rows of one list, in order, built once per batch (callers have checked that its parent is live):
   * every later change to it is O(log n). Orders it changes are read back into the rows by writes().
   */
  private list(kind: Kind, parentId: string | null): OrderedList<Row> {
    const key = this.listKey(kind, parentId)
    let entry = this.ordered.get(key)
    if (!entry) {
      const live = [...(this.lists.get(key) ?? [])].filter((row) => !row.deleted)
      const tail = this.tails.get(key)
      entry = { kind, list: new OrderedList(live, tail && { hidden: tail.count, last: tail.last }) }
      this.ordered.set(key, entry)
    }
    return entry.list
  }

  /** The list for a change that needs its every member (a reorder, a place at an index). */
  private wholeList(kind: Kind, parentId: string | null): OrderedList<Row> {
    const list = this.list(kind, parentId)
    if (list.hidden > 0) throw new MembersNeeded()
    return list
  }

  /**
   * Puts `row` into its list at `index`, as model/rules.ts `placed` does: with no index, or one past the end,
   * after the largest order there with nothing else moving; otherwise there, the list renumbered around it.
   */
  place(kind: Kind, row: Row, index: number | undefined) {
    const key = parentKey[kind]
    const parentId = key ? String(row[key]) : null
    let list = this.list(kind, parentId)
    list.remove(row) // a move within its own list: its siblings are the others
    // Below the end, the list is renumbered around it: that needs every member.
    if (index !== undefined && index < list.size) list = this.wholeList(kind, parentId)
    this.touched[kind].add(row)
    if (index === undefined || index >= list.size) {
      list.append(row, (list.lastOrder() ?? -1) + 1)
    } else {
      list.insertAt(row, index)
      list.renumber()
    }
  }

  create(kind: Kind, data: Record<string, unknown>, fields: Record<string, unknown>, order?: number) {
    const id = String(data.id)
    const existing = this.rows[kind].get(id)
    if (existing && this.onExisting === 'overwrite' && this.isLive(kind, existing))
      return this.overwrite(kind, existing, fields)
    if (existing) throw new Rejection(existing.deleted ? 'deleted' : 'already_exists')
    const overQuota = this.quota.admit(kind, fields)
    if (overQuota) throw new Rejection(overQuota)
    const row: Row = { id, user_id: this.userId, deleted: false, order: 0, is_archived: false, ...fields }
    this.add(kind, row)
    this.changed[kind].add(id)
    this.place(kind, row, order)
  }

  /** Upload: the account's row takes the device's values and keeps its place (parent and order). */
  private overwrite(kind: Kind, row: Row, fields: Record<string, unknown>) {
    for (const [key, value] of Object.entries(fields)) {
      if (key !== 'space_id' && key !== 'group_id') row[key] = value
    }
    this.touched[kind].add(row)
    this.changed[kind].add(row.id)
    this.overwritten.add(row.id)
  }

  update(kind: Kind, data: Record<string, unknown>) {
    const row = this.target(kind, String(data.id), 'not_found', 'deleted')
    for (const [key, value] of Object.entries(data)) {
      if (key !== 'id' && value !== undefined) row[toSnakeCase(key)] = value
    }
    this.touched[kind].add(row)
    this.changed[kind].add(row.id)
  }

  delete(kind: Kind, id: string) {
    const row = this.rows[kind].get(id)
    if (!row) throw new Rejection('not_found')
    if (row.deleted) return // already gone: the goal state holds
    this.tombstone(kind, row)
  }

  /**
   * Tombstones a row and its loaded subtree (model/rules.ts `cascade`); the unloaded rest is tombstoned by the
   * write statement, by parent id. Children are found through their lists: a space's bookmarks are its groups'
   * (the composite foreign key keeps a bookmark's space its group's), including those of a group deleted before.
   */
  private tombstone(kind: Kind, row: Row) {
    if (!row.deleted) {
      row.deleted = true
      this.quota.release(kind, row)
      this.touched[kind].add(row)
      this.ordered.get(this.listKey(kind, parentKey[kind] ? row[parentKey[kind]] : null))?.list.remove(row)
    }
    const child = kind === 'space' ? 'group' : kind === 'group' ? 'bookmark' : null
    if (child)
      for (const r of [...(this.lists.get(this.listKey(child, row.id)) ?? [])]) this.tombstone(child, r)
  }

  /**
   * A reorder or a move to an index renumbered the list on the device that made it, in that device's view of
   * the list. Every member is stamped, changed here or not, so that the device pulls the server's order for each
   * one: a row this batch left alone would keep the device's own number for good.
   */
  private stampList(kind: Kind, parentId: string | null) {
    // At the end (writes()), once per list: the members then are those now, plus rows that join later (stamped
    // anyway) and minus rows that leave (stamped by their move or delete).
    this.stamped.set(this.listKey(kind, parentId), kind)
  }

  /** model/rules.ts `reordered`: the listed ids first, in the given order, then the rest in theirs. */
  reorder(kind: Kind, parentId: string | null, orderedIds: string[]) {
    const problem = reorderProblem(orderedIds)
    if (problem) throw new Rejection(problem)
    if (parentId !== null)
      this.target(kind === 'group' ? 'space' : 'group', parentId, 'parent_not_found', 'parent_deleted')
    const list = this.wholeList(kind, parentId)
    // Ids no longer in the list (moved or deleted meanwhile) are skipped, not fatal.
    const listed = orderedIds.flatMap((id) => {
      const row = this.rows[kind].get(id)
      return row && list.has(row) ? [row] : []
    })
    list.moveToFront(listed)
    list.renumber()
    this.stampList(kind, parentId)
  }

  moveGroup(id: string, spaceId: string, index: number | undefined) {
    const group = this.target('group', id, 'not_found', 'deleted')
    const space = this.target('space', spaceId, 'parent_not_found', 'parent_deleted')
    if (group.space_id !== space.id) {
      this.reparent('group', group, space.id)
      // Its loaded bookmarks follow at once, as on the client: a later delete of the old space in this batch
      // cascades by space and must not take them (nor leave a tombstone naming a space its group left). The
      // others follow by the write statement.
      const { kind, field } = carriedByGroupMove
      for (const b of this.lists.get(this.listKey(kind, group.id)) ?? []) {
        if (b[toSnakeCase(field)] === space.id) continue
        b[toSnakeCase(field)] = space.id
        this.touched[kind].add(b)
      }
      this.movedGroups.set(group.id, space.id)
    }
    this.place('group', group, index)
    if (index !== undefined) this.stampList('group', space.id)
  }

  moveBookmark(id: string, groupId: string, index: number | undefined) {
    const bookmark = this.target('bookmark', id, 'not_found', 'deleted')
    const group = this.target('group', groupId, 'parent_not_found', 'parent_deleted')
    this.reparent('bookmark', bookmark, group.id)
    bookmark.space_id = group.space_id
    this.place('bookmark', bookmark, index)
    if (index !== undefined) this.stampList('bookmark', group.id)
  }

  apply(m: Mutation) {
    const d = m.data as Record<string, unknown>
    switch (m.op) {
      case 'create':
        if (m.entity === 'space') {
          this.create('space', d, fieldsOf('space', d), m.data.order)
        } else if (m.entity === 'group') {
          this.target('space', m.data.spaceId, 'parent_not_found', 'parent_deleted')
          this.create('group', d, { space_id: m.data.spaceId, ...fieldsOf('group', d) }, m.data.order)
        } else {
          const group = this.target('group', m.data.groupId, 'parent_not_found', 'parent_deleted')
          // The bookmark goes where its group is now. A spaceId that differs is the device's stale view of a
          // group another device moved meanwhile: refusing it would lose the bookmark, and the row never takes it.
          const parents = { space_id: group.space_id, group_id: group.id }
          this.create('bookmark', d, { ...parents, ...fieldsOf('bookmark', d) }, m.data.order)
        }
        if ('isArchived' in m.data && m.data.isArchived !== undefined) {
          const row = this.rows[m.entity].get(m.data.id)
          if (row) row.is_archived = m.data.isArchived
        }
        return
      case 'update':
        return this.update(m.entity, d)
      case 'delete':
        return this.delete(m.entity, m.data.id)
      case 'reorder':
        return this.reorder(m.entity, m.data.parentId ?? null, m.data.orderedIds)
      case 'move':
        return m.entity === 'group'
          ? this.moveGroup(m.data.id, m.data.spaceId, m.data.index)
          : this.moveBookmark(m.data.id, m.data.groupId, m.data.index)
    }
  }

  /** Every check in apply() runs before its first change, so a rejected mutation leaves no trace. */
  applyOne(m: Mutation): Outcome {
    try {
      this.apply(m)
      return { mutationId: m.mutationId, status: 'applied' }
    } catch (err) {
      if (!(err instanceof Rejection)) throw err
      return { mutationId: m.mutationId, status: 'rejected', reason: err.reason }
    }
  }

  /** Reads the lists' final orders back into their rows and stamps what the batch's moves and reorders imply. */
  private settle() {
    for (const { kind, list } of this.ordered.values()) {
      list.forEach((row, order) => {
        if (row.order === order) return
        row.order = order
        this.touched[kind].add(row)
      })
    }
    for (const [key, kind] of this.stamped) {
      for (const row of this.lists.get(key) ?? []) if (!row.deleted) this.touched[kind].add(row)
    }
    // A moved group's loaded bookmarks take its final space (its list holds them: bookmarks are listed by `by`).
    const { kind, field } = carriedByGroupMove
    for (const groupId of this.movedGroups.keys()) {
      const group = this.rows.group.get(groupId)
      if (!group || group.deleted) continue
      for (const b of this.lists.get(this.listKey(kind, groupId)) ?? []) {
        if (b[toSnakeCase(field)] === group.space_id) continue
        b[toSnakeCase(field)] = group.space_id
        this.touched[kind].add(b)
      }
    }
  }

  /** The touched rows that are not written whole, as runs of rows sharing their parents and tombstone flag. */
  private positionRuns(kind: Kind, rows: Row[]): PositionRun[] {
    const runs = new Map<string, PositionRun>()
    const columns = kind === 'space' ? [] : kind === 'group' ? ['space_id'] : ['space_id', 'group_id']
    let run: PositionRun | undefined
    for (const row of rows) {
      if (this.changed[kind].has(row.id)) continue
      // Rows come list by list: most belong to the run before.
      if (run?.deleted === row.deleted && run.group_id === row.group_id && run.space_id === row.space_id) {
        run.ids.push(row.id)
        run.orders.push(row.order)
        continue
      }
      // Ids cannot hold a space (model/ids.ts), so the key is unambiguous.
      let key = row.deleted ? 'd' : 'l'
      for (const c of columns) key += ` ${String(row[c])}`
      run = runs.get(key)
      if (!run) {
        const parents = Object.fromEntries(columns.map((c) => [c, String(row[c])]))
        run = { ...parents, deleted: row.deleted, ids: [], orders: [] }
        runs.set(key, run)
      }
      run.ids.push(row.id)
      run.orders.push(row.order)
    }
    return [...runs.values()]
  }

  writes(
    version: number,
    clientId: string,
    kind: MutationKind,
    outcomes: (Outcome & { hash: string })[]
  ): PushWrites {
    this.settle()
    const rows = {
      space: [...this.touched.space],
      group: [...this.touched.group],
      bookmark: [...this.touched.bookmark]
    }
    const deletedIds = (kind: Kind) => rows[kind].filter((r) => r.deleted).map((r) => r.id)
    const whole = (kind: Kind) =>
      rows[kind].filter((r) => {
        if (!this.changed[kind].has(r.id)) return false
        // Only rows named by a mutation come whole from the load, and only they can have fields changed.
        if (r.partial) throw new Error(`Fields changed on a row loaded without them: ${kind} ${r.id}`)
        return true
      })
    return {
      version,
      kind,
      clientId,
      spaces: whole('space'),
      groups: whole('group'),
      bookmarks: whole('bookmark'),
      positions: {
        spaces: this.positionRuns('space', rows.space),
        groups: this.positionRuns('group', rows.group),
        bookmarks: this.positionRuns('bookmark', rows.bookmark)
      },
      deletedSpaceIds: deletedIds('space'),
      deletedGroupIds: deletedIds('group'),
      movedGroups: [...this.movedGroups]
        .filter(([id]) => !this.rows.group.get(id)?.deleted)
        .map(([group_id, space_id]) => ({ group_id, space_id })),
      outcomes: outcomes.map((o) => ({
        mutation_id: o.mutationId,
        status: o.status,
        reason: o.reason ?? null,
        payload_hash: o.hash
      }))
    }
  }
}

/**
 * Decides every mutation's outcome and the rows to write. A mutation id with a stored outcome for the same
 * payload is a replay: it gets that outcome and changes nothing. With another payload, a push's id answers
 * `conflict` (changing nothing, storing nothing), while a migration's item, whose id is derived from the item,
 * is applied afresh and its outcome replaces the old one. Only new outcomes are returned for storing.
 */
export function applyBatch(
  userId: string,
  clientId: string,
  state: PushState,
  mutations: Mutation[],
  onExisting: 'keep' | 'overwrite' = 'keep',
  kind: MutationKind = 'push',
  /** What `state` was loaded for: collectReferences of the batch, or withAllMembers of it. */
  refs: Referenced = collectReferences(mutations, kind)
) {
  const prior = new Map(state.prior.map((p) => [p.mutation_id, p]))
  const batch = new Batch(userId, state, refs, onExisting)
  const results: Outcome[] = []
  const fresh: (Outcome & { hash: string })[] = []
  /** Mutation ids answered from their stored outcome. */
  const replayed = new Set<string>()
  for (const m of mutations) {
    const hash = payloadHash(m)
    const stored = prior.get(m.mutationId)
    // An outcome stored before payloads were hashed (null) answers any replay, as it always did.
    if (stored && (stored.payload_hash === null || stored.payload_hash === hash)) {
      results.push({
        mutationId: m.mutationId,
        status: stored.status,
        ...(stored.reason ? { reason: stored.reason as RejectionReason } : {})
      })
      replayed.add(m.mutationId)
      continue
    }
    if (stored && kind === 'push') {
      results.push({ mutationId: m.mutationId, status: 'rejected', reason: 'conflict' })
      continue
    }
    const outcome = batch.applyOne(m)
    results.push(outcome)
    fresh.push({ ...outcome, hash })
  }
  return {
    results,
    replayed,
    writes: batch.writes(state.version, clientId, kind, fresh),
    overwritten: batch.overwritten,
    quota: batch.quota
  }
}
