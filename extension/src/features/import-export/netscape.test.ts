import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isStorableText } from '../../../../model/text'
import { createDataStore } from '../../store/data-store'
import { sortedGroups, sortedSpaces } from '../../store/selectors'
import { importFolders } from './importer'
import { parseNetscape, toNetscape } from './netscape'

const file = `<!DOCTYPE NETSCAPE-Bookmark-file-1>
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
<TITLE>Bookmarks</TITLE>
<H1>Bookmarks</H1>
<DL><p>
    <DT><H3 ADD_DATE="1700000000" PERSONAL_TOOLBAR_FOLDER="true">Bookmarks bar</H3>
    <DL><p>
        <DT><A HREF="https://example.com/" ADD_DATE="1700000001">Example &amp; co</A>
        <DT><H3>Dev</H3>
        <DL><p>
            <DT><A HREF="https://developer.mozilla.org/" TAGS="docs,web, Reference">MDN</A>
            <DD>Web docs &amp; guides
            <DT><A HREF="http://www.example.com">Example again</A>
        </DL><p>
    </DL><p>
    <DT><A HREF="javascript:void(0)">Bookmarklet</A>
    <DT><A HREF="https://loose.example/">Loose</A>
</DL><p>`

describe('Netscape bookmark files', () => {
  it('reads folders as paths and links in order', () => {
    const folders = parseNetscape(file)
    expect(folders.map((f) => [f.path.join('/'), f.wrapped, f.links.map((l) => l.title)])).toEqual([
      ['Bookmarks bar', true, ['Example & co']],
      ['Bookmarks bar/Dev', true, ['MDN', 'Example again']],
      ['', false, ['Bookmarklet', 'Loose']]
    ])
    expect(folders[0]?.links[0]?.addedAt).toBe('2023-11-14T22:13:21.000Z')
    expect(folders[1]?.links.map((l) => l.description)).toEqual(['Web docs & guides', undefined])
    expect(folders[1]?.links.map((l) => l.tags)).toEqual([['docs', 'web', 'Reference'], undefined])
  })

  it('cuts an over-long title at a character boundary, never inside an emoji', async () => {
    const store = createDataStore()
    await store.load('long')
    const title = `${'a'.repeat(499)}😀 and more`
    await importFolders(
      store,
      [{ path: ['Long'], wrapped: false, links: [{ title, url: 'https://long.example/' }] }],
      {
        kind: 'per-folder'
      }
    )
    const [saved] = Object.values(store.snapshot().bookmarks)
    expect(saved?.title).toBe('a'.repeat(499))
    expect(isStorableText(saved?.title ?? '')).toBe(true)
  })

  it('gives a link without a title one the API accepts (mailto: has no host)', async () => {
    const store = createDataStore()
    await store.load('mailto')
    await importFolders(
      store,
      [{ path: ['Mail'], wrapped: false, links: [{ title: '', url: 'mailto:ada@example.com' }] }],
      {
        kind: 'per-folder'
      }
    )
    expect(Object.values(store.snapshot().bookmarks).map((b) => b.title)).toEqual(['ada@example.com'])
  })

  it('imports into one space, skipping and counting duplicates by normalised URL', async () => {
    const store = createDataStore()
    await store.load()
    const progress: number[] = []
    const result = await importFolders(
      store,
      parseNetscape(file),
      { kind: 'new', name: 'Imported' },
      (done) => progress.push(done)
    )
    expect(result).toMatchObject({ added: 3, duplicates: 1, invalid: 1, spaces: 1, groups: 3 })
    expect(result.skipped).toEqual([
      { title: 'Bookmarklet', url: 'javascript:void(0)', reason: expect.stringMatching(/bookmarklet/i) }
    ])
    expect(progress.at(-1)).toBe(3)
    const [space] = sortedSpaces(store.state)
    expect(sortedGroups(store.state, space?.id ?? '').map((g) => g.name)).toEqual([
      'Bookmarks bar',
      'Dev',
      'Imported'
    ])

    const again = await importFolders(store, parseNetscape(file), {
      kind: 'existing',
      spaceId: space?.id ?? ''
    })
    expect(again).toMatchObject({ added: 0, duplicates: 4, groups: 0 })
  })

  it('exports spaces and groups as folders that import back as the same spaces and groups', async () => {
    const store = createDataStore()
    await store.load()
    await importFolders(store, parseNetscape(file), { kind: 'per-folder' })
    const html = toNetscape(store.state)
    expect(html).toContain('<DT><A HREF="https://developer.mozilla.org/"')
    expect(html).toContain('Example &amp; co')
    expect(html).toContain('<DD>Web docs &amp; guides')
    expect(html).toContain('TAGS="docs,web,Reference">MDN</A>')

    const copy = createDataStore()
    await copy.load('other')
    const result = await importFolders(copy, parseNetscape(html), { kind: 'per-folder' })
    expect(result.added).toBe(3)
    expect(sortedSpaces(copy.state).map((s) => s.name)).toEqual(sortedSpaces(store.state).map((s) => s.name))
    const names = (s: typeof store) =>
      sortedSpaces(s.state).flatMap((sp) => sortedGroups(s.state, sp.id).map((g) => `${sp.name}/${g.name}`))
    expect(names(copy)).toEqual(names(store))
    const mdn = Object.values(copy.snapshot().bookmarks).find((b) => b.title === 'MDN')
    expect(mdn?.description).toBe('Web docs & guides')
    expect(mdn?.tags).toEqual(['docs', 'web', 'Reference'])
  })

  it('accounts for every link of a real export: added, duplicate or skipped with its reason', async () => {
    const html = readFileSync(
      join(import.meta.dirname, '../../../../../shared/fixtures/library-300.html'),
      'utf8'
    )
    // Counted in the file itself, so that a link the parser drops is not left out of the sum.
    const links = html.match(/<A\s/gi)?.length ?? 0
    expect(links).toBe(294)
    const folders = parseNetscape(html)
    const store = createDataStore()
    await store.load('library')
    const result = await importFolders(store, folders, { kind: 'per-folder' })
    expect(result.added + result.duplicates + result.invalid).toBe(links)
    expect(Object.keys(store.snapshot().bookmarks)).toHaveLength(result.added)
    expect(result.skipped.map((s) => s.reason)).toEqual(
      expect.arrayContaining([expect.stringMatching(/bookmarklet/i), 'It has no address'])
    )
  })
})
