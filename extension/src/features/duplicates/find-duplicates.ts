// Finds every link saved more than once, keyed as the importers key them (model/url.ts normalizeUrl).
import { normalizeUrl } from '../../../../model/url'
import type { Bookmark, DataState } from '../../store/types'

/** Copies of one link: `key` is the normalised URL, `bookmarks` the copies, oldest first. */
export type DuplicateSet = { key: string; bookmarks: Bookmark[] }

/**
 * Bookmarks are replaced on every change, never mutated (store/types.ts), so a bookmark object's key never goes
 * stale: finding again after a merge normalises only the bookmarks that changed.
 */
const keys = new WeakMap<Bookmark, string>()
const keyOf = (bookmark: Bookmark): string => {
  let key = keys.get(bookmark)
  if (key === undefined) {
    key = normalizeUrl(bookmark.url)
    keys.set(bookmark, key)
  }
  return key
}

/** How long one slice of `prepareKeys` may hold the page, in ms: well inside a frame, so typing and scrolling go on. */
const SLICE_MS = 10

/**
 * Normalises every bookmark's URL into the cache in slices, yielding to the page between them: the first look at
 * 50,000 bookmarks takes hundreds of milliseconds of URL parsing, which in one go would freeze the page. After it,
 * findDuplicates is one cached pass. Stops early once `signal` is aborted (the dialog closed).
 */
export async function prepareKeys(state: DataState, signal?: AbortSignal): Promise<void> {
  const list = Object.values(state.bookmarks)
  let sliceStart = performance.now()
  for (let i = 0; i < list.length; i++) {
    keyOf(list[i] as Bookmark)
    if (i % 256 === 255 && performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0))
      if (signal?.aborted) return
      sliceStart = performance.now()
    }
  }
}

const oldestFirst = (a: Bookmark, b: Bookmark) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

/** Every set of two or more bookmarks with the same key, the biggest sets first (then by key, for a stable list). */
export function findDuplicates(state: DataState): DuplicateSet[] {
  // One pass with a Map; only the few keys seen twice get a list.
  const first = new Map<string, Bookmark>()
  const sets = new Map<string, Bookmark[]>()
  for (const bookmark of Object.values(state.bookmarks)) {
    const key = keyOf(bookmark)
    const seen = first.get(key)
    if (seen === undefined) first.set(key, bookmark)
    else {
      const list = sets.get(key)
      if (list) list.push(bookmark)
      else sets.set(key, [seen, bookmark])
    }
  }
  const result: DuplicateSet[] = []
  for (const [key, bookmarks] of sets) result.push({ key, bookmarks: bookmarks.sort(oldestFirst) })
  return result.sort(
    (a, b) => b.bookmarks.length - a.bookmarks.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  )
}

/**
 * The copy a merge keeps unless the person picks another: the oldest one that is not archived (the oldest of all
 * when every copy is). Not "the one with the most data", because the merge folds the others' tags and note into
 * the kept copy anyway; what it cannot fold is a copy's place, title and age. The oldest is where the person filed
 * the link first, the later ones are usually re-saves (a capture, an import); an archived copy was put away, and
 * keeping it would take the link off the person's pages.
 */
export function defaultKeep(set: DuplicateSet): Bookmark {
  const live = set.bookmarks.find((b) => !b.isArchived)
  return live ?? (set.bookmarks[0] as Bookmark)
}
