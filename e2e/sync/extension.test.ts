// The built extension signed in (dev sign-in, as `npm run dev` builds it) in real Chromium against a real
// `wrangler dev` and PostgreSQL: changes made on the new tab reach the server, and come back from it after
// this browser's IndexedDB is wiped.
import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type ExtensionBrowser, launchExtension, ROOT } from '../lib/extension.ts'
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
  temp = mkdtempSync(join(tmpdir(), 'bookmarks-e2e-sync-extension-'))
  server = await startSyncServer({ allowedOrigins: [EXTENSION_ORIGIN] })
})

afterEach(async () => {
  for (const browser of browsers.splice(0)) await browser.close().catch(() => undefined)
})

afterAll(async () => {
  await server?.stop()
  if (temp) rmSync(temp, { recursive: true, force: true })
})

async function serverCounts(user: string) {
  const response = await fetch(`${server.url}/v1/sync/status`, {
    headers: { authorization: `Bearer ${await server.tokenFor(user, EXTENSION_ORIGIN)}` }
  })
  if (!response.ok) throw new Error(`GET /v1/sync/status: ${response.status} ${await response.text()}`)
  const body = (await response.json()) as { counts: { spaces: number; groups: number; bookmarks: number } }
  return body.counts
}

async function menu(page: Page, item: string | RegExp) {
  await page.getByRole('button', { name: 'User menu' }).click()
  await page.getByRole('menuitem', { name: item }).click()
}

const syncStatus = (page: Page) => page.locator('.sync-status')

async function createSpaceGroup(page: Page, space: string, group: string) {
  await page.getByRole('button', { name: 'Create a space' }).click()
  await page.getByLabel('Name').fill(space)
  await page.getByRole('button', { name: 'Create space' }).click()
  await page.getByRole('button', { name: 'Create a group' }).click()
  await page.getByLabel('Name').fill(group)
  await page.getByRole('button', { name: 'Create group' }).click()
}

async function addBookmark(page: Page, url: string, title: string) {
  await page.getByRole('button', { name: 'New bookmark' }).click()
  await page.getByLabel('Address').fill(url)
  await page.getByLabel('Title').fill(title)
  await page.getByRole('button', { name: 'Add bookmark', exact: true }).click()
}

const tiles = (page: Page) =>
  page.getByRole('list', { name: 'Bookmarks' }).locator('[data-bookmark-id] .tile-title')

describe('the extension signed in', () => {
  it('syncs a new space, group and bookmark to the server and gets them back after IndexedDB is wiped', async () => {
    const user = `user_ext_${randomUUID().slice(0, 8)}`
    const dist = buildFor(user, await server.tokenFor(user, EXTENSION_ORIGIN))
    const browser = await launchExtension({ dist })
    browsers.push(browser)

    const page = await browser.newTab()
    await page.getByText('Make your first space').waitFor()
    await menu(page, 'Sign in')
    await expect.poll(() => syncStatus(page).textContent()).toBe('Synced')
    await createSpaceGroup(page, 'Work', 'Docs')
    await addBookmark(page, 'https://example.com/docs', 'Docs site')
    await expect.poll(() => tiles(page).allTextContents()).toEqual(['Docs site'])

    await expect
      .poll(() => serverCounts(user), { timeout: 20_000 })
      .toEqual({ spaces: 1, groups: 1, bookmarks: 1 })
    await expect.poll(() => syncStatus(page).textContent()).toBe('Synced')
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
    await expect.poll(() => tiles(again).allTextContents()).toEqual(['Docs site'])
    expect(await again.getByRole('navigation', { name: 'Spaces' }).textContent()).toContain('Work')
    expect(await again.getByRole('tab', { name: 'Docs' }).getAttribute('aria-selected')).toBe('true')
    await expect.poll(() => syncStatus(again).textContent()).toBe('Synced')
  }, 120_000)
})
