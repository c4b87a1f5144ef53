// The JSON backup: every entity with every field in a stable order, read back checked by the shared rules,
// and restored by replacing everything or by merging, planned first so the person sees what will happen.
import { z } from 'zod'
import { createFields, positionField } from '../../../../model/fields'
import { idMessage, idPattern } from '../../../../model/ids'
import { type EntityKind, entityKinds } from '../../../../model/kinds'
import { spreadPositions } from '../../../../model/position'
import { byPosition, parentField } from '../../../../model/rules'
import { normalizeUrl } from '../../../../model/url'
import { newId, now } from '../../store/ids'
import { positionAfter } from '../../store/selectors'
import {
  type Bookmark,
  type DataState,
  type EntityOf,
  emptyState,
  type Group,
  type MutationInput,
  type Space
} from '../../store/types'

export const BACKUP_FORMAT = 'bookmarks-index'
/**
 * 3 is written: each entity's place is its `position` key. 2 and 1 (the first exports) hold an integer `order`
 * instead, read as the list's order (ties in file order) and given fresh keys in it.
 */
export const BACKUP_VERSION = 3
const MAX_ORDER = 1_000_000

const table = { space: 'spaces', group: 'groups', bookmark: 'bookmarks' } as const
type Entity = Space | Group | Bookmark

/** An entity with `id` first and the other keys sorted, so that equal data always writes the same text. */
function canonical(entity: Entity): Record<string, unknown> {
  const { id, ...rest } = entity as Entity & Record<string, unknown>
  return {
    id,
    ...Object.fromEntries(
      Object.keys(rest)
        .sort()
        .map((key) => [key, rest[key]])
    )
  }
}

/** Spaces in their order, each space's groups in theirs, each group's bookmarks in theirs. */
function ordered(state: DataState): { spaces: Space[]; groups: Group[]; bookmarks: Bookmark[] } {
  const spaces = Object.values(state.spaces).sort(byPosition)
  const spaceRank = new Map(spaces.map((s, i) => [s.id, i]))
  const rank = (map: Map<string, number>, id: string) => map.get(id) ?? Number.MAX_SAFE_INTEGER
  const groups = Object.values(state.groups).sort(
    (a, b) => rank(spaceRank, a.spaceId) - rank(spaceRank, b.spaceId) || byPosition(a, b)
  )
  const groupRank = new Map(groups.map((g, i) => [g.id, i]))
  const bookmarks = Object.values(state.bookmarks).sort(
    (a, b) => rank(groupRank, a.groupId) - rank(groupRank, b.groupId) || byPosition(a, b)
  )
  return { spaces, groups, bookmarks }
}

/** The whole library, archived items and empty spaces and groups included, as the backup file's text. */
export function toBackup(state: DataState): string {
  const { spaces, groups, bookmarks } = ordered(state)
  return `${JSON.stringify(
    {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      spaces: spaces.map(canonical),
      groups: groups.map(canonical),
      bookmarks: bookmarks.map(canonical)
    },
    null,
    2
  )}\n`
}

/** An entry of the file that cannot be restored, and why, as the restore lists it. */
export type BackupProblem = { kind: EntityKind; name: string; reason: string }
export type Backup = { state: DataState; problems: BackupProblem[] }

const timestamp = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'Must be a date and time')
const id = (kind: EntityKind) => z.string().regex(idPattern(kind), idMessage(kind))
const placedFields = (kind: EntityKind) => ({
  id: id(kind),
  position: positionField.optional(),
  /** Backups before version 3. */
  order: z.number().int().min(0).max(MAX_ORDER).optional(),
  isArchived: z.boolean().default(false),
  createdAt: timestamp.optional(),
  updatedAt: timestamp.optional()
})
const schemas = {
  space: z.object({ ...placedFields('space'), ...createFields('space') }),
  group: z.object({ ...placedFields('group'), spaceId: id('space'), ...createFields('group') }),
  bookmark: z.object({ ...placedFields('bookmark'), groupId: id('group'), ...createFields('bookmark') })
}

const labelOf = (item: unknown): string => {
  const fields = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>
  const label = fields.name ?? fields.title ?? fields.url ?? fields.id
  return typeof label === 'string' && label ? label.slice(0, 120) : '(unnamed)'
}

/** Checks one entry of the file and adds it to `state`; or says why it cannot be restored. */
function entryProblem(
  kind: EntityKind,
  item: unknown,
  position: number,
  state: DataState,
  at: string
): string | undefined {
  const parsed = schemas[kind].safeParse(item)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return issue ? `${issue.path.join('.') || 'entry'}: ${issue.message}` : 'Not a valid entry'
  }
  const { order, ...fields } = parsed.data
  // Without a key (an older backup), its place for now is its rank: readBackup gives the list keys in that order.
  const entity = { ...fields, rank: [order ?? position, position] } as Record<string, unknown> & {
    id: string
  }
  entity.createdAt ??= at
  entity.updatedAt ??= entity.createdAt
  const into = state[table[kind]] as Record<string, unknown>
  if (into[entity.id]) return 'The same id appears twice in the file'
  if (kind === 'group' && !state.spaces[String(entity.spaceId)]) return 'Its space is not in the backup'
  if (kind === 'bookmark') {
    const group = state.groups[String(entity.groupId)]
    if (!group) return 'Its group is not in the backup'
    // A bookmark's space is its group's, whatever the file says.
    entity.spaceId = group.spaceId
  }
  into[entity.id] = entity
  return undefined
}

/**
 * Reads a backup file. Each entry is checked by the fields' shared rules; what fails, or whose space or group
 * is missing, is listed with its reason and left out, and the rest is kept as it was saved.
 */
export function readBackup(text: string): Backup {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new Error('this file is not valid JSON')
  }
  const doc = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>
  if (doc.format !== BACKUP_FORMAT) throw new Error('this JSON file is not a Bookmarks Index backup')
  if (typeof doc.version === 'number' && doc.version > BACKUP_VERSION)
    throw new Error('this backup was made by a newer version of Bookmarks Index; update the extension first')

  const state = emptyState()
  const problems: BackupProblem[] = []
  const at = now()
  for (const kind of entityKinds) {
    const items: unknown[] = Array.isArray(doc[table[kind]]) ? (doc[table[kind]] as unknown[]) : []
    for (const [position, item] of items.entries()) {
      const reason = entryProblem(kind, item, position, state, at)
      if (reason) problems.push({ kind, name: labelOf(item), reason })
    }
  }
  givePositions(state)
  return { state, problems }
}

/**
 * Each list of a backup read keeps its keys when all its entries have one; a list with an entry without a key (a
 * backup before version 3) gets fresh keys in its entries' order (by `order`, then their place in the file).
 */
function givePositions(state: DataState) {
  const lists = new Map<string, (Entity & { rank?: [number, number] })[]>()
  for (const kind of entityKinds) {
    const field = parentField[kind]
    for (const item of Object.values(state[table[kind]]) as (Entity & { rank?: [number, number] })[]) {
      const key = `${kind}:${field ? String((item as unknown as Record<string, unknown>)[field]) : ''}`
      lists.set(key, [...(lists.get(key) ?? []), item])
    }
  }
  for (const list of lists.values()) {
    if (list.some((item) => item.position === undefined)) {
      const byRank = (a: { rank?: [number, number] }, b: { rank?: [number, number] }) => {
        const [x, y] = [a.rank ?? [0, 0], b.rank ?? [0, 0]] as [[number, number], [number, number]]
        return x[0] - y[0] || x[1] - y[1]
      }
      const keys = spreadPositions(list.length)
      list.sort(byRank).forEach((item, i) => {
        item.position = keys[i] as string
      })
    }
    for (const item of list) delete item.rank
  }
}

export type RestoreMode = 'replace' | 'merge'
type Counts = Record<EntityKind, number>
const zero = (): Counts => ({ space: 0, group: 0, bookmark: 0 })

export type RestorePlan = {
  mutations: MutationInput[]
  added: Counts
  changed: Counts
  removed: Counts
  /** Merge only: bookmarks left out because their address is already here. */
  duplicates: number
  /** Where to take the person afterwards: the first space the backup has. */
  firstSpaceId: string | undefined
}

/** Every live sibling list of a state: all spaces, each space's groups, each group's bookmarks. */
function lists(state: DataState): Map<string, Entity[]> {
  const map = new Map<string, Entity[]>()
  for (const kind of entityKinds) {
    const field = parentField[kind]
    for (const item of Object.values(state[table[kind]]) as Entity[]) {
      const key = `${kind}:${field ? String((item as unknown as Record<string, unknown>)[field]) : ''}`
      const list = map.get(key)
      if (list) list.push(item)
      else map.set(key, [item])
    }
  }
  for (const list of map.values()) list.sort(byPosition)
  return map
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
/** Set by the list an entity sits in (a move) or by the server, never by an update. */
const UNPATCHED = new Set(['id', 'position', 'createdAt', 'updatedAt', 'spaceId', 'groupId'])

/** `state` with every id (and every reference to one) passed through `idFor`, each id once. */
function remapped(state: DataState, idFor: (kind: EntityKind, id: string) => string): DataState {
  const ids = new Map<string, string>()
  const map = (kind: EntityKind, id: string) => {
    let mapped = ids.get(id)
    if (!mapped) {
      mapped = idFor(kind, id)
      ids.set(id, mapped)
    }
    return mapped
  }
  const out = emptyState()
  for (const s of Object.values(state.spaces))
    out.spaces[map('space', s.id)] = { ...s, id: map('space', s.id) }
  for (const g of Object.values(state.groups))
    out.groups[map('group', g.id)] = { ...g, id: map('group', g.id), spaceId: map('space', g.spaceId) }
  for (const b of Object.values(state.bookmarks))
    out.bookmarks[map('bookmark', b.id)] = {
      ...b,
      id: map('bookmark', b.id),
      spaceId: map('space', b.spaceId),
      groupId: map('group', b.groupId)
    }
  return out
}

/**
 * What restoring `backup` does to `state`. Replace makes the library the backup's: what is here and not in the
 * backup is deleted, what differs is changed, moved and put back in the backup's order, the rest is created.
 * Merge only adds what is missing (by id, and bookmarks by address) after what is here.
 * With `keepIds` false (signed in), what is not here gets new ids: the account never revives a deleted id.
 */
export function planRestore(
  state: DataState,
  backup: DataState,
  mode: RestoreMode,
  keepIds: boolean
): RestorePlan {
  const plan: RestorePlan = {
    mutations: [],
    added: zero(),
    changed: zero(),
    removed: zero(),
    duplicates: 0,
    firstSpaceId: undefined
  }
  const here = <K extends EntityKind>(kind: K, entityId: string) =>
    (state[table[kind]] as Record<string, EntityOf[K]>)[entityId]
  const target = remapped(backup, (kind, entityId) =>
    keepIds || here(kind, entityId) ? entityId : newId(kind)
  )
  const wanted = ordered(target)
  const created = new Set<string>()
  const urls = new Set(Object.values(state.bookmarks).map((b) => normalizeUrl(b.url)))
  const current = lists(state)
  // Merge appends after what is here, in the backup's order; a new parent's children keep the backup's keys.
  const lastAt = new Map<string, string>()
  const appended = (key: string) => {
    const last = lastAt.get(key)
    const next = positionAfter(last ? [{ id: '', position: last }] : (current.get(key) ?? []))
    lastAt.set(key, next)
    return next
  }

  for (const kind of entityKinds) {
    const field = parentField[kind]
    for (const item of wanted[table[kind]] as EntityOf[typeof kind][]) {
      const parentId = field ? String((item as Record<string, unknown>)[field]) : ''
      const local = here(kind, item.id)
      if (!local) {
        if (mode === 'merge' && kind === 'bookmark') {
          const key = normalizeUrl((item as Bookmark).url)
          if (urls.has(key)) {
            plan.duplicates++
            continue
          }
          urls.add(key)
        }
        const data = { ...item }
        if (mode === 'merge' && !created.has(parentId)) data.position = appended(`${kind}:${parentId}`)
        created.add(item.id)
        plan.added[kind]++
        plan.mutations.push({ op: 'create', entity: kind, data } as MutationInput)
        continue
      }
      if (mode === 'merge') continue
      // Replace: the same entity is made to equal the backup's, field by field, and moved if its parent differs.
      const patch: Record<string, unknown> = {}
      for (const [key, value] of Object.entries(item)) {
        if (UNPATCHED.has(key)) continue
        if (!sameValue((local as Record<string, unknown>)[key], value)) patch[key] = value
      }
      if (Object.keys(patch).length) {
        plan.changed[kind]++
        plan.mutations.push({ op: 'update', entity: kind, data: { id: item.id, ...patch } } as MutationInput)
      }
      // Moved where the backup had it, by its key: each list ends with the backup's keys, so in its order.
      const position = item.position
      const moved = local.position !== position
      if (kind === 'space' && moved)
        plan.mutations.push({ op: 'move', entity: 'space', data: { id: item.id, position } })
      if (kind === 'group' && (moved || (local as Group).spaceId !== parentId))
        plan.mutations.push({
          op: 'move',
          entity: 'group',
          data: { id: item.id, spaceId: parentId, position }
        })
      if (kind === 'bookmark' && (moved || (local as Bookmark).groupId !== parentId))
        plan.mutations.push({
          op: 'move',
          entity: 'bookmark',
          data: { id: item.id, groupId: parentId, position }
        })
    }
  }
  plan.firstSpaceId = wanted.spaces.find((space) => !space.isArchived)?.id
  if (mode === 'merge') return plan

  // Replace: delete what the backup lacks (the topmost only: a delete takes what is under it along).
  const kept = (kind: EntityKind, entityId: string) => Boolean(target[table[kind]][entityId])
  for (const space of Object.values(state.spaces)) {
    if (kept('space', space.id)) continue
    plan.removed.space++
    plan.mutations.push({ op: 'delete', entity: 'space', data: { id: space.id } })
  }
  for (const group of Object.values(state.groups)) {
    if (kept('group', group.id)) continue
    plan.removed.group++
    if (kept('space', group.spaceId))
      plan.mutations.push({ op: 'delete', entity: 'group', data: { id: group.id } })
  }
  for (const bookmark of Object.values(state.bookmarks)) {
    if (kept('bookmark', bookmark.id)) continue
    plan.removed.bookmark++
    if (kept('group', bookmark.groupId))
      plan.mutations.push({ op: 'delete', entity: 'bookmark', data: { id: bookmark.id } })
  }

  return plan
}
