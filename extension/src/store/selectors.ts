// Derived, sorted views of the store for the UI: what is visible, in which order.
import { byOrder } from './apply'
import { type Bookmark, type DataState, emptyState, type Group, type Space } from './types'

export const sortedSpaces = (state: DataState, archived = false): Space[] =>
  Object.values(state.spaces)
    .filter((s) => s.isArchived === archived)
    .sort(byOrder)

export const sortedGroups = (state: DataState, spaceId: string, archived = false): Group[] =>
  Object.values(state.groups)
    .filter((g) => g.spaceId === spaceId && g.isArchived === archived)
    .sort(byOrder)

/** Pinned bookmarks first, then the group's own order. */
export const sortedBookmarks = (list: Bookmark[]): Bookmark[] =>
  list.slice().sort((a, b) => Number(b.isPinned) - Number(a.isPinned) || byOrder(a, b))

/** Every group's visible bookmarks in one pass over the store, so a large library is scanned once. */
export function bookmarksByGroup(state: DataState): Map<string, Bookmark[]> {
  const map = new Map<string, Bookmark[]>()
  for (const b of Object.values(state.bookmarks)) {
    if (b.isArchived) continue
    const list = map.get(b.groupId)
    if (list) list.push(b)
    else map.set(b.groupId, [b])
  }
  for (const [key, list] of map) map.set(key, sortedBookmarks(list))
  return map
}

export const nextOrder = (items: { order: number }[]): number =>
  items.reduce((max, item) => Math.max(max, item.order + 1), 0)

/** What a new tab opening on this space and group shows: every space, its groups, that group's bookmarks. */
export function startView(state: DataState, spaceId: string | undefined, groupId: string | null): DataState {
  const view = emptyState()
  view.spaces = state.spaces
  if (!spaceId) return view
  const groups = sortedGroups(state, spaceId)
  for (const g of groups) view.groups[g.id] = g
  const group = groups.find((g) => g.id === groupId) ?? groups[0]
  if (!group) return view
  for (const b of Object.values(state.bookmarks))
    if (b.groupId === group.id && !b.isArchived) view.bookmarks[b.id] = b
  return view
}
