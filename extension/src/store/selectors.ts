// Derived, sorted views of the store for the UI: what is visible, in which order.

import { keyBetween, positionBetween } from '../../../model/position'
import { byPosition, type Positioned } from '../../../model/rules'
import { tagKey } from '../../../model/tags'
import { type Bookmark, type DataState, emptyState, type Group, type Space } from './types'

export const sortedSpaces = (state: DataState, archived = false): Space[] =>
  Object.values(state.spaces)
    .filter((s) => s.isArchived === archived)
    .sort(byPosition)

export const sortedGroups = (state: DataState, spaceId: string, archived = false): Group[] =>
  Object.values(state.groups)
    .filter((g) => g.spaceId === spaceId && g.isArchived === archived)
    .sort(byPosition)

/** Pinned bookmarks first, then the group's own order. */
export const sortedBookmarks = (list: Bookmark[]): Bookmark[] =>
  list.slice().sort((a, b) => Number(b.isPinned) - Number(a.isPinned) || byPosition(a, b))

/** What a group shows of its bookmarks (`list`, e.g. DataStore.groupBookmarks): the unarchived ones, in order. */
export const shownBookmarks = (list: Bookmark[]): Bookmark[] =>
  sortedBookmarks(list.filter((b) => !b.isArchived))

/** `count` keys in order after every item of a list: where a run of new items goes (an import, saved tabs). */
export function positionsAfter(items: Iterable<Positioned>, count: number): string[] {
  const keys: string[] = []
  let last: Positioned[] = [...items]
  for (let i = 0; i < count; i++) {
    const key = positionAfter(last)
    keys.push(key)
    last = [{ id: '', position: key }]
  }
  return keys
}

/** A key after every item of a list (archived ones too): where a new item goes. */
export function positionAfter(items: Iterable<Positioned>): string {
  let last: string | null = null
  for (const item of items) if (last === null || item.position > last) last = item.position
  // After the last key the integer part steps up, so the key stays short; the jitter never makes it too long.
  return positionBetween(last, null) ?? keyBetween(last, null)
}

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
    state.spaces[b.spaceId]?.position ?? '',
    state.groups[b.groupId]?.position ?? '',
    String(Number(!b.isPinned)),
    b.position
  ]
  return Object.values(state.bookmarks)
    .filter((b) => !b.isArchived && b.tags.some((t) => tagKey(t) === key) && isVisible(state, b))
    .sort((a, b) => {
      const [pa, pb] = [place(a), place(b)]
      const codeUnits = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0)
      return pa.reduce((d, value, i) => d || codeUnits(value, pb[i] ?? ''), 0) || (a.id < b.id ? -1 : 1)
    })
}

/** A bookmark whose group and space are live and not archived: one a person can see somewhere. */
function isVisible(state: DataState, b: Bookmark): boolean {
  const group = state.groups[b.groupId]
  const space = state.spaces[b.spaceId]
  return !!group && !group.isArchived && !!space && !space.isArchived
}
