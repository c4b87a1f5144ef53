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
import type { LoadedRow, MutationKind, PushState, PushWrites, Referenced } from './sync.queries'
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

/** A reorder refused before anything is loaded for it (REST refuses the same with a 400). */
function reorderProblem(orderedIds: string[]): RejectionReason | undefined {
  if (orderedIds.length === 0) return 'empty_order'
  if (new Set(orderedIds).size !== orderedIds.length) return 'repeated_id'
  return undefined
}

export function collectReferences(mutations: Mutation[], kind: MutationKind = 'push'): Referenced {
  const sets = {
    spaceIds: new Set<string>(),
    groupIds: new Set<string>(),
    bookmarkIds: new Set<string>(),
    groupsOfSpaces: new Set<string>(),
    bookmarksOfGroups: new Set<string>()
  }
  let allSpaces = false
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
    kind,
    mutationIds: mutations.map((m) => m.mutationId),
    allSpaces,
    spaceIds: [...sets.spaceIds],
    groupIds: [...sets.groupIds],
    bookmarkIds: [...sets.bookmarkIds],
    groupsOfSpaces: [...sets.groupsOfSpaces],
    bookmarksOfGroups: [...sets.bookmarksOfGroups],
    creates: mutations.some((m) => m.op === 'create')
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
  /** Creates counted against the account's quotas, from the usage loaded under the lock. */
  readonly quota: BatchQuota
  /** Rows by list (kind + parent id), deleted ones too, so finding a row's siblings does not scan every row. */
  private readonly lists = new Map<string, Set<Row>>()
  /** The live members of each list a mutation placed rows in or reordered, in order; built on first use. */
  private readonly ordered = new Map<string, { kind: Kind; list: OrderedList<Row> }>()
  /** Lists whose every member is stamped at the end (see stampList). */
  private readonly stamped = new Map<string, Kind>()

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
    this.quota = new BatchQuota(state.usage ?? null)
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
      entry = { kind, list: new OrderedList(live) }
      this.ordered.set(key, entry)
    }
    return entry.list
  }

  /**
   * Puts `row` into its list at `index`, as model/rules.ts `placed` does: with no index, or one past the end,
   * after the largest order there with nothing else moving; otherwise there, the list renumbered around it.
   */
  place(kind: Kind, row: Row, index: number | undefined) {
    const key = parentKey[kind]
    const list = this.list(kind, key ? String(row[key]) : null)
    list.remove(row) // a move within its own list: its siblings are the others
    this.touched[kind].add(row.id)
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
      this.touched[kind].add(row.id)
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
    const list = this.list(kind, parentId)
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
        this.touched[kind].add(b.id)
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
        this.touched[kind].add(row.id)
      })
    }
    for (const [key, kind] of this.stamped) {
      for (const row of this.lists.get(key) ?? []) if (!row.deleted) this.touched[kind].add(row.id)
    }
    // A moved group's loaded bookmarks take its final space (its list holds them: bookmarks are listed by `by`).
    const { kind, field } = carriedByGroupMove
    for (const groupId of this.movedGroups.keys()) {
      const group = this.rows.group.get(groupId)
      if (!group || group.deleted) continue
      for (const b of this.lists.get(this.listKey(kind, groupId)) ?? []) {
        if (b[toSnakeCase(field)] === group.space_id) continue
        b[toSnakeCase(field)] = group.space_id
        this.touched[kind].add(b.id)
      }
    }
  }

  writes(
    version: number,
    clientId: string,
    kind: MutationKind,
    outcomes: (Outcome & { hash: string })[]
  ): PushWrites {
    this.settle()
    const touchedRows = (kind: Kind) => [...this.touched[kind]].flatMap((id) => this.rows[kind].get(id) ?? [])
    const deletedIds = (kind: Kind) =>
      touchedRows(kind)
        .filter((r) => r.deleted)
        .map((r) => r.id)
    return {
      version,
      kind,
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
  kind: MutationKind = 'push'
) {
  const prior = new Map(state.prior.map((p) => [p.mutation_id, p]))
  const batch = new Batch(userId, state, onExisting)
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
