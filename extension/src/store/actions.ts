// Named operations of the app (create a space, move a bookmark…), each one call to the mutation path.
import { createDefaults } from '../../../model/defaults'
import { LIMITS } from '../../../model/limits'
import { byOrder } from '../../../model/rules'
import type { DataStore } from './data-store'
import { newId, now } from './ids'
import { nextOrder, sortedGroups } from './selectors'
import type { Bookmark, DataState, EntityName, Group, MutationInput, Space } from './types'

export type SpaceFields = Pick<Space, 'name' | 'icon' | 'color'>
export type GroupFields = Pick<Group, 'name' | 'icon'>
/** A new bookmark's title and address; the rest defaults (model/defaults.ts). */
export type BookmarkFields = Pick<Bookmark, 'title' | 'url'> &
  Partial<Pick<Bookmark, 'description' | 'tags' | 'faviconUrl'>>

/** What a delete removed, kept so that Undo can bring it back. */
export type Removed = { spaces: Space[]; groups: Group[]; bookmarks: Bookmark[] }

const same = (a: unknown, b: unknown) =>
  a === b || (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]))

const changed = <T extends object>(current: T, next: Partial<T>): Partial<T> => {
  const diff: Partial<T> = {}
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (next[key] !== undefined && !same(next[key], current[key])) diff[key] = next[key]
  }
  return diff
}

export function createSpace(store: DataStore, fields: SpaceFields): Space {
  const at = now()
  const space: Space = {
    id: newId('space'),
    ...fields,
    order: nextOrder(Object.values(store.state.spaces)),
    isArchived: false,
    createdAt: at,
    updatedAt: at
  }
  void store.mutate({ op: 'create', entity: 'space', data: space })
  return space
}

export function createGroup(store: DataStore, spaceId: string, fields: GroupFields): Group {
  const at = now()
  const group: Group = {
    id: newId('group'),
    spaceId,
    ...fields,
    order: nextOrder(Object.values(store.state.groups).filter((g) => g.spaceId === spaceId)),
    isArchived: false,
    createdAt: at,
    updatedAt: at
  }
  void store.mutate({ op: 'create', entity: 'group', data: group })
  return group
}

export function newBookmark(
  state: DataState,
  group: Pick<Group, 'id' | 'spaceId'>,
  fields: BookmarkFields,
  order?: number
): Bookmark {
  const at = now()
  return {
    id: newId('bookmark'),
    spaceId: group.spaceId,
    groupId: group.id,
    ...createDefaults.bookmark,
    ...fields,
    order: order ?? nextOrder(Object.values(state.bookmarks).filter((b) => b.groupId === group.id)),
    isArchived: false,
    createdAt: at,
    updatedAt: at
  }
}

export function createBookmark(
  store: DataStore,
  groupId: string,
  fields: BookmarkFields
): Bookmark | undefined {
  const group = store.state.groups[groupId]
  if (!group) return undefined
  const bookmark = newBookmark(store.state, group, fields, nextOrder(store.groupBookmarks(groupId)))
  void store.mutate({ op: 'create', entity: 'bookmark', data: bookmark })
  return bookmark
}

export function updateSpace(
  store: DataStore,
  id: string,
  fields: Partial<SpaceFields & { isArchived: boolean }>
) {
  const current = store.state.spaces[id]
  if (!current) return
  const diff = changed(current, fields)
  if (Object.keys(diff).length) void store.mutate({ op: 'update', entity: 'space', data: { id, ...diff } })
}

export function updateGroup(
  store: DataStore,
  id: string,
  fields: Partial<GroupFields & { isArchived: boolean }>
) {
  const current = store.state.groups[id]
  if (!current) return
  const diff = changed(current, fields)
  if (Object.keys(diff).length) void store.mutate({ op: 'update', entity: 'group', data: { id, ...diff } })
}

export function updateBookmark(
  store: DataStore,
  id: string,
  fields: Partial<BookmarkFields & { isArchived: boolean; isPinned: boolean }>
) {
  const current = store.state.bookmarks[id]
  if (!current) return
  const diff = changed(current, fields)
  if (Object.keys(diff).length) void store.mutate({ op: 'update', entity: 'bookmark', data: { id, ...diff } })
}

const copy = <T>(value: T): T => ({ ...value })

/** Deletes an entity with everything under it and returns what was removed, for Undo. */
export function remove(store: DataStore, entity: EntityName, id: string): Removed {
  const { state } = store
  const removed: Removed = { spaces: [], groups: [], bookmarks: [] }
  if (entity === 'space') {
    const space = state.spaces[id]
    if (space) removed.spaces.push(copy(space))
    removed.groups = Object.values(state.groups)
      .filter((g) => g.spaceId === id)
      .map(copy)
    removed.bookmarks = Object.values(state.bookmarks)
      .filter((b) => b.spaceId === id)
      .map(copy)
  } else if (entity === 'group') {
    const group = state.groups[id]
    if (group) removed.groups.push(copy(group))
    removed.bookmarks = store.groupBookmarks(id).map(copy)
  } else {
    const bookmark = state.bookmarks[id]
    if (bookmark) removed.bookmarks.push(copy(bookmark))
  }
  void store.mutate({ op: 'delete', entity, data: { id } })
  return removed
}

/**
 * Brings back what a delete removed. It creates fresh ids: the server keeps a tombstone for a deleted id and
 * refuses to bring it back to life, so re-creating the same id could never sync. `alongside` is undone in the same
 * step (one batch, saved together): what else the change that removed them did, e.g. a merge's kept bookmark.
 */
export function restoreRemoved(
  store: DataStore,
  removed: Removed,
  alongside: MutationInput[] = []
): Record<string, string> {
  const ids: Record<string, string> = {}
  const idFor = (entity: EntityName, old: string) => {
    ids[old] ??= newId(entity)
    return ids[old]
  }
  const at = now()
  const inputs: MutationInput[] = []
  for (const s of removed.spaces)
    inputs.push({ op: 'create', entity: 'space', data: { ...s, id: idFor('space', s.id), updatedAt: at } })
  for (const g of removed.groups) {
    const spaceId = ids[g.spaceId] ?? g.spaceId
    if (!store.state.spaces[spaceId] && !ids[g.spaceId]) continue
    inputs.push({
      op: 'create',
      entity: 'group',
      data: { ...g, id: idFor('group', g.id), spaceId, updatedAt: at }
    })
  }
  for (const b of removed.bookmarks) {
    const groupId = ids[b.groupId] ?? b.groupId
    if (!store.state.groups[groupId] && !ids[b.groupId]) continue
    const data = {
      ...b,
      id: idFor('bookmark', b.id),
      groupId,
      spaceId: ids[b.spaceId] ?? b.spaceId,
      updatedAt: at
    }
    inputs.push({ op: 'create', entity: 'bookmark', data })
  }
  // A create never carries the archived flag to the server, so archived items are archived again explicitly.
  for (const input of inputs.slice()) {
    if (input.op === 'create' && input.data.isArchived) {
      inputs.push({
        op: 'update',
        entity: input.entity,
        data: { id: input.data.id, isArchived: true }
      } as MutationInput)
    }
  }
  void store.mutate([...inputs, ...alongside])
  return ids
}

/** The most ids one reorder may list (the API's limit). */
export const MAX_ORDERED_IDS = LIMITS.orderedIds

/**
 * The shortest prefix of `wanted` that gives the same final order, since siblings left out keep their current
 * order after the listed ones. Moving one tile in a huge group then lists only the tiles up to it.
 */
export function shortestReorder(current: string[], wanted: string[]): string[] {
  const position = new Map(current.map((id, i) => [id, i]))
  const listed = new Set(wanted)
  const final = [...wanted, ...current.filter((id) => !listed.has(id))]
  let lowest = Number.POSITIVE_INFINITY
  let k = final.length - 1
  for (; k >= 0; k--) {
    const at = position.get(final[k] ?? '') ?? -1
    if (at < 0 || at > lowest) break
    lowest = at
  }
  return final.slice(0, k + 1)
}

export function reorder(store: DataStore, entity: EntityName, parentId: string | null, orderedIds: string[]) {
  let ids = orderedIds
  if (ids.length > MAX_ORDERED_IDS) {
    const data = store.snapshot()
    const table = (
      entity === 'space' ? data.spaces : entity === 'group' ? data.groups : data.bookmarks
    ) as Record<string, Space | Group | Bookmark>
    const parentOf = (item: Space | Group | Bookmark) =>
      'groupId' in item ? item.groupId : 'spaceId' in item ? item.spaceId : null
    const current = Object.values(table)
      .filter((item) => parentOf(item) === parentId)
      .sort(byOrder)
      .map((item) => item.id)
    ids = shortestReorder(current, orderedIds)
  }
  if (entity !== 'space' && parentId === null) throw new Error(`A ${entity} reorder needs its parent`)
  const input = (window: string[]) =>
    (entity === 'space'
      ? { op: 'reorder', entity, data: { orderedIds: window } }
      : { op: 'reorder', entity, data: { parentId, orderedIds: window } }) as MutationInput
  if (ids.length <= MAX_ORDERED_IDS) return store.mutate(input(ids))
  // Still longer than one reorder may list (the first tile dragged to the end of a huge group): the order goes
  // in windows from the end backwards, each one landing before what follows it (a reorder puts its ids first and
  // the rest after, in their order), as a restore writes a backup's order.
  const windows: MutationInput[] = []
  for (let end = ids.length; end > 0; end -= MAX_ORDERED_IDS)
    windows.push(input(ids.slice(Math.max(0, end - MAX_ORDERED_IDS), end)))
  return store.mutate(windows)
}

/** Moves a group into a space, at `index` or, without one, after every group there (archived ones too). */
export const moveGroup = (store: DataStore, id: string, spaceId: string, index?: number) =>
  store.mutate({ op: 'move', entity: 'group', data: { id, spaceId, index } })

/** Moves a bookmark into a group, at `index` or, without one, last. */
export const moveBookmark = (store: DataStore, id: string, groupId: string, index?: number) =>
  store.mutate({ op: 'move', entity: 'bookmark', data: { id, groupId, index } })

/** Moves an item one step within its visible siblings (the keyboard alternative to dragging). */
export function stepOrder(ids: string[], id: string, delta: number): string[] | undefined {
  const from = ids.indexOf(id)
  const to = from + delta
  if (from < 0 || to < 0 || to >= ids.length) return undefined
  const next = ids.slice()
  next.splice(from, 1)
  next.splice(to, 0, id)
  return next
}

export const firstGroupOf = (state: DataState, spaceId: string): Group | undefined =>
  sortedGroups(state, spaceId)[0]
