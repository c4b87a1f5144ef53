// The built extension signed in (dev sign-in, as `npm run dev` builds it) in real Chromium against a real
// `wrangler dev` and PostgreSQL: changes made on the new tab reach the server, and come back from it after
// this browser's IndexedDB is wiped.
import { randomUUID } from 'node:crypto'
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
  spaceNames,
  syncStatus,
  tiles,
  useExtensionServer
} from './extension-harness.ts'

const harness = useExtensionServer('extension')

/** A browser profile with the extension built for `user` (one build per user: the token is built in). */
async function profileOf(dist: string): Promise<ExtensionBrowser> {
  const browser = await launchExtension({ dist })
  harness.track(browser)
  return browser
}

async function signedInTab(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.newTab()
  await page.getByRole('button', { name: 'User menu' }).waitFor()
  await menu(page, 'Sign in')
  await poll(() => syncStatus(page).textContent()).toBe('Synced')
  return page
}

async function bookmarkAction(page: Page, title: string, action: string) {
  await page.locator('[data-bookmark-id]', { hasText: title }).hover()
  await page.getByRole('button', { name: `Bookmark ${title} actions` }).click()
  await page.getByRole('menuitem', { name: action, exact: true }).click()
}

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
          spaces: [{ ...cloud, order: 0 }],
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
