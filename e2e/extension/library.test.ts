// A real library through import and backup in Chromium: a browser export lands as the person's own folders,
// the same library from Chrome adds nothing, and a JSON backup restores into a fresh profile as the same file.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { type ExtensionBrowser, launchExtension, ROOT } from '../lib/extension.ts'
import { tiles } from '../lib/pages.ts'
import { type Library, seedLibrary } from '../lib/seed.ts'

const FIXTURE = join(ROOT, '../shared/fixtures/library-300.html')
const browsers: ExtensionBrowser[] = []
const open = async () => {
  const browser = await launchExtension({ grant: ['bookmarks'] })
  browsers.push(browser)
  return browser
}
afterEach(async () => {
  await Promise.all(browsers.splice(0).map((b) => b.close()))
})

async function openImport(page: Page) {
  await page.getByRole('button', { name: 'User menu' }).click()
  await page.getByRole('menuitem', { name: 'Import & export…' }).click()
}

async function exportBackup(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSON backup' }).click()
  ])
  return readFileSync((await download.path()) ?? '', 'utf8')
}

const at = '2026-01-01T00:00:00.000Z'
const placed = { isArchived: false, createdAt: at, updatedAt: at }
/** Everything a backup must keep: icons, colours, pins, archived items, an empty space and group, notes, tags. */
const richLibrary: Library = {
  spaces: {
    space_work: { id: 'space_work', name: 'Work', icon: '💼', color: '#3b82f6', order: 0, ...placed },
    space_empty: { id: 'space_empty', name: 'Empty', icon: '🫙', color: 'green', order: 1, ...placed },
    space_old: {
      id: 'space_old',
      name: 'Old',
      icon: '📁',
      color: null,
      order: 2,
      ...placed,
      isArchived: true
    }
  },
  groups: {
    group_docs: { id: 'group_docs', spaceId: 'space_work', name: 'Docs', icon: '📚', order: 0, ...placed },
    group_none: {
      id: 'group_none',
      spaceId: 'space_work',
      name: 'Nothing yet',
      icon: null,
      order: 1,
      ...placed
    }
  },
  bookmarks: Object.fromEntries(
    [
      { id: 'bookmark_spec', title: 'Spec', isPinned: true, tags: ['web', 'reference'], order: 2 },
      { id: 'bookmark_guide', title: 'Guide', description: 'Read this first', order: 0 },
      { id: 'bookmark_old', title: 'Old notes', isArchived: true, order: 1 },
      { id: 'bookmark_tool', title: 'Tool', order: 3 }
    ].map((b) => [
      b.id,
      {
        spaceId: 'space_work',
        groupId: 'group_docs',
        url: `https://${b.id.slice(9)}.example.com/`,
        faviconUrl: null,
        description: null,
        tags: [],
        isPinned: false,
        ...placed,
        ...b
      }
    ])
  )
}

describe('the JSON backup in Chromium', () => {
  it('restores into a fresh profile as the same document, after saying what it will do', async () => {
    const first = await open()
    const page = await first.newTab()
    await seedLibrary(page, richLibrary)
    await page.reload()
    await expect.poll(() => tiles(page).allTextContents()).toEqual(['Spec', 'Guide', 'Tool'])
    await openImport(page)
    const saved = await exportBackup(page)
    // test-results/ is made by whichever test writes there first: a fresh clone has none.
    mkdirSync(join(ROOT, 'test-results'), { recursive: true })
    const file = join(ROOT, 'test-results/backup.json')
    writeFileSync(file, saved)

    const fresh = await open()
    const restored = await fresh.newTab()
    await restored.getByText('Make your first space').waitFor()
    await restored.getByRole('button', { name: 'Import bookmarks' }).click()
    await restored.locator('input[type=file]').setInputFiles(file)
    const panel = restored.getByRole('region', { name: 'Restore a backup' })
    await expect
      .poll(() => panel.textContent())
      .toMatch(/is a backup of 3 spaces, 2 groups and 4 bookmarks \(2 of them archived\)/)
    expect(await panel.textContent()).toMatch(
      /Your library becomes the backup’s: adds 3 spaces, 2 groups and 4 bookmarks\./
    )
    await restored.screenshot({ path: join(ROOT, 'test-results/screenshots/restore.png') })
    await panel.getByRole('button', { name: 'Replace everything' }).click()
    await expect.poll(() => restored.getByRole('status').textContent()).toMatch(/Replaced your library/)
    await restored.getByRole('button', { name: 'Open the restored library' }).click()
    // Pinned first, the archived one hidden, the empty group and space there.
    await expect.poll(() => tiles(restored).allTextContents()).toEqual(['Spec', 'Guide', 'Tool'])
    const tabs = await restored.getByRole('tab').allInnerTexts()
    expect(tabs.map((t) => t.replace(/\s+/g, ' '))).toEqual(['📚 Docs', 'Nothing yet'])
    expect(await restored.getByRole('navigation', { name: 'Spaces' }).textContent()).toContain('Empty')

    await openImport(restored)
    expect(await exportBackup(restored)).toBe(saved)
  })
})

describe('importing a browser export in Chromium', () => {
  it('shows where folders go, makes the Bookmarks bar’s folders spaces, and adds nothing from Chrome after', async () => {
    const browser = await open()
    const page = await browser.newTab()
    await page.getByRole('button', { name: 'Import bookmarks' }).click()
    await page.locator('input[type=file]').setInputFiles(FIXTURE)
    const preview = page.getByRole('list', { name: 'Where they go' })
    await expect.poll(() => preview.textContent()).toContain('Dev (new space)')
    expect(await preview.textContent()).not.toContain('Bookmarks bar')
    await page.screenshot({ path: join(ROOT, 'test-results/screenshots/import-preview.png') })
    await page.getByRole('button', { name: /^Import \d+ bookmarks$/ }).click()
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Imported \d+ bookmarks/)
    await page.getByRole('button', { name: 'Open Dev' }).click()
    await expect
      .poll(() => page.getByRole('tab').allInnerTexts())
      .toEqual(['Dev 1', 'Dev 2', 'Languages', 'Languages / Rust', 'Languages / Rust / Async'])
    const spaces = await page.getByRole('navigation', { name: 'Spaces' }).textContent()
    expect(spaces).not.toContain('Bookmarks bar')

    // The same file imported into Chrome, then Chrome's bookmarks imported here: nothing new.
    await page.evaluate(
      async (html) => {
        type Node = { id: string }
        const api = (
          globalThis as unknown as {
            chrome: { bookmarks: { create: (b: object) => Promise<Node> } }
          }
        ).chrome.bookmarks
        const doc = new DOMParser().parseFromString(html, 'text/html')
        const walk = async (dl: Element, parentId: string) => {
          let folder: string | undefined
          for (const el of Array.from(dl.children)) {
            const link = el.querySelector(':scope > a')
            const heading = el.querySelector(':scope > h3')
            if (el.tagName === 'DT' && link) {
              // Chrome refuses some of what files hold (an empty address, some schemes); those stay out here too.
              const url = link.getAttribute('href') ?? ''
              if (url)
                await api.create({ parentId, title: link.textContent ?? '', url }).catch(() => undefined)
            } else if (el.tagName === 'DT' && heading) {
              const inner = el.querySelector(':scope > dl')
              const isBar = heading.hasAttribute('personal_toolbar_folder')
              const id = isBar ? '1' : (await api.create({ parentId, title: heading.textContent ?? '' })).id
              if (inner) await walk(inner, id)
            } else if (el.tagName === 'DL') await walk(el, folder ?? parentId)
            folder = undefined
          }
        }
        const root = doc.querySelector('dl')
        // What is outside the toolbar in the file is in "Other bookmarks" (id 2) in Chrome.
        if (root) await walk(root, '2')
      },
      readFileSync(FIXTURE, 'utf8')
    )
    await openImport(page)
    await page.getByRole('button', { name: 'Import Chrome bookmarks' }).click()
    const region = page.getByRole('region', { name: 'Import preview' })
    await expect.poll(() => region.textContent()).toMatch(/0 bookmarks to add, \d+ duplicates already here/)
    // Every link Chrome took is found here already (the file has 294, of which Chrome refuses a few).
    const duplicates = Number((await region.textContent())?.match(/(\d+) duplicates/)?.[1])
    expect(duplicates).toBeGreaterThan(280)
    expect(await page.getByRole('button', { name: 'Import 0 bookmarks' }).isDisabled()).toBe(true)
  })
})

describe('importing from Toby, Raindrop.io and Pocket in Chromium', () => {
  const exportOf = (name: string) => join(ROOT, 'e2e/fixtures', name)
  /** The preview's counts line, e.g. "12 bookmarks to add, 1 duplicate already here, 2 that cannot be…". */
  const counts = (page: Page) =>
    page.getByRole('region', { name: 'Import preview' }).locator('p', { hasText: 'to add' }).textContent()
  const skipped = async (page: Page) => {
    await page.getByText('Show what is skipped, and why').click()
    return page.getByRole('list', { name: 'Skipped' }).locator('li').allInnerTexts()
  }
  /** Each tile's title with its tooltip (title, address, note, tags), in the order the grid shows them. */
  const tooltips = (page: Page) =>
    page
      .getByRole('list', { name: 'Bookmarks' })
      .locator('[data-bookmark-id] .tile-link')
      .evaluateAll((links) => links.map((link) => link.getAttribute('title') ?? ''))

  it('previews each export with what it skips and why, then keeps lists, folders, tags, notes, pins and archive', async () => {
    const browser = await open()
    const page = await browser.newTab()
    await page.getByRole('button', { name: 'Import bookmarks' }).click()

    // A CSV that is no bookmarks export is refused in the dialog, in words.
    await page.locator('input[type=file]').setInputFiles({
      name: 'contacts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('name,email\nAda,a@b.c\n')
    })
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Cannot import contacts.csv: this CSV has no url column: is it a Raindrop or Pocket export?')

    // Toby: the lists become the groups of one new space.
    await page.locator('input[type=file]').setInputFiles(exportOf('toby-export.json'))
    await expect
      .poll(() => counts(page))
      .toBe('37 bookmarks to add, 1 duplicate already here, 2 that cannot be bookmarks.')
    expect(await page.getByRole('combobox', { name: 'Put them in' }).inputValue()).toBe('new')
    expect(await page.getByRole('list', { name: 'Where they go' }).textContent()).toMatch(
      /^Toby \(new space\)Daily: 8 bookmarksDev: 10 bookmarks/
    )
    expect(await skipped(page)).toEqual([
      expect.stringMatching(
        /^Bookmarklet: Save to Toby \(javascript:.*\): A bookmarklet \(javascript:\) runs code, which bookmarks here cannot$/
      ),
      expect.stringMatching(/^Broken card ?: It has no address$/)
    ])
    await page.getByRole('button', { name: 'Import 37 bookmarks' }).click()
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toMatch(/^Imported 37 bookmarks into 5 new groups in 1 new space/)
    await page.getByRole('button', { name: 'Open Toby' }).click()
    await expect
      .poll(() => page.getByRole('tab').allInnerTexts())
      .toEqual(['Daily', 'Dev', 'Cloudflare', 'Reading list', 'Trip to Lisbon 🇵🇹'])
    await expect.poll(() => tiles(page).allTextContents()).toContain('Slack')
    expect(await tooltips(page)).toContain(
      'Slack\nhttps://acme.slack.com/messages/general\nTeam chat, #general first'
    )

    // Raindrop: the top folder is the space, the folders inside it its groups; what Toby brought is a duplicate.
    await openImport(page)
    await page.locator('input[type=file]').setInputFiles(exportOf('raindrop-export.csv'))
    await expect
      .poll(() => counts(page))
      .toBe('16 bookmarks to add, 3 duplicates already here, 2 that cannot be bookmarks.')
    expect(await page.getByRole('list', { name: 'Notes on the file' }).textContent()).toContain(
      '1 row has no folder'
    )
    expect(await page.getByRole('list', { name: 'Where they go' }).textContent()).toMatch(
      /^Development \(new space\)Frontend: 4 bookmarksBackend: 3 bookmarksBackend \/ Hosting: 1 bookmarkReading \(new space\)/
    )
    expect((await skipped(page)).map((line) => line.replace(/^.*: /, ''))).toEqual([
      'A bookmarklet (javascript:) runs code, which bookmarks here cannot',
      'It has no address'
    ])
    await page.getByRole('button', { name: 'Import 16 bookmarks' }).click()
    await page.getByRole('button', { name: 'Open Development' }).click()
    await expect
      .poll(() => page.getByRole('tab').allInnerTexts())
      .toEqual(['Frontend', 'Backend', 'Backend / Hosting'])
    // The favourite is pinned, first; its note keeps its line break, its tags come along.
    await expect
      .poll(() => tiles(page).allTextContents())
      .toEqual([
        'Solid — Reactive JavaScript library',
        'Vite',
        'CSS Tricks: A Complete Guide to Flexbox',
        'web.dev: Learn CSS'
      ])
    const solid = page.locator('[data-bookmark-id]').first()
    expect(await solid.locator('.pin').count()).toBe(1)
    expect(await solid.locator('.tile-tags').textContent()).toBe('#solid#js+1')
    expect((await tooltips(page))[2]).toBe(
      'CSS Tricks: A Complete Guide to Flexbox\nhttps://css-tricks.com/snippets/css/a-guide-to-flexbox/\nThe "flex: 1" part, finally explained,\nwith pictures.\n#css #layout #reference'
    )

    // Pocket: one group; archived reads land in the archive, the odd status is said before importing.
    await openImport(page)
    await page.locator('input[type=file]').setInputFiles(exportOf('pocket-export.csv'))
    await expect
      .poll(() => counts(page))
      .toBe('12 bookmarks to add, 1 duplicate already here, 2 that cannot be bookmarks.')
    expect(await page.getByRole('list', { name: 'Notes on the file' }).textContent()).toBe(
      '1 row has the status “pending”, which Pocket does not write; it is imported as unread.'
    )
    expect(await skipped(page)).toEqual([
      expect.stringMatching(
        /^Pocket bookmarklet \(javascript:.*\): A bookmarklet \(javascript:\) runs code, which bookmarks here cannot$/
      ),
      expect.stringMatching(/^\(no title\) ?: It has no address$/)
    ])
    await page.getByRole('button', { name: 'Import 12 bookmarks' }).click()
    await page.getByRole('button', { name: 'Open Pocket' }).click()
    await expect.poll(() => tiles(page).count()).toBe(7)
    expect(await tooltips(page)).toContain(
      'Sourdough for beginners\nhttps://www.theperfectloaf.com/beginner-sourdough-bread/\n#food #baking'
    )
    await page.getByRole('button', { name: 'Archive (5)' }).click()
    const archived = await page.locator('.archive-list li').allInnerTexts()
    expect(archived.map((row) => row.split(' — ')[0]).sort()).toEqual([
      'Choose Boring Technology',
      'Falsehoods Programmers Believe About Names',
      'How to Read a Paper',
      'On Writing Well, notes',
      'The Case for Slow Programming'
    ])
    expect(archived.every((row) => row.includes(' — Pocket'))).toBe(true)
  })
})
