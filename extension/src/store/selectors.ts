// Derived, sorted views of the store for the UI: what is visible, in which order.

import { byOrder } from '../../../model/rules'
import { tagKey } from '../../../model/tags'
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

/** What a group shows of its bookmarks (`list`, e.g. DataStore.groupBookmarks): the unarchived ones, in order. */
export const shownBookmarks = (list: Bookmark[]): Bookmark[] =>
  sortedBookmarks(list.filter((b) => !b.isArchived))

export const nextOrder = (items: { order: number }[]): number =>
  items.reduce((max, item) => Math.max(max, item.order + 1), 0)

/**
 * What a new tab opening on this space and group shows: every space, its groups, that group's bookmarks
 * (`bookmarksOf` lists a group's, e.g. DataStore.groupBookmarks, so that the rest of the library is not read).
 */
export function startView(
  state: DataState,
  spaceId: string | undefined,
  groupId: string | null,
  bookmarksOf: (groupId: string) => Bookmark[]
): DataState {
  const view = emptyState()
  view.spaces = state.spaces
  if (!spaceId) return view
  const groups = sortedGroups(state, spaceId)
  for (const g of groups) view.groups[g.id] = g
  const group = groups.find((g) => g.id === groupId) ?? groups[0]
  if (!group) return view
  for (const b of bookmarksOf(group.id)) if (!b.isArchived) view.bookmarks[b.id] = b
  return view
}

export type TagCount = { tag: string; count: number }

/** Every tag on a visible bookmark with how many carry it, most used first (tags match case-insensitively). */
export function tagCounts(state: DataState): TagCount[] {
  const counts = new Map<string, TagCount>()
  for (const b of Object.values(state.bookmarks)) {
    if (b.isArchived || b.tags.length === 0 || !isVisible(state, b)) continue
    for (const tag of b.tags) {
      const entry = counts.get(tagKey(tag))
      if (entry) entry.count++
      else counts.set(tagKey(tag), { tag, count: 1 })
    }
  }
  return [...counts.values()].sort(
    (a, b) => b.count - a.count || a.tag.localeCompare(b.tag, undefined, { numeric: true })
  )
}

/** The visible bookmarks carrying `tag`, across every space, in sidebar then tab then tile order. */
export function bookmarksTagged(state: DataState, tag: string): Bookmark[] {
  const key = tagKey(tag)
  const place = (b: Bookmark) => [
    state.spaces[b.spaceId]?.order ?? 0,
    state.groups[b.groupId]?.order ?? 0,
    Number(!b.isPinned),
    b.order
  ]
  return Object.values(state.bookmarks)
    .filter((b) => !b.isArchived && b.tags.some((t) => tagKey(t) === key) && isVisible(state, b))
    .sort((a, b) => {
      const [pa, pb] = [place(a), place(b)]
      return pa.reduce((d, value, i) => d || value - (pb[i] ?? 0), 0) || (a.id < b.id ? -1 : 1)
    })
}

/** A bookmark whose group and space are live and not archived: one a person can see somewhere. */
function isVisible(state: DataState, b: Bookmark): boolean {
  const group = state.groups[b.groupId]
  const space = state.spaces[b.spaceId]
  return !!group && !group.isArchived && !!space && !space.isArchived
}
