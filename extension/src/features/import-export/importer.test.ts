// Import of real browser exports: the browser's own folders are not spaces, deep folders keep their path in the
// file's order, and the same library imported again (by file, then from Chrome) adds nothing.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDataStore } from '../../store/data-store'
import { sortedGroups, sortedSpaces } from '../../store/selectors'
import type { DataState } from '../../store/types'
import type { ImportFolder } from './folders'
import { importFolders, planImport } from './importer'
import { parseNetscape } from './netscape'

const html = readFileSync(
  join(import.meta.dirname, '../../../../../shared/fixtures/library-300.html'),
  'utf8'
)

/** Every space with its groups, as `space: group, group`, in the order the page shows them. */
const layout = (state: DataState) =>
  sortedSpaces(state).map(
    (s) =>
      `${s.name}: ${sortedGroups(state, s.id)
        .map((g) => g.name)
        .join(', ')}`
  )

/** The same library as Chrome's bookmarks API gives it once the file was imported into Chrome. */
const asChromeTree = (folders: ImportFolder[]): ImportFolder[] =>
  folders.map((f) => (f.wrapped ? f : { ...f, path: ['Other bookmarks', ...f.path], wrapped: true }))

describe('importing a browser export', () => {
  it('makes the folders inside the Bookmarks bar the spaces, with deep folders as paths in file order', async () => {
    const store = createDataStore()
    await store.load('browser-export')
    await importFolders(store, parseNetscape(html), { kind: 'per-folder' })
    const spaces = layout(store.snapshot())
    expect(spaces).not.toContainEqual(expect.stringMatching(/^Bookmarks bar/))
    expect(spaces[0]).toBe('Dev: Dev 1, Dev 2, Languages, Languages / Rust, Languages / Rust / Async')
    expect(spaces.map((s) => s.split(':')[0])).toEqual([
      'Dev',
      'News',
      'Design',
      'Tools',
      'Shopping',
      'Learning',
      'Misc ✨',
      'Imported'
    ])
  })

  it('can make each browser folder a space instead, its folders groups named by their path', () => {
    const store = createDataStore()
    const plan = planImport(store.state, parseNetscape(html), { kind: 'per-wrapper' })
    expect(plan.result.places.map((p) => p.name)).toEqual(['Bookmarks bar', 'Imported'])
    expect(plan.result.places[0]?.groups.slice(0, 5).map((g) => g.name)).toEqual([
      'Dev / Dev 1',
      'Dev / Dev 2',
      'Dev / Languages',
      'Dev / Languages / Rust',
      'Dev / Languages / Rust / Async'
    ])
  })

  it('previews where everything goes without writing anything', async () => {
    const store = createDataStore()
    await store.load('preview')
    const plan = planImport(store.state, parseNetscape(html), { kind: 'per-folder' })
    const planned = plan.result.places.reduce((n, p) => n + p.groups.reduce((m, g) => m + g.bookmarks, 0), 0)
    expect(planned).toBe(plan.bookmarks.length)
    expect(plan.result.places.every((p) => p.isNew && p.groups.every((g) => g.isNew))).toBe(true)
    expect(Object.keys(store.snapshot().spaces)).toEqual([])
  })

  it('adds nothing when the same library comes again from Chrome’s bookmarks after its file', async () => {
    const store = createDataStore()
    await store.load('twice')
    const folders = parseNetscape(html)
    const first = await importFolders(store, folders, { kind: 'per-folder' })
    const before = layout(store.snapshot())
    const again = await importFolders(store, asChromeTree(folders), { kind: 'per-folder' })
    expect(again).toMatchObject({
      added: 0,
      spaces: 0,
      groups: 0,
      duplicates: first.added + first.duplicates
    })
    expect(layout(store.snapshot())).toEqual(before)
  })
})
