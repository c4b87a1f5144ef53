import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDataStore } from '../../store/data-store'
import { sortedGroups, sortedSpaces } from '../../store/selectors'
import type { DataState } from '../../store/types'
import { readCsvTable } from './csv'
import { importFolders, planImport } from './importer'
import { isRaindropCsv, parseRaindrop } from './raindrop'

const table = readCsvTable(
  readFileSync(join(import.meta.dirname, '../../../../e2e/fixtures/raindrop-export.csv'), 'utf8')
)

const layout = (state: DataState) =>
  sortedSpaces(state).map(
    (s) =>
      `${s.name}: ${sortedGroups(state, s.id)
        .map((g) => g.name)
        .join(', ')}`
  )

describe('Raindrop.io CSV exports', () => {
  it('is known by its header, past the BOM', () => {
    expect(table.columns[0]).toBe('id')
    expect(isRaindropCsv(table)).toBe(true)
    expect(isRaindropCsv(readCsvTable('title,url,time_added,tags,status\n'))).toBe(false)
  })

  it('reads nested folders as paths, tags split and cleaned, the note (else the excerpt), favourites pinned', () => {
    const { folders, notes } = parseRaindrop(table)
    expect(folders.map((f) => [f.path.join('/'), f.links.length])).toEqual([
      ['Development/Frontend', 5],
      ['Development/Backend', 4],
      ['Development/Backend/Hosting', 2],
      ['Reading', 6],
      ['Recipes', 3],
      ['', 1]
    ])
    const [solid, vite, flexbox] = folders[0]?.links ?? []
    expect(solid).toMatchObject({
      title: 'Solid — Reactive JavaScript library',
      description: 'Fine-grained reactivity.\nNo virtual DOM.',
      tags: ['solid', 'js', 'ui'],
      isPinned: true,
      addedAt: '2024-03-05T10:11:12.000Z'
    })
    expect(vite).toMatchObject({ description: 'Next generation frontend tooling.', tags: ['build', 'js'] })
    expect(vite?.isPinned).toBeUndefined()
    // Empty items in a tag list are dropped; quotes and commas inside a quoted note survive.
    expect(flexbox?.tags).toEqual(['css', 'layout', 'reference'])
    expect(flexbox?.description).toBe('The "flex: 1" part, finally explained,\nwith pictures.')
    expect(notes).toEqual([
      '1 row has no folder: with a space for each top-level folder, they go to “Imported”.'
    ])
  })

  it('makes the top folder the space and the rest the group path, and reports what it skips', async () => {
    const store = createDataStore()
    await store.load('raindrop')
    const plan = planImport(store.state, parseRaindrop(table).folders, { kind: 'per-folder' })
    expect(plan.result.skipped.map((s) => s.reason)).toEqual([
      'A bookmarklet (javascript:) runs code, which bookmarks here cannot',
      'It has no address'
    ])
    expect(plan.result).toMatchObject({ invalid: 2, duplicates: 1 })
    expect(plan.bookmarks).toHaveLength(18)
    await importFolders(store, parseRaindrop(table).folders, { kind: 'per-folder' })
    const state = store.snapshot()
    expect(layout(state)).toEqual([
      'Development: Frontend, Backend, Backend / Hosting',
      'Reading: General',
      'Recipes: General',
      'Imported: General'
    ])
    const byUrl = (url: string) => Object.values(state.bookmarks).find((b) => b.url === url)
    expect(byUrl('https://hono.dev/')).toMatchObject({ isPinned: true, tags: ['workers', 'http'] })
    expect(byUrl('https://www.gwern.net/')?.title).toBe('gwern.net')
    expect(byUrl('https://paulgraham.com/greatwork.html')?.description).toMatch(
      /^Long\. Set aside an evening\.\n\n"/
    )
  })
})
