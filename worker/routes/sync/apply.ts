// Applies a batch of client mutations, in order, to the rows the push loaded (see sync.queries.ts),
// deciding each one's outcome. Pure: it only computes the rows to write, so a batch is validated whole
// before anything is stored, and the write is one set-based statement. A row's place is its position key, made
// by the client between its new neighbours (model/position.ts): a create or a move writes that row only, and
// never needs its siblings, so each mutation costs its own size whatever the size of its list.
import { toSnakeCase } from 'drizzle-orm/casing'
import { writableFields } from '../../../model/fields'
import { positionBetween } from '../../../model/position'
import { carriedByGroupMove, parentField } from '../../../model/rules'
import { BatchQuota } from '../shared/quota'
import { payloadHash } from './payload-hash'
import type { LoadedRow, MutationKind, PositionRun, PushState, PushWrites, Referenced } from './sync.queries'
import type { Mutation, Outcome, RejectionReason } from './sync.schemas'

type Kind = 'space' | 'group' | 'bookmark'
/**
 * `partial`: loaded with its place only (id, parents, position; a row the batch only moves): its other columns are
 * not here, so it is never written whole.
 */
type Row = LoadedRow & { deleted: boolean; position: string; partial?: true }

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

export function collectReferences(mutations: Mutation[], kind: MutationKind = 'push'): Referenced {
  const sets = {
    spaceIds: new Set<string>(),
    groupIds: new Set<string>(),
    bookmarkIds: new Set<string>(),
    movedGroupIds: new Set<string>(),
    movedBookmarkIds: new Set<string>(),
    groupEnds: new Set<string>(),
    bookmarkEnds: new Set<string>()
  }
  let spaceEnd = false
  for (const m of mutations) {
    // A create or move with no position goes to its list's end: the load reads that list's last key.
    const unplaced = (m.op === 'create' || m.op === 'move') && m.data.position === undefined
    if (m.entity === 'space') {
      sets.spaceIds.add(m.data.id)
      if (unplaced) spaceEnd = true
    } else if (m.entity === 'group') {
      sets[m.op === 'move' ? 'movedGroupIds' : 'groupIds'].add(m.data.id)
      if (m.op === 'create' || m.op === 'move') sets.spaceIds.add(m.data.spaceId)
      if (unplaced) sets.groupEnds.add(m.data.spaceId)
    } else {
      sets[m.op === 'move' ? 'movedBookmarkIds' : 'bookmarkIds'].add(m.data.id)
      if (m.op === 'create' || m.op === 'move') sets.groupIds.add(m.data.groupId)
      if (unplaced) sets.bookmarkEnds.add(m.data.groupId)
    }
  }
  return {
    kind,
    mutationIds: mutations.map((m) => m.mutationId),
    spaceIds: [...sets.spaceIds],
    groupIds: [...sets.groupIds],
    bookmarkIds: [...sets.bookmarkIds],
    // A row another mutation names is loaded whole, which serves its moves too.
    movedGroupIds: [...sets.movedGroupIds].filter((id) => !sets.groupIds.has(id)),
    movedBookmarkIds: [...sets.movedBookmarkIds].filter((id) => !sets.bookmarkIds.has(id)),
    spaceEnd,
    groupEnds: [...sets.groupEnds],
    bookmarkEnds: [...sets.bookmarkEnds]
  }
}

class Rejection {
  constructor(readonly reason: RejectionReason) {}
}

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
  /** Loaded rows by list (kind + parent id), deleted ones too: a delete's cascade finds the children here. */
  private readonly lists = new Map<string, Set<Row>>()
  /** The largest key of each list a create without a position goes to the end of (null: empty), kept current. */
  private readonly ends = new Map<string, string | null>()

  constructor(
    readonly userId: string,
    state: PushState,
    /** What the load was asked for (collectReferences of the same batch): the lists whose end it read. */
    refs: Referenced,
    /** What a create does with an id the account has: refuse it (`already_exists`) or overwrite its values. */
    readonly onExisting: 'keep' | 'overwrite' = 'keep'
  ) {
    const load = (kind: Kind, rows: LoadedRow[], partial?: true) => {
      for (const row of rows) {
        // A moved group may also come whole, as the parent of a bookmark the batch names.
        if (partial && this.rows[kind].has(row.id)) continue
        this.add(kind, { ...row, deleted: row.deleted_at != null, position: String(row.position), partial })
      }
    }
    load('space', state.spaces)
    load('group', state.groups)
    load('bookmark', state.bookmarks)
    load('group', state.moved?.groups ?? [], true)
    load('bookmark', state.moved?.bookmarks ?? [], true)
    // Every list a create goes to the end of, empty ones too (the load has no row for them).
    if (refs.spaceEnd) this.ends.set(this.listKey('space', null), null)
    for (const parent of refs.groupEnds) this.ends.set(this.listKey('group', parent), null)
    for (const parent of refs.bookmarkEnds) this.ends.set(this.listKey('bookmark', parent), null)
    for (const [kind, lists] of [
      ['space', state.ends?.spaces ?? []],
      ['group', state.ends?.groups ?? []],
      ['bookmark', state.ends?.bookmarks ?? []]
    ] as const)
      for (const { parent, last } of lists) this.ends.set(this.listKey(kind, parent), last)
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

  /** Records that `row` now sits in its list at its key: a later append to that list goes after it. */
  private placed(kind: Kind, row: Row) {
    const key = this.listKey(kind, parentKey[kind] ? row[parentKey[kind]] : null)
    if (!this.ends.has(key)) return
    const last = this.ends.get(key) ?? null
    if (last === null || row.position > last) this.ends.set(key, row.position)
  }

  /** A key after the last of the row's list, for a create that names none (model/position.ts). */
  private atEnd(kind: Kind, parentId: unknown): string {
    const last = this.ends.get(this.listKey(kind, parentId)) ?? null
    const key = positionBetween(last, null)
    if (key === undefined) throw new Error(`No key after ${last}`)
    return key
  }

  create(kind: Kind, data: Record<string, unknown>, fields: Record<string, unknown>, given?: string) {
    const id = String(data.id)
    const existing = this.rows[kind].get(id)
    if (existing && this.onExisting === 'overwrite' && this.isLive(kind, existing))
      return this.overwrite(kind, existing, fields)
    if (existing) throw new Rejection(existing.deleted ? 'deleted' : 'already_exists')
    const overQuota = this.quota.admit(kind, fields)
    if (overQuota) throw new Rejection(overQuota)
    const parent = parentKey[kind] ? fields[parentKey[kind]] : null
    const position = given ?? this.atEnd(kind, parent)
    const row: Row = { id, user_id: this.userId, deleted: false, is_archived: false, ...fields, position }
    this.add(kind, row)
    this.placed(kind, row)
    this.changed[kind].add(id)
    this.touched[kind].add(row)
  }

  /** Upload: the account's row takes the device's values and keeps its place (parent and position). */
  private overwrite(kind: Kind, row: Row, fields: Record<string, unknown>) {
    const values = Object.entries(fields).filter(([key]) => key !== 'space_id' && key !== 'group_id')
    this.resize(kind, row, values)
    for (const [key, value] of values) row[key] = value
    this.touched[kind].add(row)
    this.changed[kind].add(row.id)
    this.overwritten.add(row.id)
  }

  /** Refuses a change of `row`'s columns to `values` whose text would grow past the bytes quota; else counts it. */
  private resize(kind: Kind, row: Row, values: [string, unknown][]) {
    const overQuota = this.quota.resize(kind, row, { ...row, ...Object.fromEntries(values) })
    if (overQuota) throw new Rejection(overQuota)
  }

  update(kind: Kind, data: Record<string, unknown>) {
    const row = this.target(kind, String(data.id), 'not_found', 'deleted')
    const values = Object.entries(data)
      .filter(([key, value]) => key !== 'id' && value !== undefined)
      .map(([key, value]) => [toSnakeCase(key), value] as [string, unknown])
    this.resize(kind, row, values)
    for (const [key, value] of values) row[key] = value
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
    }
    const child = kind === 'space' ? 'group' : kind === 'group' ? 'bookmark' : null
    if (child)
      for (const r of [...(this.lists.get(this.listKey(child, row.id)) ?? [])]) this.tombstone(child, r)
  }

  /** A move within the list: the row takes its new key, and nothing else in the list changes. */
  moveSpace(id: string, position: string | undefined) {
    const space = this.target('space', id, 'not_found', 'deleted')
    space.position = position ?? this.atEnd('space', null)
    this.touched.space.add(space)
    this.placed('space', space)
  }

  moveGroup(id: string, spaceId: string, position: string | undefined) {
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
    group.position = position ?? this.atEnd('group', space.id)
    this.touched.group.add(group)
    this.placed('group', group)
  }

  moveBookmark(id: string, groupId: string, position: string | undefined) {
    const bookmark = this.target('bookmark', id, 'not_found', 'deleted')
    const group = this.target('group', groupId, 'parent_not_found', 'parent_deleted')
    this.reparent('bookmark', bookmark, group.id)
    bookmark.space_id = group.space_id
    bookmark.position = position ?? this.atEnd('bookmark', group.id)
    this.touched.bookmark.add(bookmark)
    this.placed('bookmark', bookmark)
  }

  apply(m: Mutation) {
    const d = m.data as Record<string, unknown>
    switch (m.op) {
      case 'create':
        if (m.entity === 'space') {
          this.create('space', d, fieldsOf('space', d), m.data.position)
        } else if (m.entity === 'group') {
          this.target('space', m.data.spaceId, 'parent_not_found', 'parent_deleted')
          this.create('group', d, { space_id: m.data.spaceId, ...fieldsOf('group', d) }, m.data.position)
        } else {
          const group = this.target('group', m.data.groupId, 'parent_not_found', 'parent_deleted')
          // The bookmark goes where its group is now. A spaceId that differs is the device's stale view of a
          // group another device moved meanwhile: refusing it would lose the bookmark, and the row never takes it.
          const parents = { space_id: group.space_id, group_id: group.id }
          this.create('bookmark', d, { ...parents, ...fieldsOf('bookmark', d) }, m.data.position)
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
      case 'move':
        if (m.entity === 'space') return this.moveSpace(m.data.id, m.data.position)
        return m.entity === 'group'
          ? this.moveGroup(m.data.id, m.data.spaceId, m.data.position)
          : this.moveBookmark(m.data.id, m.data.groupId, m.data.position)
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

  /** What the batch's group moves imply for the bookmarks they carry. */
  private settle() {
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
        run.positions.push(row.position)
        continue
      }
      // Ids cannot hold a space (model/ids.ts), so the key is unambiguous.
      let key = row.deleted ? 'd' : 'l'
      for (const c of columns) key += ` ${String(row[c])}`
      run = runs.get(key)
      if (!run) {
        const parents = Object.fromEntries(columns.map((c) => [c, String(row[c])]))
        run = { ...parents, deleted: row.deleted, ids: [], positions: [] }
        runs.set(key, run)
      }
      run.ids.push(row.id)
      run.positions.push(row.position)
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
  kind: MutationKind = 'push'
) {
  const prior = new Map(state.prior.map((p) => [p.mutation_id, p]))
  const batch = new Batch(userId, state, collectReferences(mutations, kind), onExisting)
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
