// The built extension signed in (dev sign-in, as `npm run dev` builds it) in real Chromium against a real
// `wrangler dev` and PostgreSQL: changes made on the new tab reach the server, and come back from it after
// this browser's IndexedDB is wiped; and tags, from the dialog through search, the tag page and sync to a
// second profile, to an export and an import in a fresh browser.
import { randomUUID } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { type ExtensionBrowser, launchExtension } from '../lib/extension.ts'
import { clientFor, newBookmark, newGroup, newSpace } from './device.ts'
import {
  addBookmark,
  createSpaceGroup,
  EXTENSION_ORIGIN,
  menu,
  poll,
  signedInTab,
  spaceNames,
  syncStatus,
  tiles,
  useExtensionServer
} from './extension-harness.ts'

const harness = useExtensionServer('extension')

/** A browser profile with the extension built for one user (harness.buildFor: the token is built in). */
async function profileOf(dist: string): Promise<ExtensionBrowser> {
  const browser = await launchExtension({ dist })
  harness.track(browser)
  return browser
}

async function bookmarkAction(page: Page, title: string, action: string) {
  await page.locator('[data-bookmark-id]', { hasText: title }).hover()
  await page.getByRole('button', { name: `Bookmark ${title} actions` }).click()
  await page.getByRole('menuitem', { name: action, exact: true }).click()
}

async function addTagged(page: Page, url: string, title: string, tags: string) {
  await page.getByRole('button', { name: 'New bookmark' }).click()
  await page.getByLabel('Address').fill(url)
  await page.getByLabel('Title').fill(title)
  await page.getByLabel('Tags (separated by commas)').fill(tags)
  await page.getByRole('button', { name: 'Add bookmark', exact: true }).click()
}

const tileTags = (page: Page, title: string) =>
  page.locator('[data-bookmark-id]', { hasText: title }).locator('.tile-tags a').allTextContents()

describe('the extension signed in', () => {
  it('syncs creates, an edit, a reorder and a delete to the server and gets them back after IndexedDB is wiped', async () => {
    const user = `user_ext_${randomUUID().slice(0, 8)}`
    const dist = harness.buildFor(user, await harness.server.tokenFor(user, EXTENSION_ORIGIN))
    const browser = await launchExtension({ dist })
    harness.track(browser)

    const page = await browser.newTab()
    await page.getByText('Make your first space').waitFor()
    await menu(page, 'Sign in')
    await poll(() => syncStatus(page).textContent()).toBe('Synced')
    await createSpaceGroup(page, 'Work', 'Docs')
    await addBookmark(page, 'https://example.com/docs', 'Docs site')
    await addBookmark(page, 'https://example.com/two', 'Two')
    await addBookmark(page, 'https://example.com/three', 'Three')
    await poll(() => tiles(page).allTextContents()).toEqual(['Docs site', 'Two', 'Three'])
    // Edit, reorder and delete: each is a mutation the server must apply.
    await bookmarkAction(page, 'Two', 'Edit')
    await page.getByLabel('Title').fill('Second')
    await page.getByRole('button', { name: 'Save' }).click()
    await bookmarkAction(page, 'Three', 'Move left')
    await bookmarkAction(page, 'Docs site', 'Delete')
    await page
      .getByRole('dialog', { name: 'Delete bookmark?' })
      .getByRole('button', { name: 'Delete' })
      .click()
    await poll(() => tiles(page).allTextContents()).toEqual(['Three', 'Second'])

    await poll(() => harness.serverCounts(user)).toEqual({ spaces: 1, groups: 1, bookmarks: 2 })
    await poll(() => syncStatus(page).textContent()).toBe('Synced')
    await page.close()

    // Wipe this browser's copy (data, outbox, sync cursor, start view) but stay signed in.
    const blank = await browser.context.newPage()
    await blank.goto(`chrome-extension://${browser.extensionId}/manifest.json`)
    const left = await blank.evaluate(async () => {
      for (const key of Object.keys(localStorage)) {
        if (key.startsWith('bookmarks-index:view:')) localStorage.removeItem(key)
      }
      await new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase('bookmarks-index')
        request.onsuccess = () => resolve()
        request.onerror = () => reject(request.error)
        request.onblocked = () => reject(new Error('blocked by an open connection'))
      })
      return (await indexedDB.databases()).length
    })
    expect(left).toBe(0)
    await blank.close()

    const again = await browser.newTab()
    await poll(() => tiles(again).allTextContents()).toEqual(['Three', 'Second'])
    expect(await again.getByRole('navigation', { name: 'Spaces' }).textContent()).toContain('Work')
    expect(await again.getByRole('tab', { name: 'Docs' }).getAttribute('aria-selected')).toBe('true')
    await poll(() => syncStatus(again).textContent()).toBe('Synced')
  }, 120_000)

  it('converges two profiles of one user; changes made offline arrive once when the API is back', async () => {
    const user = `user_ext_${randomUUID().slice(0, 8)}`
    const dist = harness.buildFor(user, await harness.server.tokenFor(user, EXTENSION_ORIGIN))
    const laptop = await profileOf(dist)
    const phone = await profileOf(dist)
    const a = await signedInTab(laptop)
    const b = await signedInTab(phone)

    await createSpaceGroup(a, 'Work', 'Docs')
    await addBookmark(a, 'https://example.com/one', 'One')
    await poll(() => harness.serverCounts(user)).toEqual({ spaces: 1, groups: 1, bookmarks: 1 })
    await b.reload()
    await poll(() => tiles(b).allTextContents()).toEqual(['One'])

    // The API is unreachable: the change waits in the outbox and the status says so.
    await laptop.context.route(`${harness.server.url}/**`, (route) => route.abort('internetdisconnected'))
    await addBookmark(a, 'https://example.com/two', 'Two')
    await poll(() => syncStatus(a).textContent()).toBe('Offline — 1 change waiting')
    await laptop.context.unroute(`${harness.server.url}/**`)
    await a.evaluate(() => window.dispatchEvent(new Event('online')))
    await poll(() => syncStatus(a).textContent()).toBe('Synced')
    await poll(() => harness.serverCounts(user)).toEqual({ spaces: 1, groups: 1, bookmarks: 2 })

    await b.reload()
    await poll(() => tiles(b).allTextContents()).toEqual(['One', 'Two'])
    // Pulls again and again change nothing: the offline change arrived once.
    await b.evaluate(() => window.dispatchEvent(new Event('focus')))
    await a.reload()
    await poll(() => tiles(a).allTextContents()).toEqual(['One', 'Two'])
    expect(await harness.serverCounts(user)).toEqual({ spaces: 1, groups: 1, bookmarks: 2 })
  }, 120_000)

  it.each([
    ['Upload my data', ['Cloud', 'Local'], 2],
    ['Keep both', ['Cloud', 'Local'], 2],
    ['Use cloud data', ['Cloud'], 1]
  ] as const)(
    'first sign-in with data on both sides: %s; sign-out brings back the local data',
    async (choice, shown, cloudSpaces) => {
      const user = `user_ext_${randomUUID().slice(0, 8)}`
      const token = () => harness.server.tokenFor(user, EXTENSION_ORIGIN)
      const cloud = newSpace('Cloud')
      const cloudGroup = newGroup(cloud.id, 'Shared')
      const seeded = await clientFor(harness.server.url, token).POST('/v1/sync/migrate', {
        body: {
          mode: 'upload',
          clientId: 'seed',
          spaces: [cloud],
          groups: [cloudGroup],
          bookmarks: [newBookmark(cloud.id, cloudGroup.id, 'From the cloud')]
        } as never
      })
      expect(seeded.response.status).toBe(200)
      const browser = await profileOf(harness.buildFor(user, await token()))

      const page = await browser.newTab()
      await createSpaceGroup(page, 'Local', 'Mine')
      await addBookmark(page, 'https://example.com/local', 'Made here')
      await addBookmark(page, 'https://example.com/local2', 'Made here too')
      await poll(() => tiles(page).allTextContents()).toEqual(['Made here', 'Made here too'])

      await menu(page, 'Sign in')
      const dialog = page.getByRole('dialog', { name: 'Your bookmarks on this device and in your account' })
      await dialog.waitFor()
      expect(await dialog.getByTestId('local-counts').textContent()).toBe('1 space, 1 group, 2 bookmarks')
      expect(await dialog.getByTestId('cloud-counts').textContent()).toBe('1 space, 1 group, 1 bookmark')
      await dialog.getByRole('button', { name: choice }).click()
      await dialog.waitFor({ state: 'detached' })
      await poll(() => syncStatus(page).textContent()).toBe('Synced')
      await poll(() => spaceNames(page).then((n) => n.sort())).toEqual([...shown])
      expect((await harness.serverCounts(user)).spaces).toBe(cloudSpaces)

      // Sign-out: back to this device's own data; the account's copy leaves the browser, in every open tab.
      const other = await browser.newTab()
      await poll(() => spaceNames(other).then((n) => n.sort())).toEqual([...shown])
      await menu(page, /^Sign out/)
      await poll(() => spaceNames(page)).toEqual(['Local'])
      await poll(() => spaceNames(other)).toEqual(['Local'])
      await other.close()
      expect(await syncStatus(page).count()).toBe(0)
      const stored = await page.evaluate(
        (u) =>
          new Promise<string[]>((resolve, reject) => {
            const open = indexedDB.open('bookmarks-index')
            open.onerror = () => reject(open.error)
            open.onsuccess = () => {
              const keys = open.result.transaction('kv').objectStore('kv').getAllKeys()
              keys.onsuccess = () => resolve((keys.result as string[]).filter((k) => k.includes(u)))
              keys.onerror = () => reject(keys.error)
            }
          }),
        user
      )
      expect(stored).toEqual([])

      // Signing in again does not ask again.
      await menu(page, 'Sign in')
      await poll(() => syncStatus(page).textContent()).toBe('Synced')
      await poll(() => spaceNames(page).then((n) => n.sort())).toEqual([...shown])
      expect(await dialog.count()).toBe(0)
    },
    120_000
  )
})

describe('bookmark tags', () => {
  it('are added, shown, searched, filtered across spaces, synced to another profile, and exported and imported', async () => {
    const user = `user_tags_${randomUUID().slice(0, 8)}`
    const dist = harness.buildFor(user, await harness.server.tokenFor(user, EXTENSION_ORIGIN))
    const first = harness.track(await launchExtension({ dist }))
    const page = await first.newTab()
    await page.getByText('Make your first space').waitFor()
    await menu(page, 'Sign in')
    await poll(() => syncStatus(page).textContent()).toBe('Synced')

    await createSpaceGroup(page, 'Work', 'Docs')
    await addTagged(page, 'https://tokio.rs/', 'Tokio', '#Rust, async io')
    await addTagged(page, 'https://serde.rs/', 'Serde', 'rust')
    await poll(() => tileTags(page, 'Tokio')).toEqual(['#Rust', '#async io'])
    // A second space, with the same tag written another way.
    await page.getByRole('button', { name: 'New space' }).click()
    await page.getByLabel('Name').fill('Home')
    await page.getByRole('button', { name: 'Create space' }).click()
    await page.getByRole('button', { name: 'Create a group' }).click()
    await page.getByLabel('Name').fill('Reading')
    await page.getByRole('button', { name: 'Create group' }).click()
    await addTagged(page, 'https://doc.rust-lang.org/book/', 'The Book', 'RUST, reading')

    // Search: #tag matches tags only; a plain word also finds a tag.
    await page.keyboard.press('/')
    const search = page.getByRole('combobox', { name: 'Search bookmarks' })
    await search.fill('#rust')
    const results = page.getByRole('listbox', { name: 'Results' }).getByRole('option')
    await poll(async () => (await results.allTextContents()).length).toBe(3)
    await search.fill('async')
    await poll(() => results.allTextContents()).toEqual([expect.stringContaining('Tokio')])
    await page.keyboard.press('Escape')

    // The filter: a tile's tag opens every bookmark with that tag, across spaces.
    await page
      .locator('[data-bookmark-id]', { hasText: 'The Book' })
      .getByRole('link', { name: '#RUST' })
      .click()
    await poll(() => page.locator('.tag-count').textContent()).toBe('3 bookmarks in 2 spaces')
    await poll(() => tiles(page).allTextContents()).toEqual(['Tokio', 'Serde', 'The Book'])
    // The sidebar lists every tag with its count.
    await page.getByText('Tags', { exact: true }).click()
    await poll(() => page.getByRole('list', { name: 'Tags' }).getByRole('link').allTextContents()).toEqual([
      '#Rust3',
      '#async io1',
      '#reading1'
    ])

    // An edit changes the tags, and everything reaches the account.
    await page.locator('[data-bookmark-id]', { hasText: 'Serde' }).hover()
    await page.getByRole('button', { name: 'Bookmark Serde actions' }).click()
    await page.getByRole('menuitem', { name: 'Edit', exact: true }).click()
    await page.getByLabel('Tags (separated by commas)').fill('rust, serialization')
    await page.getByRole('button', { name: 'Save' }).click()
    await poll(() => tileTags(page, 'Serde')).toEqual(['#rust', '#serialization'])
    await poll(() => harness.serverCounts(user)).toEqual({ spaces: 2, groups: 2, bookmarks: 3 })
    await poll(() => syncStatus(page).textContent()).toBe('Synced')

    // A second profile of the same account gets the tags through sync.
    const second = harness.track(await launchExtension({ dist }))
    const other = await second.newTab()
    await other.getByRole('button', { name: 'User menu' }).waitFor()
    await menu(other, 'Sign in')
    await poll(() => syncStatus(other).textContent()).toBe('Synced')
    await other.goto(second.url('#/tag/serialization'))
    await poll(() => tiles(other).allTextContents()).toEqual(['Serde'])
    await poll(() => tileTags(other, 'Serde')).toEqual(['#rust', '#serialization'])

    // Export HTML keeps tags as TAGS="…"; a fresh browser imports them back.
    await other.getByRole('button', { name: 'User menu' }).click()
    await other.getByRole('menuitem', { name: 'Import & export…' }).click()
    const [download] = await Promise.all([
      other.waitForEvent('download'),
      other.getByRole('button', { name: 'Export HTML' }).click()
    ])
    const html = readFileSync((await download.path()) ?? '', 'utf8')
    expect(html).toMatch(/HREF="https:\/\/tokio\.rs\/"[^>]* TAGS="Rust,async io">Tokio</)
    const [json] = await Promise.all([
      other.waitForEvent('download'),
      other.getByRole('button', { name: 'Export JSON backup' }).click()
    ])
    const data = JSON.parse(readFileSync((await json.path()) ?? '', 'utf8')) as {
      bookmarks: { title: string; tags: string[] }[]
    }
    expect(data.bookmarks.map((b) => [b.title, b.tags])).toContainEqual(['The Book', ['RUST', 'reading']])

    // A fresh browser imports the HTML back with its tags (the JSON restore: e2e/extension/library.test.ts).
    const file = join(harness.temp, 'export.html')
    writeFileSync(file, html)
    const fresh = harness.track(await launchExtension({ dist }))
    const tab = await fresh.newTab()
    await tab.getByText('Make your first space').waitFor()
    await tab.getByRole('button', { name: 'User menu' }).click()
    await tab.getByRole('menuitem', { name: 'Import & export…' }).click()
    await tab.locator('input[type=file]').setInputFiles(file)
    await tab.getByRole('button', { name: 'Import 3 bookmarks' }).click()
    await poll(() => tab.getByRole('status').textContent()).toMatch(/Imported 3 bookmarks/)
    await tab.getByRole('button', { name: 'Close' }).click()
    await tab.goto(fresh.url('#/tag/rust'))
    await poll(() => tiles(tab).allTextContents()).toEqual(['Tokio', 'Serde', 'The Book'])
    await poll(() => tileTags(tab, 'The Book')).toEqual(['#RUST', '#reading'])
    // Three browsers and some forty steps: as long as the other signed-in tests may take on a busy machine.
  }, 120_000)
})
