// The built extension signed in (dev sign-in) in real Chromium against a real `wrangler dev` and PostgreSQL:
// changes made while the API is unreachable survive closing the whole browser, are still shown and still
// waiting when it opens again on the same profile, and reach the server exactly once when the API is back.
import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type ExtensionBrowser, launchExtension, ROOT } from '../lib/extension.ts'
import { clientFor, serverState } from './device.ts'
import { type SyncServer, startSyncServer } from './server.ts'

const EXTENSION_ORIGIN = 'chrome-extension://ccliffkoehglgdfmpihlkfnhebbdkdhi'

let temp: string
let server: SyncServer
const browsers: ExtensionBrowser[] = []

/** Builds the extension as `npm run dev` does: development mode, this server's URL, a token for `user`. */
function buildFor(user: string, token: string): string {
  const dist = join(temp, `dist-${user}`)
  execFileSync(
    join(ROOT, 'node_modules/.bin/vite'),
    [
      'build',
      '--config',
      'extension/vite.config.ts',
      '--mode',
      'development',
      '--outDir',
      dist,
      '--logLevel',
      'warn'
    ],
    {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production', VITE_API_URL: server.url, VITE_DEV_TOKEN: token }
    }
  )
  return dist
}

beforeAll(async () => {
  temp = mkdtempSync(join(tmpdir(), 'bookmarks-e2e-sync-restart-'))
  server = await startSyncServer({ allowedOrigins: [EXTENSION_ORIGIN] })
})

afterEach(async () => {
  for (const browser of browsers.splice(0)) await browser.close().catch(() => undefined)
})

afterAll(async () => {
  await server?.stop()
  if (temp) rmSync(temp, { recursive: true, force: true })
})

/** Waits as long as a push can take: the engine pushes 1 s after a change, and a busy machine is slow. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 })

const syncStatus = (page: Page) => page.locator('.sync-status')

const spaceNames = (page: Page) =>
  page.getByRole('navigation', { name: 'Spaces' }).locator('.space-link .name').allTextContents()

const tiles = (page: Page) =>
  page.getByRole('list', { name: 'Bookmarks' }).locator('[data-bookmark-id] .tile-title')

async function menu(page: Page, item: string | RegExp) {
  await page.getByRole('button', { name: 'User menu' }).click()
  await page.getByRole('menuitem', { name: item }).click()
}

async function addBookmark(page: Page, url: string, title: string) {
  await page.getByRole('button', { name: 'New bookmark' }).click()
  await page.getByLabel('Address').fill(url)
  await page.getByLabel('Title').fill(title)
  await page.getByRole('button', { name: 'Add bookmark', exact: true }).click()
}

/** What the server holds for `user`: counts, space names and bookmark titles (one complete pull). */
async function onServer(user: string) {
  const state = await serverState(clientFor(server.url, () => server.tokenFor(user, EXTENSION_ORIGIN)))
  return {
    spaces: Object.values(state.spaces).map((s) => s.name),
    groups: Object.values(state.groups).length,
    bookmarks: Object.values(state.bookmarks)
      .map((b) => b.title)
      .sort()
  }
}

async function serverCounts(user: string) {
  const response = await fetch(`${server.url}/v1/sync/status`, {
    headers: { authorization: `Bearer ${await server.tokenFor(user, EXTENSION_ORIGIN)}` }
  })
  if (!response.ok) throw new Error(`GET /v1/sync/status: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { counts: { spaces: number; groups: number; bookmarks: number } }).counts
}

/** Chromium on the kept profile; the API is unreachable from the start when `offline`. */
async function open(dist: string, userDataDir: string, offline: boolean): Promise<ExtensionBrowser> {
  const browser = await launchExtension({ dist, userDataDir })
  browsers.push(browser)
  if (offline) await goOffline(browser)
  return browser
}

const goOffline = (browser: ExtensionBrowser) =>
  browser.context.route(`${server.url}/**`, (route) => route.abort('internetdisconnected'))

describe('the extension after a browser restart while offline', () => {
  it('keeps the outbox across the restart and drains it exactly once when the API is back', async () => {
    const user = `user_restart_${randomUUID().slice(0, 8)}`
    const dist = buildFor(user, await server.tokenFor(user, EXTENSION_ORIGIN))
    const profile = join(temp, 'profile')

    // Online: sign in and make a space, a group and a bookmark that reach the server.
    const first = await open(dist, profile, false)
    const page = await first.newTab()
    await page.getByText('Make your first space').waitFor()
    await menu(page, 'Sign in')
    await poll(() => syncStatus(page).textContent()).toBe('Synced')
    await page.getByRole('button', { name: 'Create a space' }).click()
    await page.getByLabel('Name').fill('Work')
    await page.getByRole('button', { name: 'Create space' }).click()
    await page.getByRole('button', { name: 'Create a group' }).click()
    await page.getByLabel('Name').fill('Docs')
    await page.getByRole('button', { name: 'Create group' }).click()
    await addBookmark(page, 'https://example.com/one', 'One')
    await poll(() => serverCounts(user)).toEqual({ spaces: 1, groups: 1, bookmarks: 1 })
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
    const again = await second.newTab()
    await poll(() => spaceNames(again)).toEqual(['Work (renamed offline)'])
    await poll(() => tiles(again).allTextContents()).toEqual(['One', 'Two'])
    await poll(() => syncStatus(again).textContent()).toBe('Offline — 2 changes waiting')
    expect(await onServer(user)).toEqual({ spaces: ['Work'], groups: 1, bookmarks: ['One'] })

    // Online again: the outbox drains and the server has each change once.
    await second.context.unroute(`${server.url}/**`)
    await again.evaluate(() => window.dispatchEvent(new Event('online')))
    await poll(() => syncStatus(again).textContent()).toBe('Synced')
    await poll(() => onServer(user)).toEqual({
      spaces: ['Work (renamed offline)'],
      groups: 1,
      bookmarks: ['One', 'Two']
    })
    expect(await serverCounts(user)).toEqual({ spaces: 1, groups: 1, bookmarks: 2 })

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
    expect(await serverCounts(user)).toEqual({ spaces: 1, groups: 1, bookmarks: 2 })
  }, 120_000)
})
