// The new tab in real Chromium: chrome://newtab/ lands on the extension; data survives reloads.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type ExtensionBrowser, launchExtension, ROOT } from '../lib/extension.ts'
import { addBookmark, createSpaceGroup, tiles } from '../lib/pages.ts'
import { type Library, makeLibrary, seedLibrary } from '../lib/seed.ts'
import { type Site, startSite } from '../lib/site.ts'

const SHOTS = join(ROOT, 'test-results/screenshots')
mkdirSync(SHOTS, { recursive: true })
// Transitions are finished at once, so a picture never catches one half-way.
const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SHOTS, `${name}.png`), animations: 'disabled' })

/** Whether Chrome's favicon cache has `pageUrl`'s own icon (not the generic one it gives every unknown page). */
const hasOwnFavicon = (page: Page, pageUrl: string) =>
  page.evaluate(async (url) => {
    const bytes = async (of: string) =>
      new Uint8Array(
        await (await fetch(`/_favicon/?pageUrl=${encodeURIComponent(of)}&size=16`)).arrayBuffer()
      )
    const [own, generic] = await Promise.all([bytes(url), bytes('https://bookmarks-index.invalid/')])
    return own.length !== generic.length || own.some((byte, i) => byte !== generic[i])
  }, pageUrl)

/** Every tile's icon has been told apart: a favicon shown, or the letter kept. */
const iconsSettled = (page: Page) =>
  expect.poll(() => page.locator('.tile-icon-image:not(.shown)').count()).toBe(0)

let browser: ExtensionBrowser
let site: Site

beforeEach(async () => {
  ;[browser, site] = await Promise.all([launchExtension({ grant: ['bookmarks'] }), startSite()])
})

afterEach(async () => {
  await Promise.all([browser?.close(), site?.close()])
})

async function openDuplicates(page: Page) {
  await page.getByRole('button', { name: 'User menu' }).click()
  await page.getByRole('menuitem', { name: 'Find duplicates…' }).click()
  return page.getByRole('dialog', { name: 'Find duplicates' })
}

/** One link saved three times (one archived), one twice, one once, across two groups. */
const duplicatesLibrary: Library = (() => {
  const placed = (id: string, at: string) => ({ id, isArchived: false, createdAt: at, updatedAt: at })
  const library: Library = {
    spaces: {
      space_dupes: {
        ...placed('space_dupes', '2025-01-01T00:00:00.000Z'),
        name: 'Dupes',
        icon: '📚',
        color: null,
        order: 0
      }
    },
    groups: {},
    bookmarks: {}
  }
  ;['A', 'B'].forEach((name, order) => {
    const id = `group_${name.toLowerCase()}`
    library.groups[id] = {
      ...placed(id, '2025-01-01T00:00:00.000Z'),
      spaceId: 'space_dupes',
      name,
      icon: null,
      order
    }
  })
  const copies = [
    ['x1', 'a', 'X first', 'https://x.example/', ['one'], null, '2025-01-01'],
    ['x2', 'b', 'X second', 'http://www.x.example', ['two'], 'A note', '2025-02-01'],
    ['x3', 'b', 'X third', 'https://x.example/?utm_source=mail', [], null, '2025-03-01'],
    ['y1', 'a', 'Y first', 'https://y.example/a', [], null, '2025-01-05'],
    ['y2', 'b', 'Y second', 'https://Y.example/a/', [], null, '2025-02-05'],
    ['z', 'a', 'Z', 'https://z.example/', [], null, '2025-01-09']
  ] as const
  copies.forEach(([key, group, title, url, tags, description, day], order) => {
    const id = `bookmark_${key}`
    library.bookmarks[id] = {
      ...placed(id, `${day}T00:00:00.000Z`),
      spaceId: 'space_dupes',
      groupId: `group_${group}`,
      title,
      url,
      tags: [...tags],
      description,
      faviconUrl: null,
      isPinned: false,
      order,
      isArchived: key === 'x3'
    }
  })
  return library
})()

describe('the new tab page', () => {
  it('creates a space, group and bookmark on chrome://newtab/ and finds them after a reload', async () => {
    const visit = await browser.context.newPage()
    await visit.goto(`${site.origin}/docs`)
    const page = await browser.newTab()
    // Chrome stores a visited page's icon a moment after the visit; the tile is drawn once it has it.
    await expect.poll(() => hasOwnFavicon(page, `${site.origin}/docs`)).toBe(true)
    await visit.close()
    await page.getByText('Make your first space').waitFor()
    await shot(page, 'empty-state')
    await createSpaceGroup(page, 'Work', 'Docs')
    await addBookmark(page, `${site.origin}/docs`, 'Docs site')
    // An address typed without a scheme gets https://.
    await addBookmark(page, 'example.com', 'Example')
    await expect.poll(() => tiles(page).allTextContents()).toEqual(['Docs site', 'Example'])
    expect(await page.getByRole('link', { name: 'Example' }).getAttribute('href')).toBe(
      'https://example.com/'
    )
    // Favicons come from Chrome's own cache (filled by the visit above), never from a third-party service;
    // a site Chrome has no icon for shows its initial.
    const docsIcon = page.locator('[data-bookmark-id] .tile-icon-image.shown img')
    await expect.poll(() => docsIcon.count()).toBe(1)
    expect(await docsIcon.getAttribute('src')).toBe(
      `chrome-extension://${browser.extensionId}/_favicon/?pageUrl=${encodeURIComponent(`${site.origin}/docs`)}&size=64`
    )
    expect(await page.getByRole('link', { name: 'Example' }).locator('.tile-icon').textContent()).toBe('E')

    await page.reload()
    await expect.poll(() => tiles(page).allTextContents()).toEqual(['Docs site', 'Example'])
    expect(await page.getByRole('navigation', { name: 'Spaces' }).textContent()).toContain('Work')
    expect(await page.getByRole('tab', { name: 'Docs' }).getAttribute('aria-selected')).toBe('true')

    // A fresh new tab opens the last space.
    const second = await browser.newTab()
    await expect.poll(() => tiles(second).allTextContents()).toEqual(['Docs site', 'Example'])
    await shot(second, 'space')
  })

  it('opens a bookmark in the same tab on click and in a new tab on Ctrl+click', async () => {
    const page = await browser.newTab()
    await createSpaceGroup(page, 'Home', 'Daily')
    await addBookmark(page, `${site.origin}/news`, 'News')
    const [opened] = await Promise.all([
      browser.context.waitForEvent('page'),
      page.getByRole('link', { name: 'News' }).click({ modifiers: ['ControlOrMeta'] })
    ])
    await opened?.waitForLoadState()
    expect(await opened?.title()).toBe('Page news')
    await page.getByRole('link', { name: 'News' }).click()
    await page.waitForURL(`${site.origin}/news`)
    expect(await page.title()).toBe('Page news')
  })

  it('opens chrome:// and about: bookmarks, which a plain link cannot, in this tab and in a new one', async () => {
    const page = await browser.newTab()
    await createSpaceGroup(page, 'Browser', 'Pages')
    await addBookmark(page, 'chrome://version', 'Version')
    await addBookmark(page, 'about:blank', 'Blank')
    const [opened] = await Promise.all([
      browser.context.waitForEvent('page'),
      page.getByRole('link', { name: 'Blank' }).click({ modifiers: ['ControlOrMeta'] })
    ])
    await expect.poll(() => opened?.url()).toBe('about:blank')
    await page.getByRole('link', { name: 'Version' }).click()
    await page.waitForURL('chrome://version/')
    expect(await page.locator('body').textContent()).toContain('Chromium')
  })

  it('searches all spaces with / and opens the chosen result with Enter', async () => {
    const page = await browser.newTab()
    await createSpaceGroup(page, 'Work', 'Docs')
    await addBookmark(page, `${site.origin}/alpha`, 'Alpha manual')
    await page.getByRole('button', { name: 'New space' }).click()
    await page.getByLabel('Name').fill('Hobby')
    await page.getByRole('button', { name: 'Create space' }).click()
    await page.getByRole('button', { name: 'Create a group' }).click()
    await page.getByLabel('Name').fill('Music')
    await page.getByRole('button', { name: 'Create group' }).click()
    await addBookmark(page, `${site.origin}/guitar`, 'Guitar tabs')
    await addBookmark(page, `${site.origin}/piano`, 'Piano scores')

    await page.keyboard.press('/')
    const search = page.getByRole('combobox', { name: 'Search bookmarks' })
    await search.fill('a')
    await expect.poll(() => page.getByRole('option').count()).toBe(3)
    await search.fill('manual')
    await expect
      .poll(() => page.getByRole('option').allInnerTexts())
      .toEqual([expect.stringContaining('Alpha manual')])
    await shot(page, 'search')
    await search.fill('tabs')
    await search.press('Enter')
    await page.waitForURL(`${site.origin}/guitar`)

    await page.goBack()
    await tiles(page).first().waitFor()
    await page.keyboard.press('Control+k')
    await search.fill('s')
    await search.press('ArrowDown')
    const selected = page.locator('[role="option"][aria-selected="true"]')
    expect(await selected.textContent()).toContain('Piano scores')
  })

  it('reorders bookmarks, groups and spaces by drag and drop, and the order survives a reload', async () => {
    const page = await browser.newTab()
    await seedLibrary(page, makeLibrary({ spaces: 2, groupsPerSpace: 2, bookmarks: 12 }))
    await page.reload()
    await expect.poll(() => tiles(page).allTextContents()).toEqual(['Site 1', 'Site 5', 'Site 9'])
    await page
      .locator('[data-bookmark-id="bookmark_seed8"]')
      .dragTo(page.locator('[data-bookmark-id="bookmark_seed0"]'), {
        targetPosition: { x: 5, y: 40 }
      })
    await expect.poll(() => tiles(page).allTextContents()).toEqual(['Site 9', 'Site 1', 'Site 5'])

    await page
      .locator('[data-group-id="group_seed0x1"]')
      .dragTo(page.locator('[data-group-id="group_seed0x0"]'), {
        targetPosition: { x: 3, y: 10 }
      })
    await expect.poll(() => page.getByRole('tab').allInnerTexts()).toEqual(['Group 2', 'Group 1'])

    await page
      .locator('[data-space-id="space_seed1"]')
      .dragTo(page.locator('[data-space-id="space_seed0"]'), {
        targetPosition: { x: 20, y: 3 }
      })
    const spaces = page.locator('.space-item .name')
    await expect.poll(() => spaces.allInnerTexts()).toEqual(['Space 2', 'Space 1'])

    // Dropping a bookmark on another group's tab moves it there.
    await page.getByRole('tab', { name: 'Group 1' }).click()
    await page
      .locator('[data-bookmark-id="bookmark_seed4"]')
      .dragTo(page.getByRole('tab', { name: 'Group 2' }))
    await expect.poll(() => tiles(page).allTextContents()).toEqual(['Site 9', 'Site 1'])
    // The tiles change at once and IndexedDB a moment later: a reload before the write lands would abort it.
    // Another new tab reads what is stored, so it shows the move once it is there.
    const reader = await browser.newTab()
    await reader.getByRole('link', { name: 'Space 1' }).click()
    await reader.getByRole('tab', { name: 'Group 1' }).click()
    await expect.poll(() => tiles(reader).allTextContents()).toEqual(['Site 9', 'Site 1'])
    await reader.close()

    await page.reload()
    await expect.poll(() => spaces.allInnerTexts()).toEqual(['Space 2', 'Space 1'])
    await page.getByRole('link', { name: 'Space 1' }).click()
    await page.getByRole('tab', { name: 'Group 1' }).click()
    await expect.poll(() => tiles(page).allTextContents()).toEqual(['Site 9', 'Site 1'])
    await page.getByRole('tab', { name: 'Group 2' }).click()
    await expect.poll(() => tiles(page).allTextContents()).toEqual(['Site 2', 'Site 6', 'Site 10', 'Site 5'])

    // Dropping a group's tab on another space in the sidebar moves the group, bookmarks and all.
    await page
      .locator('[data-group-id="group_seed0x1"]')
      .dragTo(page.locator('[data-space-id="space_seed1"]'))
    await expect.poll(() => page.getByRole('tab').allInnerTexts()).toEqual(['Group 1'])
    await page.getByRole('link', { name: 'Space 2' }).click()
    await expect.poll(() => page.getByRole('tab').count()).toBe(3)
    await page.locator('[data-group-id="group_seed0x1"] a').click()
    await expect.poll(() => tiles(page).allTextContents()).toEqual(['Site 2', 'Site 6', 'Site 10', 'Site 5'])
  })

  it('imports a Netscape bookmarks file and exports it back', async () => {
    const page = await browser.newTab()
    const file = join(ROOT, 'test-results/import.html')
    writeFileSync(
      file,
      `<!DOCTYPE NETSCAPE-Bookmark-file-1>
<TITLE>Bookmarks</TITLE><H1>Bookmarks</H1>
<DL><p>
  <DT><H3>Reading</H3>
  <DL><p>
    <DT><H3>Blogs</H3>
    <DL><p>
      <DT><A HREF="${site.origin}/blog-one" ADD_DATE="1700000000">Blog one</A>
      <DT><A HREF="${site.origin}/blog-two">Blog two</A>
      <DT><A HREF="${site.origin.replace('http:', 'https:')}/blog-one/">Blog one again</A>
    </DL><p>
    <DT><A HREF="${site.origin}/paper">Paper</A>
  </DL><p>
</DL><p>`
    )
    await page.getByRole('button', { name: 'Import bookmarks' }).click()
    await page.locator('input[type=file]').setInputFiles(file)
    await page.getByRole('button', { name: 'Import 3 bookmarks' }).click()
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toMatch(/Imported 3 bookmarks into 2 new groups in 1 new space\. Skipped 1 duplicate/)
    await shot(page, 'import')
    await page.getByRole('button', { name: 'Close' }).click()
    await page.getByRole('button', { name: 'User menu' }).click()
    await page.getByRole('menuitem', { name: 'Import & export…' }).click()

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export HTML' }).click()
    ])
    const exported = readFileSync((await download.path()) ?? '', 'utf8')
    expect(exported).toContain('<!DOCTYPE NETSCAPE-Bookmark-file-1>')
    expect(exported).toMatch(/<H3[^>]*>Reading<\/H3>/)
    expect(exported).toMatch(/<H3[^>]*>Blogs<\/H3>/)
    expect(exported).toContain(`HREF="${site.origin}/blog-one"`)
    expect(exported).toContain(`HREF="${site.origin}/paper"`)
    expect(exported).not.toContain('Blog one again')

    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export JSON backup' }).click()
    ])
    const data = JSON.parse(readFileSync((await json.path()) ?? '', 'utf8')) as {
      bookmarks: { title: string }[]
    }
    expect(data.bookmarks.map((b) => b.title).sort()).toEqual(['Blog one', 'Blog two', 'Paper'])

    await page.getByRole('button', { name: 'Close' }).click()
    await page.getByRole('tab', { name: 'Blogs' }).click()
    await expect.poll(() => tiles(page).allTextContents()).toEqual(['Blog one', 'Blog two'])
  })

  it('imports Chrome’s own bookmarks into a chosen space, skipping duplicates', async () => {
    const page = await browser.newTab()
    await createSpaceGroup(page, 'Main', 'Start')
    await addBookmark(page, `${site.origin}/known`, 'Known')
    await page.evaluate(async (origin) => {
      const api = (
        globalThis as unknown as { chrome: { bookmarks: { create: (b: object) => Promise<{ id: string }> } } }
      ).chrome.bookmarks
      const folder = await api.create({ parentId: '1', title: 'Tools' })
      await api.create({ parentId: folder.id, title: 'Hammer', url: `${origin}/hammer` })
      await api.create({ parentId: folder.id, title: 'Known again', url: `${origin}/known/` })
      await api.create({ parentId: '1', title: 'Bar link', url: `${origin}/bar` })
    }, site.origin)
    await page.getByRole('button', { name: 'User menu' }).click()
    await page.getByRole('menuitem', { name: 'Import & export…' }).click()
    await page.getByRole('button', { name: 'Import Chrome bookmarks' }).click()
    await page.getByLabel('Put them in').selectOption({ label: '📁 Main' })
    await page.getByRole('button', { name: 'Import 2 bookmarks' }).click()
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toMatch(/Imported 2 bookmarks .* Skipped 1 duplicate/)
    await page.getByRole('button', { name: 'Close' }).click()
    // Chrome's own "Bookmarks bar" is no folder of the person's: its folder Tools is the group.
    await page.getByRole('tab', { name: 'Tools' }).click()
    await expect.poll(() => tiles(page).allTextContents()).toEqual(['Hammer'])
  })

  it('deletes after confirmation, undoes it, switches to the dark theme, and merges duplicates with Undo', async () => {
    const page = await browser.newTab()
    await createSpaceGroup(page, 'Work', 'Docs')
    await addBookmark(page, `${site.origin}/a`, 'Keep me')
    await page.locator('[data-bookmark-id]').hover()
    await page.getByRole('button', { name: 'Bookmark Keep me actions' }).click()
    await page.getByRole('menuitem', { name: 'Delete' }).click()
    await page
      .getByRole('dialog', { name: 'Delete bookmark?' })
      .getByRole('button', { name: 'Delete' })
      .click()
    await expect.poll(() => tiles(page).count()).toBe(0)
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => tiles(page).allTextContents()).toEqual(['Keep me'])

    await page.getByRole('button', { name: 'User menu' }).click()
    await page.getByRole('menuitem', { name: /Dark theme/ }).click()
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    await page.reload()
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    await shot(page, 'dark')

    // Find duplicates, in the same browser: copies of one link in two groups, picked and merged with the keyboard.
    await seedLibrary(page, duplicatesLibrary)
    await page.goto(browser.url('#/space/space_dupes/group_a'))
    await page.reload()
    await expect.poll(() => tiles(page).allTextContents()).toEqual(['X first', 'Y first', 'Z'])
    const dialog = await openDuplicates(page)
    await dialog.getByRole('heading', { name: '2 URLs saved more than once' }).waitFor()
    const x = dialog.getByRole('group', { name: /x\.example.*3 copies/ })
    expect(await x.textContent()).toContain('📚 Dupes › B · archived · saved')
    await x.getByRole('radio', { name: /X first/ }).focus()
    await page.keyboard.press('ArrowDown')
    expect(await x.getByRole('radio', { name: /X second/ }).isChecked()).toBe(true)
    await x.getByRole('button', { name: 'Merge' }).press('Enter')
    await dialog.getByRole('heading', { name: '1 URL saved more than once' }).waitFor()
    await expect.poll(() => tiles(page).allTextContents()).toEqual(['Y first', 'Z'])
    await page
      .getByRole('status')
      .filter({ hasText: 'Merged 3 copies' })
      .getByRole('button', { name: 'Undo' })
      .click()
    await dialog.getByRole('heading', { name: '2 URLs saved more than once' }).waitFor()
    await expect.poll(() => tiles(page).allTextContents()).toEqual(['X first', 'Y first', 'Z'])
    await dialog.getByRole('button', { name: 'Merge all' }).click()
    await dialog.getByText('No bookmark is saved twice.').waitFor()
    await page.keyboard.press('Escape')

    // The tiles change at once and IndexedDB a moment later: a reload before the writes land aborts them (it
    // failed once so). Another new tab reads what is stored, so it shows the merge once it is there.
    const stored = await browser.newTab()
    await stored.goto(browser.url('#/space/space_dupes/group_a'))
    await expect.poll(() => tiles(stored).allTextContents()).toEqual(['Y first', 'Z'])
    await stored.getByRole('tab', { name: 'B' }).click()
    // The picked copy stayed (the pick outlived the Undo), with every copy's tags and the note it had.
    await expect.poll(() => tiles(stored).allTextContents()).toEqual(['X second'])
    expect(await stored.getByRole('list', { name: 'Bookmarks' }).getByRole('link').allTextContents()).toEqual(
      expect.arrayContaining(['#two', '#one'])
    )
    await (await openDuplicates(stored)).getByText('No bookmark is saved twice.').waitFor()
  })
})

describe('two new tabs and the network', () => {
  it('keeps two open new tabs in step and never requests anything outside the extension', async () => {
    const requests: string[] = []
    browser.context.on('request', (request) => requests.push(request.url()))
    const first = await browser.newTab()
    await createSpaceGroup(first, 'Work', 'Docs')
    const second = await browser.newTab()
    await expect.poll(() => second.getByRole('tab').allInnerTexts()).toEqual(['Docs'])
    await addBookmark(first, 'example.org', 'Made in the first tab')
    await expect.poll(() => tiles(second).allTextContents()).toEqual(['Made in the first tab'])
    await addBookmark(second, 'example.net', 'Made in the second tab')
    await expect
      .poll(() => tiles(first).allTextContents())
      .toEqual(['Made in the first tab', 'Made in the second tab'])
    await first.reload()
    await expect
      .poll(() => tiles(first).allTextContents())
      .toEqual(['Made in the first tab', 'Made in the second tab'])
    const outside = requests.filter((url) => !/^(chrome-extension|chrome|data|blob):/.test(url))
    expect(outside).toEqual([])
  })
})

describe('screenshots', () => {
  it('shows a lived-in library (the README picture)', async () => {
    const page = await browser.newTab()
    const at = '2026-01-01T00:00:00.000Z'
    const spaces = [
      ['💼', 'Work', '#4f46e5'],
      ['🏠', 'Home', '#0e9384'],
      ['📚', 'Reading', '#dc6803'],
      ['🎨', 'Design', '#c11574']
    ] as const
    const library: Library = { spaces: {}, groups: {}, bookmarks: {} }
    spaces.forEach(([icon, name, color], order) => {
      const id = `space_${name.toLowerCase()}`
      library.spaces[id] = { id, name, icon, color, order, isArchived: false, createdAt: at, updatedAt: at }
    })
    ;['Daily', 'Docs', 'Tools', 'Team'].forEach((name, order) => {
      const id = `group_${name.toLowerCase()}`
      library.groups[id] = {
        id,
        spaceId: 'space_work',
        name,
        icon: null,
        order,
        isArchived: false,
        createdAt: at,
        updatedAt: at
      }
    })
    const sites = [
      ['Mail', 'mail.example.com', true],
      ['Calendar', 'calendar.example.com', true],
      ['GitHub', 'github.com', false],
      ['Pull requests', 'github.com/pulls', false],
      ['Linear', 'linear.app', false],
      ['Figma', 'figma.com', false],
      ['Notion', 'notion.so', false],
      ['Slack', 'slack.com', false],
      ['Cloudflare', 'dash.cloudflare.com', false],
      ['Supabase', 'supabase.com/dashboard', false],
      ['MDN', 'developer.mozilla.org', false],
      ['Solid docs', 'docs.solidjs.com', false],
      ['Hono', 'hono.dev', false],
      ['Drizzle', 'orm.drizzle.team', false]
    ] as const
    sites.forEach(([title, host, isPinned], order) => {
      const id = `bookmark_${order}`
      library.bookmarks[id] = {
        id,
        spaceId: 'space_work',
        groupId: 'group_daily',
        title,
        url: `https://${host}/`,
        faviconUrl: null,
        description: null,
        order,
        isPinned,
        isArchived: false,
        createdAt: at,
        updatedAt: at
      }
    })
    await seedLibrary(page, library)
    await page.goto(browser.url('#/space/space_work/group_daily'))
    await page.reload()
    await expect.poll(() => tiles(page).count()).toBe(sites.length)
    await iconsSettled(page)
    await shot(page, 'readme')
    await page.getByRole('button', { name: 'User menu' }).click()
    await page.getByRole('menuitem', { name: /Dark theme/ }).click()
    await page.mouse.move(0, 0)
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    await page.getByRole('menu').waitFor({ state: 'detached' })
    await shot(page, 'readme-dark')
  })
})
