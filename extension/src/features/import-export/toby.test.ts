import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDataStore } from '../../store/data-store'
import { sortedGroups, sortedSpaces } from '../../store/selectors'
import { importFolders, planImport } from './importer'
import { isTobyExport, parseToby } from './toby'

const file = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../../../e2e/fixtures/toby-export.json'), 'utf8')
) as unknown

describe('Toby exports', () => {
  it('reads each list as a folder of its cards, the custom title first and the custom description as the note', () => {
    expect(isTobyExport(file)).toBe(true)
    if (!isTobyExport(file)) return
    const folders = parseToby(file)
    // The empty list makes no folder.
    expect(folders.map((f) => [f.path, f.links.length])).toEqual([
      [['Daily'], 8],
      [['Dev'], 10],
      [['Cloudflare'], 8],
      [['Reading list'], 7],
      [['Trip to Lisbon 🇵🇹'], 7]
    ])
    expect(folders[0]?.links[2]).toEqual({
      title: 'Slack',
      url: 'https://acme.slack.com/messages/general',
      description: 'Team chat, #general first'
    })
    expect(folders[1]?.links[9]).toEqual({ title: '', url: 'https://crontab.guru/' })
  })

  it('is not mistaken for our backup or other JSON', () => {
    expect(isTobyExport({ format: 'bookmarks-index-backup', spaces: [] })).toBe(false)
    expect(isTobyExport({ lists: 'no' })).toBe(false)
    expect(isTobyExport([{ lists: [] }])).toBe(false)
  })

  it('skips odd cards without dropping them silently: no address, a bookmarklet; duplicates counted', () => {
    if (!isTobyExport(file)) throw new Error('not Toby')
    const plan = planImport(createDataStore().state, parseToby(file), { kind: 'new', name: 'Toby' })
    expect(plan.result.skipped.map((s) => [s.title, s.reason])).toEqual([
      ['Bookmarklet: Save to Toby', 'A bookmarklet (javascript:) runs code, which bookmarks here cannot'],
      ['Broken card', 'It has no address']
    ])
    expect(plan.result).toMatchObject({ invalid: 2, duplicates: 1, spaces: 1, groups: 5 })
    expect(plan.bookmarks).toHaveLength(37)
  })

  it('puts the lists as groups into one new space, and names a card without a title by its site', async () => {
    if (!isTobyExport(file)) throw new Error('not Toby')
    const store = createDataStore()
    await store.load('toby')
    await importFolders(store, parseToby(file), { kind: 'new', name: 'Toby' })
    const state = store.snapshot()
    const [space] = sortedSpaces(state)
    expect(sortedSpaces(state)).toHaveLength(1)
    expect(space?.name).toBe('Toby')
    expect(sortedGroups(state, space?.id ?? '').map((g) => g.name)).toEqual([
      'Daily',
      'Dev',
      'Cloudflare',
      'Reading list',
      'Trip to Lisbon 🇵🇹'
    ])
    const bookmarks = Object.values(state.bookmarks)
    expect(bookmarks.find((b) => b.url === 'https://crontab.guru/')?.title).toBe('crontab.guru')
    expect(bookmarks.find((b) => b.url.startsWith('https://long-title'))?.title.length).toBe(500)
  })
})
