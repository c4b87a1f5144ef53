// The address-bar keyword (`bi`): bookmarks from the local index as the person types, Enter opens the chosen one.
import { highlight, queryWords, searchLibrary } from '../features/search/search'
import type { Bookmark, DataState } from '../store/types'

export type Suggestion = { content: string; description: string }
export type Disposition = 'currentTab' | 'newForegroundTab' | 'newBackgroundTab'

const MAX_SUGGESTIONS = 8

/** The omnibox's description markup is XML: text must be escaped, matches wrapped in <match>. */
const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c
  )

const marked = (text: string, words: string[]) =>
  highlight(text, words)
    .map((piece) => (piece.match ? `<match>${escapeXml(piece.text)}</match>` : escapeXml(piece.text)))
    .join('')

/** The visible bookmarks matching `text`, best first. */
export function matchingBookmarks(data: DataState, text: string, limit = MAX_SUGGESTIONS): Bookmark[] {
  const visible = (b: Bookmark) =>
    !b.isArchived &&
    data.groups[b.groupId]?.isArchived === false &&
    data.spaces[b.spaceId]?.isArchived === false
  return searchLibrary(data, text, limit * 4)
    .hits.flatMap((hit) => (hit.kind === 'bookmark' && visible(hit.bookmark) ? [hit.bookmark] : []))
    .slice(0, limit)
}

/** Suggestions for what is typed after the keyword: each opens its bookmark's address. */
export function suggestionsFor(data: DataState, text: string): Suggestion[] {
  const words = queryWords(text)
  return matchingBookmarks(data, text).map((b) => {
    const group = data.groups[b.groupId]
    const space = data.spaces[b.spaceId]
    const where = group && space ? ` <dim>${escapeXml(`${space.name} / ${group.name}`)}</dim>` : ''
    return {
      content: b.url,
      description: `${marked(b.title, words)}${where} <url>${marked(b.url, words)}</url>`
    }
  })
}

/**
 * What Enter opens: a suggestion's address as it is (its content), else the best match for the words typed.
 * Undefined when nothing matches: the new tab is opened on its search instead.
 */
export function addressFor(data: DataState, text: string): string | undefined {
  const exact = Object.values(data.bookmarks).find((b) => b.url === text.trim())
  return exact?.url ?? matchingBookmarks(data, text, 1)[0]?.url
}
