// Search across every space: bookmarks (each typed word in the title, address, tags or note; `#word` matches tags
// only, from their start), and spaces and groups by name. Lowercased text is kept per entity object, which the
// store replaces on every change, so a keystroke at 50,000 bookmarks compares strings and lowercases nothing.
import { tagKey } from '../../../../model/tags'
import type { Bookmark, DataState, Group, Space } from '../../store/types'

export type SearchHit =
  | { kind: 'bookmark'; bookmark: Bookmark; score: number }
  | { kind: 'group'; group: Group; score: number }
  | { kind: 'space'; space: Space; score: number }

/** The best hits, and how many matched in all (so the list can say what it leaves out). */
export type SearchResult = { hits: SearchHit[]; total: number }

type Prepared = { title: string; url: string; description: string; tags: string[] }
const prepared = new WeakMap<Bookmark, Prepared>()
const names = new WeakMap<Space | Group, string>()

function prepare(bookmark: Bookmark): Prepared {
  let text = prepared.get(bookmark)
  if (!text) {
    text = {
      title: bookmark.title.toLowerCase(),
      url: bookmark.url.toLowerCase(),
      description: bookmark.description?.toLowerCase() ?? '',
      tags: bookmark.tags.map(tagKey)
    }
    prepared.set(bookmark, text)
  }
  return text
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

function bookmarkScore(text: Prepared, words: string[]): number {
  let score = 0
  for (const word of words) {
    if (word.startsWith('#')) {
      const tag = word.slice(1)
      if (text.tags.includes(tag)) score += 8
      else if (tag && text.tags.some((t) => t.startsWith(tag))) score += 6
      else return -1
    } else if (text.title.startsWith(word)) score += 8
    else if (text.title.includes(word)) score += 5
    else if (text.tags.some((t) => t.includes(word))) score += 4
    else if (text.url.includes(word)) score += 3
    else if (text.description.includes(word)) score += 1
    else return -1
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

export function searchLibrary(state: DataState, query: string, limit = 50): SearchResult {
  const words = queryWords(query)
  if (words.length === 0) return { hits: [], total: 0 }
  const hits: SearchHit[] = []
  for (const space of Object.values(state.spaces)) {
    const score = nameScore(nameOf(space), '', words)
    if (score >= 0) hits.push({ kind: 'space', space, score: score - (space.isArchived ? 4 : 0) })
  }
  for (const group of Object.values(state.groups)) {
    const space = state.spaces[group.spaceId]
    const score = nameScore(nameOf(group), space ? nameOf(space) : '', words)
    if (score >= 0) hits.push({ kind: 'group', group, score: score - (group.isArchived ? 4 : 0) })
  }
  for (const bookmark of Object.values(state.bookmarks)) {
    let score = bookmarkScore(prepare(bookmark), words)
    if (score < 0) continue
    if (bookmark.isPinned) score += 1
    if (bookmark.isArchived) score -= 4
    hits.push({ kind: 'bookmark', bookmark, score })
  }
  const total = hits.length
  hits.sort((a, b) => b.score - a.score || labelOf(a).localeCompare(labelOf(b)))
  return { hits: hits.slice(0, limit), total }
}

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
