// Toby's JSON export ({ version, lists: [{ title, cards: [{ title, url, customTitle, customDescription }] }] }):
// each list a folder of its own, so that a list becomes a group.
import { FolderCollector, type ImportFolder } from './folders'

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '')
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Whether parsed JSON is Toby's: an object with a `lists` array (our own backup has none). */
export const isTobyExport = (data: unknown): data is { lists: unknown[] } =>
  isRecord(data) && Array.isArray(data.lists)

/** The lists as folders, in file order; a card without an address is kept, so that the preview says so. */
export function parseToby(data: { lists: unknown[] }): ImportFolder[] {
  const collector = new FolderCollector()
  for (const list of data.lists) {
    if (!isRecord(list)) continue
    const path = [text(list.title) || 'Untitled list']
    const cards = Array.isArray(list.cards) ? list.cards : []
    for (const card of cards) {
      if (!isRecord(card)) continue
      const url = text(card.url)
      const description = text(card.customDescription)
      collector.add(path, false, {
        // The title a person gave the card wins over the page's own; with neither, the import names it by its site.
        title: text(card.customTitle) || text(card.title),
        url,
        ...(description ? { description } : {})
      })
    }
  }
  return collector.folders
}
