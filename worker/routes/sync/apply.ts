// Applies a batch of client mutations, in order, to the rows the push loaded (see sync.queries.ts),
// deciding each one's outcome. Pure: it only computes the rows to write, so a batch is validated whole
// before anything is stored, and the write is one set-based statement.
import { toSnakeCase } from 'drizzle-orm/casing'
import { writableFields } from '../../../model/fields'
import { carriedByGroupMove, cascade, parentField, placed, reordered } from '../../../model/rules'
import type { LoadedRow, PushState, PushWrites, Referenced } from './sync.queries'
import type { Mutation, Outcome, RejectionReason } from './sync.schemas'

type Kind = 'space' | 'group' | 'bookmark'
type Row = LoadedRow & { deleted: boolean; order: number }

/** Each kind's parent column: model/rules.ts `parentField` as the row names it. */
const parentKey = {
  space: null,
  group: toSnakeCase(parentField.group),
  bookmark: toSnakeCase(parentField.bookmark)
}

/** A create's writable fields (model/fields.ts) as the row's columns; the schema has filled in the defaults. */
const fieldsOf = (kind: Kind, data: Record<string, unknown>) =>
  Object.fromEntries(Object.keys(writableFields[kind]).map((key) => [toSnakeCase(key), data[key] ?? null]))

export function collectReferences(mutations: Mutation[]): Referenced {
  const sets = {
    spaceIds: new Set<string>(),
    groupIds: new Set<string>(),
    bookmarkIds: new Set<string>(),
    groupsOfSpaces: new Set<string>(),
    bookmarksOfGroups: new Set<string>()
  }
  let allSpaces = false
  for (const m of mutations) {
    if (m.entity === 'space') {
      if (m.op === 'reorder' || m.op === 'create') allSpaces = true
      if (m.op !== 'reorder') sets.spaceIds.add(m.data.id)
    } else if (m.entity === 'group') {
      if (m.op === 'reorder') {
        sets.spaceIds.add(m.data.parentId)
        sets.groupsOfSpaces.add(m.data.parentId)
        continue
      }
      sets.groupIds.add(m.data.id)
      if (m.op === 'create' || m.op === 'move') {
        sets.spaceIds.add(m.data.spaceId)
        sets.groupsOfSpaces.add(m.data.spaceId)
      }
    } else {
      if (m.op === 'reorder') {
        sets.groupIds.add(m.data.parentId)
        sets.bookmarksOfGroups.add(m.data.parentId)
        continue
      }
      sets.bookmarkIds.add(m.data.id)
      if (m.op === 'create' || m.op === 'move') {
        sets.groupIds.add(m.data.groupId)
        sets.bookmarksOfGroups.add(m.data.groupId)
      }
    }
  }
  return {
    mutationIds: mutations.map((m) => m.mutationId),
    allSpaces,
    spaceIds: [...sets.spaceIds],
    groupIds: [...sets.groupIds],
    bookmarkIds: [...sets.bookmarkIds],
    groupsOfSpaces: [...sets.groupsOfSpaces],
    bookmarksOfGroups: [...sets.bookmarksOfGroups]
  }
}

class Rejection {
  constructor(readonly reason: RejectionReason) {}
}

/** The batch's view of the rows it may touch. */
class Batch {
  readonly rows: Record<Kind, Map<string, Row>> = { space: new Map(), group: new Map(), bookmark: new Map() }
  readonly touched: Record<Kind, Set<string>> = { space: new Set(), group: new Set(), bookmark: new Set() }
  readonly movedGroups = new Map<string, string>()
  /** Ids whose create found the row and, in an upload, gave it the device's values instead. */
  readonly overwritten = new Set<string>()
  /** Rows by list (kind + parent id), so finding a row's siblings does not scan every row. */
  private readonly lists = new Map<string, Set<Row>>()

  constructor(
    readonly userId: string,
    state: PushState,
    /** What a create does with an id the account has: refuse it (`already_exists`) or overwrite its values. */
    readonly onExisting: 'keep' | 'overwrite' = 'keep'
  ) {
    const load = (kind: Kind, rows: LoadedRow[]) => {
      for (const row of rows)
        this.add(kind, { ...row, deleted: row.deleted_at != null, order: Number(row.order) })
    }
    load('space', state.spaces)
    load('group', state.groups)
    load('bookmark', state.bookmarks)
  }

  private listKey(kind: Kind, parentId: unknown): string {
    return `${kind}:${parentKey[kind] ? String(parentId) : ''}`
  }

  private add(kind: Kind, row: Row) {
    this.rows[kind].set(row.id, row)
    const key = this.listKey(kind, parentKey[kind] ? row[parentKey[kind]] : null)
    const list = this.lists.get(key) ?? new Set<Row>()
    list.add(row)
    this.lists.set(key, list)
  }

  /** Changes a row's parent column, keeping the list index right. */
  private reparent(kind: 'group' | 'bookmark', row: Row, parentId: string) {
    const key = parentKey[kind]
    this.lists.get(this.listKey(kind, row[key]))?.delete(row)
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

  /** Live rows of one list, unordered. They share one parent, so its liveness is checked once, not per row. */
  private members(kind: Kind, parentId: string | null): Row[] {
    const rows = this.lists.get(this.listKey(kind, parentId))
    if (!rows) return []
    if (parentId !== null) {
      const parentKind = kind === 'group' ? 'space' : 'group'
      const parent = this.rows[parentKind].get(parentId)
      if (!parent || !this.isLive(parentKind, parent)) return []
    }
    return [...rows].filter((row) => !row.deleted)
  }

  /** Writes the orders a rule (model/rules.ts) decided. */
  private setOrders(kind: Kind, changes: [Row, number][]) {
    for (const [row, order] of changes) {
      row.order = order
      this.touched[kind].add(row.id)
    }
  }

  /** Puts `row` into its list at `index` (the end when absent or past the end). */
  place(kind: Kind, row: Row, index: number | undefined) {
    const key = parentKey[kind]
    const siblings = this.members(kind, key ? String(row[key]) : null).filter((r) => r !== row)
    this.touched[kind].add(row.id)
    this.setOrders(kind, placed(siblings, row, index))
  }

  create(kind: Kind, data: Record<string, unknown>, fields: Record<string, unknown>, order?: number) {
    const id = String(data.id)
    const existing = this.rows[kind].get(id)
    if (existing && this.onExisting === 'overwrite' && this.isLive(kind, existing))
      return this.overwrite(kind, existing, fields)
    if (existing) throw new Rejection(existing.deleted ? 'deleted' : 'already_exists')
    const row: Row = { id, user_id: this.userId, deleted: false, order: 0, is_archived: false, ...fields }
    this.add(kind, row)
    this.place(kind, row, order)
  }

  /** Upload: the account's row takes the device's values and keeps its place (parent and order). */
  private overwrite(kind: Kind, row: Row, fields: Record<string, unknown>) {
    for (const [key, value] of Object.entries(fields)) {
      if (key !== 'space_id' && key !== 'group_id') row[key] = value
    }
    this.touched[kind].add(row.id)
    this.overwritten.add(row.id)
  }

  update(kind: Kind, data: Record<string, unknown>) {
    const row = this.target(kind, String(data.id), 'not_found', 'deleted')
    for (const [key, value] of Object.entries(data)) {
      if (key !== 'id' && value !== undefined) row[toSnakeCase(key)] = value
    }
    this.touched[kind].add(row.id)
  }

  delete(kind: Kind, id: string) {
    const row = this.rows[kind].get(id)
    if (!row) throw new Rejection('not_found')
    if (row.deleted) return // already gone: the goal state holds
    row.deleted = true
    this.touched[kind].add(id)
    // Loaded children are tombstoned here; the others by the write statement, by parent id.
    for (const [child, field] of cascade[kind]) {
      const column = toSnakeCase(field)
      for (const row of this.rows[child].values()) if (row[column] === id) this.delete(child, row.id)
    }
  }

  /**
   * A reorder or a move to an index renumbered the list on the device that made it, in that device's view of
   * the list. Every member is stamped, changed here or not, so that the device pulls the server's order for each
   * one: a row this batch left alone would keep the device's own number for good.
   */
  private stampList(kind: Kind, parentId: string | null) {
    for (const row of this.members(kind, parentId)) this.touched[kind].add(row.id)
  }

  reorder(kind: Kind, parentId: string | null, orderedIds: string[]) {
    if (parentId !== null)
      this.target(kind === 'group' ? 'space' : 'group', parentId, 'parent_not_found', 'parent_deleted')
    this.setOrders(kind, reordered(this.members(kind, parentId), orderedIds))
    this.stampList(kind, parentId)
  }

  moveGroup(id: string, spaceId: string, index: number | undefined) {
    const group = this.target('group', id, 'not_found', 'deleted')
    const space = this.target('space', spaceId, 'parent_not_found', 'parent_deleted')
    if (group.space_id !== space.id) {
      this.reparent('group', group, space.id)
      this.movedGroups.set(group.id, space.id)
      // Its loaded bookmarks follow here; the others by the write statement (movedGroups).
      const { kind, by, field } = carriedByGroupMove
      for (const b of this.rows[kind].values()) {
        if (b[toSnakeCase(by)] === group.id) {
          b[toSnakeCase(field)] = space.id
          this.touched[kind].add(b.id)
        }
      }
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

  writes(version: number, clientId: string, outcomes: Outcome[]): PushWrites {
    const touchedRows = (kind: Kind) => [...this.touched[kind]].flatMap((id) => this.rows[kind].get(id) ?? [])
    const deletedIds = (kind: Kind) =>
      touchedRows(kind)
        .filter((r) => r.deleted)
        .map((r) => r.id)
    return {
      version,
      clientId,
      spaces: touchedRows('space'),
      groups: touchedRows('group'),
      bookmarks: touchedRows('bookmark'),
      deletedSpaceIds: deletedIds('space'),
      deletedGroupIds: deletedIds('group'),
      movedGroups: [...this.movedGroups]
        .filter(([id]) => !this.rows.group.get(id)?.deleted)
        .map(([group_id, space_id]) => ({ group_id, space_id })),
      outcomes: outcomes.map((o) => ({
        mutation_id: o.mutationId,
        status: o.status,
        reason: o.reason ?? null
      }))
    }
  }
}

/**
 * Decides every mutation's outcome and the rows to write. Replayed mutation ids get their stored outcome
 * and change nothing; only new outcomes are returned for storing.
 */
export function applyBatch(
  userId: string,
  clientId: string,
  state: PushState,
  mutations: Mutation[],
  onExisting: 'keep' | 'overwrite' = 'keep'
) {
  const prior = new Map(state.prior.map((p) => [p.mutation_id, p]))
  const batch = new Batch(userId, state, onExisting)
  const results: Outcome[] = []
  const fresh: Outcome[] = []
  for (const m of mutations) {
    const stored = prior.get(m.mutationId)
    if (stored) {
      results.push({
        mutationId: m.mutationId,
        status: stored.status,
        ...(stored.reason ? { reason: stored.reason as RejectionReason } : {})
      })
      continue
    }
    const outcome = batch.applyOne(m)
    results.push(outcome)
    fresh.push(outcome)
  }
  return { results, writes: batch.writes(state.version, clientId, fresh), overwritten: batch.overwritten }
}
