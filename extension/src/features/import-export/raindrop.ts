// Raindrop.io's CSV export (id,title,note,excerpt,url,folder,tags,created,cover,highlights,favorite): each
// folder, nested as `Parent/Child`, a folder path; tags, notes (else the excerpt) and favourites (pinned) kept.
import { parseTags } from '../../../../model/tags'
import type { CsvTable } from './csv'
import { FolderCollector, type ImportRead } from './folders'

/** Raindrop's header has columns no other export has. */
export const isRaindropCsv = (table: CsvTable): boolean =>
  ['url', 'folder', 'excerpt'].every((name) => table.columns.includes(name))

const dateOf = (value: string): string | undefined => {
  const time = Date.parse(value)
  return Number.isNaN(time) ? undefined : new Date(time).toISOString()
}

export function parseRaindrop(table: CsvTable): ImportRead {
  const collector = new FolderCollector()
  const notes: string[] = []
  let unfiled = 0
  for (const row of table.records) {
    const url = (row.url ?? '').trim()
    const path = (row.folder ?? '')
      .split('/')
      .map((part) => part.trim())
      .filter(Boolean)
    if (path.length === 0) unfiled++
    const description = (row.note ?? '').trim() || (row.excerpt ?? '').trim()
    const tags = parseTags(row.tags ?? '')
    const addedAt = dateOf(row.created ?? '')
    collector.add(path, false, {
      title: (row.title ?? '').trim(),
      url,
      ...(description ? { description } : {}),
      ...(tags.length ? { tags } : {}),
      ...(addedAt ? { addedAt } : {}),
      ...((row.favorite ?? '').trim().toLowerCase() === 'true' ? { isPinned: true } : {})
    })
  }
  if (unfiled)
    notes.push(
      `${unfiled} ${unfiled === 1 ? 'row has' : 'rows have'} no folder: with a space for each top-level ` +
        'folder, they go to “Imported”.'
    )
  return { folders: collector.folders, notes }
}
