// Search across every space: bookmarks (each typed word in the title, address, tags or note; `#word` matches tags
// only, from their start), and spaces and groups by name. Bookmarks are searched through an index of their
// lowercased text in title order, kept up to date change by change: a keystroke at 50,000 bookmarks compares
// strings once each, lowercases nothing and sorts only the few best.
import { tagKey } from '../../../../model/tags'
import type { BookmarkChange } from '../../store/bookmark-index'
import type { DataStore } from '../../store/data-store'
import type { Bookmark, DataState, Group, Space } from '../../store/types'

export type SearchHit =
  | { kind: 'bookmark'; bookmark: Bookmark; score: number }
  | { kind: 'group'; group: Group; score: number }
  | { kind: 'space'; space: Space; score: number }

/** The best hits, and how many matched in all (so the list can say what it leaves out). */
export type SearchResult = { hits: SearchHit[]; total: number }

/**
 * A bookmark's text as words are matched against it: its fields lowercased on lines of one string, in the order
 * they rank (title, tags, address, note), with where each ends. A query word holds no whitespace, so it never
 * matches across two lines, and where it is first found tells which field it matched first: one search of one
 * string per word and bookmark.
 */
type Prepared = {
  bookmark: Bookmark
  text: string
  titleEnd: number
  tagsEnd: number
  urlEnd: number
  /** For `#tag` words, which match tags only. */
  tags: string[]
  /** What the bookmark's flags add to its score: pinned ones rank a little higher, archived ones lower. */
  bonus: number
}
const names = new WeakMap<Space | Group, string>()
/** How far an archived item falls in the results. */
const ARCHIVED = 4

function prepare(bookmark: Bookmark): Prepared {
  const title = bookmark.title.toLowerCase()
  const tags = bookmark.tags.map(tagKey)
  const url = bookmark.url.toLowerCase()
  const titleEnd = title.length
  const tagsEnd = tags.reduce((end, tag) => end + 1 + tag.length, titleEnd)
  return {
    bookmark,
    text: [title, ...tags, url, bookmark.description?.toLowerCase() ?? ''].join('\n'),
    titleEnd,
    tagsEnd,
    urlEnd: tagsEnd + 1 + url.length,
    tags,
    bonus: (bookmark.isPinned ? 1 : 0) - (bookmark.isArchived ? ARCHIVED : 0)
  }
}

function nameOf(item: Space | Group): string {
  let name = names.get(item)
  if (name === undefined) {
    name = item.name.toLowerCase()
    names.set(item, name)
  }
  return name
}

/** The words of a query, lowercased; `#tag` words kept apart, since they match tags only. */
export const queryWords = (query: string): string[] => query.toLowerCase().split(/\s+/).filter(Boolean)

/** A query word as bookmarks are matched against it, read once per query rather than once per bookmark. */
type Word = { word: string; tag: string | undefined }
const asWords = (words: string[]): Word[] =>
  words.map((word) => ({ word, tag: word.startsWith('#') ? word.slice(1) : undefined }))

function bookmarkScore(text: Prepared, words: Word[]): number {
  let score = 0
  for (const { word, tag } of words) {
    if (tag !== undefined) {
      if (text.tags.includes(tag)) score += 8
      else if (tag && text.tags.some((t) => t.startsWith(tag))) score += 6
      else return -1
      continue
    }
    const at = text.text.indexOf(word)
    if (at < 0) return -1
    // The title's start, the title, a tag, the address, the note.
    score += at === 0 ? 8 : at < text.titleEnd ? 5 : at < text.tagsEnd ? 4 : at < text.urlEnd ? 3 : 1
  }
  return score
}

/** A space or group matches when every plain word is in its name (for a group, some may be in its space's). */
function nameScore(name: string, context: string, words: string[]): number {
  let score = 0
  let own = false
  for (const word of words) {
    if (word.startsWith('#')) return -1
    // Just below a bookmark's title: the palette is for bookmarks first.
    if (name.startsWith(word)) score += 7
    else if (name.includes(word)) score += 4
    else if (context.includes(word)) {
      score += 1
      continue
    } else return -1
    own = true
  }
  // At least one word is the group's own: "work" finds the space Work, not each of its groups.
  return own ? score : -1
}

const labelOf = (hit: SearchHit) =>
  hit.kind === 'bookmark' ? hit.bookmark.title : hit.kind === 'group' ? hit.group.name : hit.space.name

/** Results are ordered by score, then by label as the reader's language sorts it. */
const byRank = (a: SearchHit, b: SearchHit) => b.score - a.score || labelOf(a).localeCompare(labelOf(b))
const byTitle = (a: Prepared, b: Prepared) => a.bookmark.title.localeCompare(b.bookmark.title)

/**
 * Whether whatever `next` matches also matches `previous`: each earlier word starts the word now in its place
 * (typed on, or more words after). A lone `#` matches nothing, so nothing follows from it.
 */
const narrows = (previous: string[], next: string[]) =>
  previous.length <= next.length && previous.every((word, i) => word !== '#' && next[i]?.startsWith(word))

/** The items of two lists sorted by `order` as one sorted list; on a tie, `first`'s item comes first. */
function merged<T>(first: T[], second: T[], order: (a: T, b: T) => number): T[] {
  const out: T[] = []
  let i = 0
  let j = 0
  while (i < first.length && j < second.length)
    out.push(order(first[i] as T, second[j] as T) <= 0 ? (first[i++] as T) : (second[j++] as T))
  return out.concat(first.slice(i), second.slice(j))
}

/**
 * Every bookmark's prepared text, in title order. With bookmarks visited in the order results list them, the
 * first `limit` found of each score are the best of that score: a search collects those and counts the rest,
 * and sorts no more than a few hundred hits however many match.
 */
export class SearchIndex {
  private ordered: Prepared[]
  /** Bookmarks changed since the last search, with what they are now (undefined: gone); applied in one go. */
  private readonly pending = new Map<string, Bookmark | undefined>()
  /**
   * The last search's words and the bookmarks that matched them, in title order: a query typed on from it can
   * match no others, so it looks at these alone. Forgotten when a bookmark changes.
   */
  private last: { words: string[]; matched: Prepared[] } | undefined

  constructor(bookmarks: Record<string, Bookmark>) {
    // A stable sort: bookmarks with equal titles stay in the table's order, as results were listed before.
    this.ordered = Object.values(bookmarks).map(prepare).sort(byTitle)
  }

  readonly change: BookmarkChange = (id, _was, now) => {
    this.pending.set(id, now)
  }

  /** Applies the pending changes: a bookmark whose title stays keeps its place, the others are merged in. */
  private update(): void {
    if (this.pending.size === 0) return
    this.last = undefined
    const kept: Prepared[] = []
    const added: Prepared[] = []
    for (const entry of this.ordered) {
      const { id, title } = entry.bookmark
      if (!this.pending.has(id)) kept.push(entry)
      else {
        const now = this.pending.get(id)
        this.pending.delete(id)
        if (now) (now.title === title ? kept : added).push(prepare(now))
      }
    }
    // What is left was not in the index: new bookmarks, which follow any with an equal title, as in the table.
    for (const now of this.pending.values()) if (now) added.push(prepare(now))
    this.pending.clear()
    this.ordered = merged(kept, added.sort(byTitle), byTitle)
  }

  search(state: Pick<DataState, 'spaces' | 'groups'>, query: string, limit = 50): SearchResult {
    const words = queryWords(query)
    if (words.length === 0) return { hits: [], total: 0 }
    this.update()
    const hits: SearchHit[] = []
    for (const space of Object.values(state.spaces)) {
      const score = nameScore(nameOf(space), '', words)
      if (score >= 0) hits.push({ kind: 'space', space, score: score - (space.isArchived ? ARCHIVED : 0) })
    }
    for (const group of Object.values(state.groups)) {
      const space = state.spaces[group.spaceId]
      const score = nameScore(nameOf(group), space ? nameOf(space) : '', words)
      if (score >= 0) hits.push({ kind: 'group', group, score: score - (group.isArchived ? ARCHIVED : 0) })
    }
    let total = hits.length
    // The first `limit` bookmarks found of each score, by score (offset by ARCHIVED: a score is never below -4).
    const best: Bookmark[][] = []
    const parsed = asWords(words)
    const scope = this.last && narrows(this.last.words, words) ? this.last.matched : this.ordered
    const matched: Prepared[] = []
    for (const text of scope) {
      const score = bookmarkScore(text, parsed)
      if (score < 0) continue
      matched.push(text)
      total++
      const slot = score + text.bonus + ARCHIVED
      const list = best[slot]
      if (!list) best[slot] = [text.bookmark]
      else if (list.length < limit) list.push(text.bookmark)
    }
    this.last = { words, matched }
    best.forEach((list, slot) => {
      for (const bookmark of list) hits.push({ kind: 'bookmark', bookmark, score: slot - ARCHIVED })
    })
    hits.sort(byRank)
    return { hits: hits.slice(0, limit), total }
  }
}

const indexes = new WeakMap<DataStore, SearchIndex>()

/** The store's search index: built on first use, then told of every change, so that it is never built again. */
export function searchIndexOf(store: DataStore): SearchIndex {
  let index = indexes.get(store)
  if (!index) {
    const created = new SearchIndex(store.snapshot().bookmarks)
    store.watchBookmarks(created.change)
    indexes.set(store, created)
    index = created
  }
  return index
}

/** One search of `state` without an index to keep (it builds one). */
export const searchLibrary = (state: DataState, query: string, limit = 50): SearchResult =>
  new SearchIndex(state.bookmarks).search(state, query, limit)

/** `text` cut into pieces, the ones that match a query word marked, for highlighting. */
export function highlight(text: string, words: string[]): { text: string; match: boolean }[] {
  const lower = text.toLowerCase()
  // A few letters lowercase to more characters than they had (İ); such text is shown unmarked.
  if (lower.length !== text.length) return [{ text, match: false }]
  const marked = new Array<boolean>(text.length).fill(false)
  for (const raw of words) {
    const word = raw.startsWith('#') ? raw.slice(1) : raw
    if (!word) continue
    for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + word.length))
      marked.fill(true, at, at + word.length)
  }
  const pieces: { text: string; match: boolean }[] = []
  for (let i = 0; i < text.length; ) {
    let j = i
    while (j < text.length && marked[j] === marked[i]) j++
    pieces.push({ text: text.slice(i, j), match: marked[i] === true })
    i = j
  }
  return pieces
}
