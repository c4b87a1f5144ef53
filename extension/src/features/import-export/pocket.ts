// Pocket's CSV export (title,url,time_added,tags,status): one folder, "Pocket"; tags (split by `|`) kept, and
// the `archive` status makes an archived bookmark.
import { cleanTags } from '../../../../model/tags'
import type { CsvTable } from './csv'
import { FolderCollector, type ImportRead } from './folders'

const FOLDER = ['Pocket']
const STATUSES = new Set(['unread', 'archive'])

/** Pocket's header: an address and its `time_added` or `status`. */
export const isPocketCsv = (table: CsvTable): boolean =>
  table.columns.includes('url') && (table.columns.includes('time_added') || table.columns.includes('status'))

export function parsePocket(table: CsvTable): ImportRead {
  const collector = new FolderCollector()
  collector.open(FOLDER, false)
  const unknown = new Map<string, number>()
  for (const row of table.records) {
    const url = (row.url ?? '').trim()
    const status = (row.status ?? '').trim().toLowerCase()
    if (status && !STATUSES.has(status)) unknown.set(status, (unknown.get(status) ?? 0) + 1)
    const seconds = Number((row.time_added ?? '').trim())
    const tags = cleanTags((row.tags ?? '').split('|'))
    collector.add(FOLDER, false, {
      // Pocket writes the address as the title of a page it never read; the import then names it by its site.
      title: (row.title ?? '').trim() === url ? '' : (row.title ?? '').trim(),
      url,
      ...(tags.length ? { tags } : {}),
      ...(seconds > 0 ? { addedAt: new Date(seconds * 1000).toISOString() } : {}),
      ...(status === 'archive' ? { isArchived: true } : {})
    })
  }
  const notes = [...unknown].map(
    ([status, n]) =>
      `${n} ${n === 1 ? 'row has' : 'rows have'} the status “${status}”, which Pocket does not write; ${
        n === 1 ? 'it is' : 'they are'
      } imported as unread.`
  )
  return { folders: collector.folders, notes }
}
