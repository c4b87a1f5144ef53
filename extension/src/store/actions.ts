// Named operations of the app (create a space, move a bookmark…), each one call to the mutation path.
import { createDefaults } from '../../../model/defaults'
import { byPosition, type Placement, positionAt, reordered, spreadList } from '../../../model/rules'
import type { DataStore } from './data-store'
import { newId, now } from './ids'
import { positionAfter, sortedGroups } from './selectors'
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
    position: positionAfter(Object.values(store.state.spaces)),
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
    position: positionAfter(Object.values(store.state.groups).filter((g) => g.spaceId === spaceId)),
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
  /** Its key; without one, after the group's last bookmark. */
  position?: string
): Bookmark {
  const at = now()
  return {
    id: newId('bookmark'),
    spaceId: group.spaceId,
    groupId: group.id,
    ...createDefaults.bookmark,
    ...fields,
    position: position ?? positionAfter(Object.values(state.bookmarks).filter((b) => b.groupId === group.id)),
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
  const bookmark = newBookmark(store.state, group, fields, positionAfter(store.groupBookmarks(groupId)))
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

type Item = Space | Group | Bookmark

/** Every member of one list (archived ones too): a parent's children, or (parentId null) every space. */
function membersOf(store: DataStore, entity: EntityName, parentId: string | null): Item[] {
  const { state } = store
  if (entity === 'space') return Object.values(state.spaces)
  if (entity === 'group') return Object.values(state.groups).filter((g) => g.spaceId === parentId)
  return parentId === null ? [] : store.groupBookmarks(parentId)
}

/** The moves that give items their new keys in the list of `parentId` (model/rules.ts decided the keys). */
function moves(entity: EntityName, parentId: string | null, placement: Placement<Item>): MutationInput[] {
  return placement.map(([item, position]): MutationInput => {
    if (entity === 'space') return { op: 'move', entity, data: { id: item.id, position } }
    if (parentId === null) throw new Error(`A ${entity} move needs its parent`)
    return entity === 'group'
      ? { op: 'move', entity, data: { id: item.id, spaceId: parentId, position } }
      : { op: 'move', entity, data: { id: item.id, groupId: parentId, position } }
  })
}

/**
 * Puts the listed ids first, in the given order, the rest of the list after in its order (a drag passes the
 * whole visible list). Only items that must move get a new key, each between its new neighbours: dragging one
 * tile is one move of one row, whatever the size of the group.
 */
export function reorder(store: DataStore, entity: EntityName, parentId: string | null, orderedIds: string[]) {
  if (entity !== 'space' && parentId === null) throw new Error(`A ${entity} reorder needs its parent`)
  return store.mutate(moves(entity, parentId, reordered(membersOf(store, entity, parentId), orderedIds)))
}

/**
 * Moves an item into the list of `parentId` at `index` there (among every member, archived ones too), or last:
 * one key between its new neighbours, or, when no key fits there, fresh keys for that whole list (rare).
 */
function moveTo(
  store: DataStore,
  entity: 'group' | 'bookmark',
  id: string,
  parentId: string,
  index?: number
) {
  const item = (entity === 'group' ? store.state.groups : store.state.bookmarks)[id]
  if (!item) return Promise.resolve([])
  const siblings = membersOf(store, entity, parentId)
    .filter((s) => s.id !== id)
    .sort(byPosition)
  const position = positionAt(siblings, index)
  if (position !== undefined) return store.mutate(moves(entity, parentId, [[item, position]]))
  const list = siblings.slice()
  list.splice(index ?? list.length, 0, item)
  const spread = spreadList(list)
  // The item changes list even when its rank key happens to be the one it had.
  if (!spread.some(([moved]) => moved.id === id)) spread.push([item, item.position])
  return store.mutate(moves(entity, parentId, spread))
}

/** Moves a group into a space, at `index` or, without one, after every group there (archived ones too). */
export const moveGroup = (store: DataStore, id: string, spaceId: string, index?: number) =>
  moveTo(store, 'group', id, spaceId, index)

/** Moves a bookmark into a group, at `index` or, without one, last. */
export const moveBookmark = (store: DataStore, id: string, groupId: string, index?: number) =>
  moveTo(store, 'bookmark', id, groupId, index)

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
