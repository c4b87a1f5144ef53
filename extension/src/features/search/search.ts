// Bookmark search across every space: each typed word must appear in the title, address, tags or description;
// `#word` matches tags only (from their start, so results narrow as the person types the tag).
import { tagKey } from '../../../../model/tags'
import type { Bookmark, DataState } from '../../store/types'

export type SearchHit = { bookmark: Bookmark; score: number }

export function searchBookmarks(state: DataState, query: string, limit = 50): SearchHit[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return []
  const hits: SearchHit[] = []
  for (const bookmark of Object.values(state.bookmarks)) {
    const title = bookmark.title.toLowerCase()
    const url = bookmark.url.toLowerCase()
    const description = bookmark.description?.toLowerCase() ?? ''
    const tags = bookmark.tags.map(tagKey)
    let score = 0
    for (const word of words) {
      if (word.startsWith('#')) {
        const tag = word.slice(1)
        if (tags.includes(tag)) score += 8
        else if (tag && tags.some((t) => t.startsWith(tag))) score += 6
        else {
          score = -1
          break
        }
      } else if (title.startsWith(word)) score += 8
      else if (title.includes(word)) score += 5
      else if (tags.some((t) => t.includes(word))) score += 4
      else if (url.includes(word)) score += 3
      else if (description.includes(word)) score += 1
      else {
        score = -1
        break
      }
    }
    if (score < 0) continue
    if (bookmark.isPinned) score += 1
    if (bookmark.isArchived) score -= 4
    hits.push({ bookmark, score })
  }
  hits.sort((a, b) => b.score - a.score || a.bookmark.title.localeCompare(b.bookmark.title))
  return hits.slice(0, limit)
}
