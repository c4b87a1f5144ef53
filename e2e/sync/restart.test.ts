// The built extension signed in (dev sign-in) in real Chromium against a real `wrangler dev` and PostgreSQL:
// changes made while the API is unreachable survive closing the whole browser, are still shown and still
// waiting when it opens again on the same profile, and reach the server exactly once when the API is back.
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { type ExtensionBrowser, launchExtension } from '../lib/extension.ts'
import { clientFor, serverState } from './device.ts'
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

const harness = useExtensionServer('restart')

/** What the server holds for `user`: counts, space names and bookmark titles (one complete pull). */
async function onServer(user: string) {
  const state = await serverState(
    clientFor(harness.server.url, () => harness.server.tokenFor(user, EXTENSION_ORIGIN))
  )
  return {
    spaces: Object.values(state.spaces).map((s) => s.name),
    groups: Object.values(state.groups).length,
    bookmarks: Object.values(state.bookmarks)
      .map((b) => b.title)
      .sort()
  }
}

/**
 * Chromium on the kept profile; with `offline`, no request of the browser reaches anything from the start. The
 * proxy (nothing listens on port 9) is what makes it the whole browser: a route only covers pages, and the
 * service worker pushes waiting changes from its offscreen document as soon as the browser starts.
 */
async function open(dist: string, userDataDir: string, offline: boolean): Promise<ExtensionBrowser> {
  const args = offline ? ['--proxy-server=http://127.0.0.1:9', '--proxy-bypass-list=<-loopback>'] : []
  return harness.track(await launchExtension({ dist, userDataDir, args }))
}

/** Cuts the open pages off the API (the new tab is open, so its engine, not the worker, would push). */
const goOffline = (browser: ExtensionBrowser) =>
  browser.context.route(`${harness.server.url}/**`, (route) => route.abort('internetdisconnected'))

describe('the extension after a browser restart while offline', () => {
  it('keeps the outbox across the restart and drains it exactly once when the API is back', async () => {
    const user = `user_restart_${randomUUID().slice(0, 8)}`
    const dist = harness.buildFor(user, await harness.server.tokenFor(user, EXTENSION_ORIGIN))
    const profile = join(harness.temp, 'profile')

    // Online: sign in and make a space, a group and a bookmark that reach the server.
    const first = await open(dist, profile, false)
    const page = await first.newTab()
    await page.getByText('Make your first space').waitFor()
    await menu(page, 'Sign in')
    await poll(() => syncStatus(page).textContent()).toBe('Synced')
    await createSpaceGroup(page, 'Work', 'Docs')
    await addBookmark(page, 'https://example.com/one', 'One')
    await poll(() => harness.serverCounts(user)).toEqual({ spaces: 1, groups: 1, bookmarks: 1 })
    await poll(() => syncStatus(page).textContent()).toBe('Synced')

    // Offline: a new bookmark and a renamed space wait in the outbox.
    await goOffline(first)
    await addBookmark(page, 'https://example.com/two', 'Two')
    await page.locator('.space-link', { hasText: 'Work' }).hover()
    await page.getByRole('button', { name: 'Space Work actions' }).click()
    await page.getByRole('menuitem', { name: 'Edit', exact: true }).click()
    await page.getByLabel('Name').fill('Work (renamed offline)')
    await page.getByRole('button', { name: 'Save' }).click()
    await poll(() => spaceNames(page)).toEqual(['Work (renamed offline)'])
    await poll(() => syncStatus(page).textContent()).toBe('Offline — 2 changes waiting')

    // The whole browser closes while still offline.
    await first.close()
    expect(await onServer(user)).toEqual({ spaces: ['Work'], groups: 1, bookmarks: ['One'] })

    // A new browser on the same profile, still offline: the changes are shown and still waiting.
    const second = await open(dist, profile, true)
    const offlineTab = await second.newTab()
    await poll(() => spaceNames(offlineTab)).toEqual(['Work (renamed offline)'])
    await poll(() => tiles(offlineTab).allTextContents()).toEqual(['One', 'Two'])
    await poll(() => syncStatus(offlineTab).textContent()).toBe('Offline — 2 changes waiting')
    expect(await onServer(user)).toEqual({ spaces: ['Work'], groups: 1, bookmarks: ['One'] })

    // Online again (the browser opened once more, on the same profile): the outbox drains, each change once.
    await second.close()
    const third = await open(dist, profile, false)
    const again = await third.newTab()
    await poll(() => syncStatus(again).textContent()).toBe('Synced')
    await poll(() => onServer(user)).toEqual({
      spaces: ['Work (renamed offline)'],
      groups: 1,
      bookmarks: ['One', 'Two']
    })
    expect(await harness.serverCounts(user)).toEqual({ spaces: 1, groups: 1, bookmarks: 2 })

    // A reload pulls again and changes nothing: nothing was left to send twice.
    await again.reload()
    await poll(() => syncStatus(again).textContent()).toBe('Synced')
    await poll(() => tiles(again).allTextContents()).toEqual(['One', 'Two'])
    expect(await spaceNames(again)).toEqual(['Work (renamed offline)'])
    expect(await onServer(user)).toEqual({
      spaces: ['Work (renamed offline)'],
      groups: 1,
      bookmarks: ['One', 'Two']
    })
    expect(await harness.serverCounts(user)).toEqual({ spaces: 1, groups: 1, bookmarks: 2 })
  }, 120_000)
})
