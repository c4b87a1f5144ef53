// Which bookmarks each group holds and how many are archived, kept up to date change by change, so that showing a
// group, adding to it or counting the archive never reads the whole library (Object.values over 50,000 bookmarks
// costs 20 ms and more on a busy machine).
import { createSignal, type Signal } from 'solid-js'
import type { Bookmark } from './types'

/** Told of one bookmark added (`was` undefined), replaced, or removed (`now` undefined). */
export type BookmarkChange = (id: string, was: Bookmark | undefined, now: Bookmark | undefined) => void

/**
 * `table` as seen through a proxy that reports each write and delete to `onChange` just before it happens, so
 * that a change applied to it (apply.ts) tells what it touched without anyone comparing tables.
 */
export function watchWrites(
  table: Record<string, Bookmark>,
  onChange: BookmarkChange
): Record<string, Bookmark> {
  return new Proxy(table, {
    set(target, key, value: Bookmark | undefined) {
      if (typeof key === 'string') onChange(key, Object.hasOwn(target, key) ? target[key] : undefined, value)
      return Reflect.set(target, key, value)
    },
    deleteProperty(target, key) {
      if (typeof key === 'string' && Object.hasOwn(target, key)) onChange(key, target[key], undefined)
      return Reflect.deleteProperty(target, key)
    }
  })
}

/**
 * Reports how `next` differs from `previous`, bookmark by bookmark, for a table replaced as a whole (a load, a
 * complete pull). Unchanged bookmarks are the same objects in both (the cache and the store keep them), so one
 * comparison each finds the few that changed.
 */
export function diffTables(
  previous: Record<string, Bookmark>,
  next: Record<string, Bookmark>,
  onChange: BookmarkChange
): void {
  if (previous === next) return
  for (const [id, was] of Object.entries(previous)) if (next[id] !== was) onChange(id, was, next[id])
  for (const [id, now] of Object.entries(next)) if (!Object.hasOwn(previous, id)) onChange(id, undefined, now)
}

export type BookmarkIndex = {
  /** Every bookmark of a group, archived ones too, in no particular order. Tracks that group alone. */
  inGroup: (groupId: string) => Bookmark[]
  /** The same, untracked: for the mutation rules while they apply a change (apply.ts). */
  peek: (groupId: string) => Bookmark[]
  /** How many bookmarks are archived. */
  archived: () => number
  change: BookmarkChange
  /** Tells the readers of what changed since the last call; the store calls it in the batch of each change. */
  publish: () => void
  /** Also tells `listener` of every change from now on; returns how to stop. */
  watch: (listener: BookmarkChange) => () => void
}

export function createBookmarkIndex(): BookmarkIndex {
  const members = new Map<string, Map<string, Bookmark>>()
  // One signal per group that someone reads, bumped when that group's bookmarks change: a view of one group
  // reruns for its own changes, not for every change to the library.
  const versions = new Map<string, Signal<number>>()
  const changedGroups = new Set<string>()
  let archivedCount = 0
  const [archived, setArchived] = createSignal(0)
  const listeners = new Set<BookmarkChange>()

  const versionOf = (groupId: string): Signal<number> => {
    let version = versions.get(groupId)
    if (!version) {
      version = createSignal(0)
      versions.set(groupId, version)
    }
    return version
  }

  const change: BookmarkChange = (id, was, now) => {
    if (was) {
      members.get(was.groupId)?.delete(id)
      changedGroups.add(was.groupId)
      if (was.isArchived) archivedCount--
    }
    if (now) {
      let group = members.get(now.groupId)
      if (!group) {
        group = new Map()
        members.set(now.groupId, group)
      }
      group.set(id, now)
      changedGroups.add(now.groupId)
      if (now.isArchived) archivedCount++
    }
    for (const listener of listeners) listener(id, was, now)
  }

  const peek = (groupId: string) => Array.from(members.get(groupId)?.values() ?? [])

  return {
    inGroup: (groupId) => {
      versionOf(groupId)[0]()
      return peek(groupId)
    },
    peek,
    archived,
    change,
    publish: () => {
      for (const groupId of changedGroups) {
        const version = versions.get(groupId)
        version?.[1]((v) => v + 1)
        if (members.get(groupId)?.size === 0) members.delete(groupId)
      }
      changedGroups.clear()
      setArchived(archivedCount)
    },
    watch: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }
  }
}
