import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDataStore } from '../../store/data-store'
import { readCsvTable } from './csv'
import { importFolders, planImport } from './importer'
import { isPocketCsv, parsePocket } from './pocket'

const table = readCsvTable(
  readFileSync(join(import.meta.dirname, '../../../../e2e/fixtures/pocket-export.csv'), 'utf8')
)

describe('Pocket CSV exports', () => {
  it('reads every row into one folder: tags split by |, archive status, time added', () => {
    expect(isPocketCsv(table)).toBe(true)
    const { folders, notes } = parsePocket(table)
    expect(folders.map((f) => [f.path, f.links.length])).toEqual([[['Pocket'], 15]])
    const links = folders[0]?.links ?? []
    expect(links[0]).toEqual({
      title: 'The Case for Slow Programming',
      url: 'https://ventrellathing.wordpress.com/2013/06/18/the-case-for-slow-programming/',
      tags: ['programming', 'essays'],
      addedAt: '2023-01-01T00:00:00.000Z',
      isArchived: true
    })
    expect(links[1]?.isArchived).toBeUndefined()
    expect(links[6]?.tags).toEqual(['food', 'baking'])
    // Pocket's title for a page it never read is its address: the import names it by its site instead.
    expect(links[5]?.title).toBe('')
    expect(links[14]?.title).toBe('A "quoted", comma-filled title')
    expect(notes).toEqual([
      '1 row has the status “pending”, which Pocket does not write; it is imported as unread.'
    ])
  })

  it('imports into one group, archived ones archived, and reports what it skips', async () => {
    const store = createDataStore()
    await store.load('pocket')
    const { folders } = parsePocket(table)
    const plan = planImport(store.state, folders, { kind: 'new', name: 'Pocket' })
    expect(plan.result.skipped.map((s) => [s.title, s.reason])).toEqual([
      ['Pocket bookmarklet', 'A bookmarklet (javascript:) runs code, which bookmarks here cannot'],
      ['', 'It has no address']
    ])
    expect(plan.result).toMatchObject({ invalid: 2, duplicates: 1, spaces: 1, groups: 1 })
    expect(plan.result.places.map((p) => [p.name, p.groups.map((g) => g.name)])).toEqual([
      ['Pocket', ['Pocket']]
    ])
    await importFolders(store, folders, { kind: 'new', name: 'Pocket' })
    const bookmarks = Object.values(store.snapshot().bookmarks)
    expect(bookmarks).toHaveLength(12)
    expect(bookmarks.filter((b) => b.isArchived).map((b) => b.title)).toEqual([
      'The Case for Slow Programming',
      'How to Read a Paper',
      'Falsehoods Programmers Believe About Names',
      'On Writing Well, notes',
      'Choose Boring Technology'
    ])
    expect(bookmarks.find((b) => b.url.startsWith('https://jvns.ca/'))?.title).toBe('jvns.ca')
  })
})
