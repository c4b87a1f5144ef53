// Shared by the signed-in extension tests: the project's `wrangler dev` + PostgreSQL (global-setup.ts), the
// extension built as `npm run dev` builds it (development mode, a dev token), the browsers to close, and
// page helpers.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest'
import { EXTENSION_ORIGIN } from '../../scripts/lib/dev-env.ts'
import { withClerkProxy, withDevToken } from '../lib/build-extension.ts'
import type { ExtensionBrowser } from '../lib/extension.ts'
import type { SyncServer } from './server.ts'
import { sharedSyncServer } from './shared.ts'

export { addBookmark, createSpaceGroup, tiles } from '../lib/pages.ts'
export { EXTENSION_ORIGIN }

/** Finds the shared server before the file's tests, closes browsers after each test, cleans up after. */
export function useExtensionServer(label: string) {
  let temp = ''
  let server: SyncServer | undefined
  const browsers: ExtensionBrowser[] = []

  beforeAll(async () => {
    temp = mkdtempSync(join(tmpdir(), `bookmarks-e2e-sync-${label}-`))
    server = await sharedSyncServer()
  })
  afterEach(async () => {
    for (const browser of browsers.splice(0)) await browser.close().catch(() => undefined)
  })
  afterAll(() => {
    if (temp) rmSync(temp, { recursive: true, force: true })
  })

  const harness = {
    get server(): SyncServer {
      if (!server) throw new Error('the sync server is not found yet')
      return server
    },
    get temp() {
      return temp
    },
    /** Closed after the test. */
    track(browser: ExtensionBrowser) {
      browsers.push(browser)
      return browser
    },
    /**
     * The extension as `npm run dev` builds it: development mode, this server's URL (or `apiUrl`), a token for
     * `user` (the project's one development build, with `token` where Vite inlined the dev token).
     */
    buildFor(user: string, token: string, apiUrl?: string): string {
      const failed = inject('syncDevExtensionError')
      if (failed) throw new Error(`the project's development build failed: ${failed}`)
      const api = apiUrl ? { from: harness.server.url, to: apiUrl } : undefined
      return withDevToken(inject('syncDevExtension'), token, join(temp, `dist-${user}`), api)
    },
    /** A store build (production, Clerk on, no dev token) for this server, signing in through `clerkUrl`. */
    clerkBuild(clerkUrl: string): string {
      const failed = inject('syncClerkExtensionError')
      if (failed) throw new Error(`the project's Clerk build failed: ${failed}`)
      return withClerkProxy(inject('syncClerkExtension'), clerkUrl, join(temp, 'dist-clerk'))
    },
    /** A call to the shared server as `user` from the extension's origin; the JSON answer, or an error. */
    async call<T>(user: string, method: string, path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${harness.server.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${await harness.server.tokenFor(user, EXTENSION_ORIGIN)}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' })
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) })
      })
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
      return (await response.json()) as T
    },
    /** The server's live counts for `user` (GET /v1/sync/status). */
    async serverCounts(user: string) {
      const status = await harness.call<{ counts: { spaces: number; groups: number; bookmarks: number } }>(
        user,
        'GET',
        '/v1/sync/status'
      )
      return status.counts
    }
  }
  return harness
}

/** Waits as long as a push can take: the engine pushes 1 s after a change, and a busy machine is slow. */
export const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 })

export const syncStatus = (page: Page) => page.locator('.sync-status')

export const spaceNames = (page: Page) =>
  page.getByRole('navigation', { name: 'Spaces' }).locator('.space-link .name').allTextContents()

export async function menu(page: Page, item: string | RegExp) {
  await page.getByRole('button', { name: 'User menu' }).click()
  await page.getByRole('menuitem', { name: item }).click()
}

/** A new tab on the dev build (its token built in), signed in and synced. */
export async function signedInTab(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.newTab()
  await page.getByRole('button', { name: 'User menu' }).waitFor()
  await menu(page, 'Sign in')
  await poll(() => syncStatus(page).textContent()).toBe('Synced')
  return page
}
