// Shared by the signed-in extension tests: a real `wrangler dev` + PostgreSQL for the file, the extension
// built as `npm run dev` builds it (development mode, a dev token), the browsers to close, and page helpers.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { EXTENSION_ORIGIN } from '../../scripts/lib/dev-env.ts'
import { type ExtensionBrowser, ROOT } from '../lib/extension.ts'
import { type SyncServer, startSyncServer } from './server.ts'

export { addBookmark, createSpaceGroup, tiles } from '../lib/pages.ts'
export { EXTENSION_ORIGIN }

/** Starts the server before the file's tests, closes browsers after each test, stops everything after. */
export function useExtensionServer(label: string) {
  let temp = ''
  let server: SyncServer | undefined
  const browsers: ExtensionBrowser[] = []

  beforeAll(async () => {
    temp = mkdtempSync(join(tmpdir(), `bookmarks-e2e-sync-${label}-`))
    server = await startSyncServer({ allowedOrigins: [EXTENSION_ORIGIN] })
  })
  afterEach(async () => {
    for (const browser of browsers.splice(0)) await browser.close().catch(() => undefined)
  })
  afterAll(async () => {
    await server?.stop()
    if (temp) rmSync(temp, { recursive: true, force: true })
  })

  const harness = {
    get server(): SyncServer {
      if (!server) throw new Error('the sync server is not started yet')
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
    /** Builds the extension as `npm run dev` does: development mode, this server's URL, a token for `user`. */
    buildFor(user: string, token: string): string {
      return harness.build(`dist-${user}`, 'development', { VITE_DEV_TOKEN: token })
    },
    /** Builds the extension into `<temp>/<name>` for this server, with `env` (VITE_* settings) on top. */
    build(name: string, mode: 'development' | 'production', env: Record<string, string>): string {
      const dist = join(temp, name)
      const args = ['build', '--config', 'extension/vite.config.ts', '--mode', mode, '--outDir', dist]
      execFileSync(join(ROOT, 'node_modules/.bin/vite'), [...args, '--logLevel', 'warn'], {
        cwd: ROOT,
        stdio: 'inherit',
        env: { ...process.env, NODE_ENV: 'production', VITE_API_URL: harness.server.url, ...env }
      })
      return dist
    },
    /** The server's live counts for `user` (GET /v1/sync/status). */
    async serverCounts(user: string) {
      const response = await fetch(`${harness.server.url}/v1/sync/status`, {
        headers: { authorization: `Bearer ${await harness.server.tokenFor(user, EXTENSION_ORIGIN)}` }
      })
      if (!response.ok) throw new Error(`GET /v1/sync/status: ${response.status} ${await response.text()}`)
      const body = (await response.json()) as {
        counts: { spaces: number; groups: number; bookmarks: number }
      }
      return body.counts
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
