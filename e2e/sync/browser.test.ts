// The sync engine in headless Chromium against a real `wrangler dev`: real IndexedDB, Web Locks, fetch and
// CORS. Two tabs of one profile share an outbox and push it once; another profile (device) converges. The live
// channel's socket, closed by the server when its token expires, comes back with a fresh token.

import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { MutationInput } from '../../extension/src/store/types.ts'
import { repoRoot } from '../../scripts/lib/wrangler-dev.ts'
import { launchChromium } from '../lib/extension.ts'
import type { SyncHarness } from './browser/harness.ts'
import { clientFor, newBookmark, newGroup, newSpace, serverState } from './device.ts'
import type { SyncServer } from './server.ts'
import { sharedSyncServer } from './shared.ts'

let server: SyncServer
/** The project's page origin (global-setup.ts), which the shared Worker allows; it serves our bundle. */
const origin = inject('syncPageOrigin')
let browser: Browser
const contexts: BrowserContext[] = []

beforeAll(async () => {
  const bundle = build({
    configFile: false,
    logLevel: 'warn',
    root: repoRoot,
    build: {
      outDir: inject('syncPageDir'),
      emptyOutDir: true,
      minify: false,
      lib: {
        entry: join(import.meta.dirname, 'browser/harness.ts'),
        formats: ['es'],
        fileName: () => 'harness.js'
      }
    }
  })
  ;[server, browser] = await Promise.all([sharedSyncServer(), launchChromium(), bundle])
})

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined)
  await browser?.close()
})

declare global {
  // Set by browser/harness.ts in the page; only read inside page.evaluate().
  var syncHarness: SyncHarness
}

/** A browser profile: its own IndexedDB and Web Locks, shared by its tabs. */
async function profile(): Promise<BrowserContext> {
  const context = await browser.newContext()
  contexts.push(context)
  return context
}

/** A new-tab page of `context` running the engine for `user`. */
async function tab(context: BrowserContext, user: string): Promise<Page> {
  const page = await context.newPage()
  await page.goto(`${origin}/`)
  await page.waitForFunction(() => 'syncHarness' in globalThis)
  const token = await server.tokenFor(user, origin)
  await page.evaluate((o) => syncHarness.open(o), {
    account: user,
    apiUrl: server.url,
    token
  })
  return page
}

describe('sync engine in Chromium', () => {
  it('two tabs of one profile push their shared outbox once; another profile converges', async () => {
    const user = `user_sync_browser_${randomUUID().slice(0, 8)}`
    const laptop = await profile()
    const pushed: string[] = []
    laptop.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/v1/sync/push')) {
        const body = request.postDataJSON() as { mutations: { mutationId: string }[] }
        pushed.push(...body.mutations.map((m) => m.mutationId))
      }
    })
    const tab1 = await tab(laptop, user)
    const tab2 = await tab(laptop, user)
    expect(await tab1.evaluate(() => syncHarness.hasWebLocks())).toBe(true)

    const space = newSpace('Browser')
    const group = newGroup(space.id, 'Tabs')
    const inputs: MutationInput[] = [
      { op: 'create', entity: 'space', data: space },
      { op: 'create', entity: 'group', data: group },
      { op: 'create', entity: 'bookmark', data: newBookmark(space.id, group.id, 'One') },
      { op: 'create', entity: 'bookmark', data: newBookmark(space.id, group.id, 'Two', 1) }
    ]
    const made = await tab1.evaluate((i) => syncHarness.change(i), inputs)
    expect(await tab2.evaluate(() => syncHarness.outbox())).toHaveLength(4)

    const syncing = [tab1, tab2].map((t) => t.evaluate(() => syncHarness.syncNow()))
    const statuses = await Promise.all(syncing)
    expect(statuses.map((s) => s.state)).toEqual(['synced', 'synced'])
    expect(pushed).toEqual(made)

    const remote = await serverState(clientFor(server.url, () => server.tokenFor(user, origin)))
    expect(Object.keys(remote.bookmarks)).toHaveLength(2)
    expect(await tab2.evaluate(() => syncHarness.stored())).toEqual(remote)

    // Another profile is another device: its first sync brings everything.
    const phone = await profile()
    const device2 = await tab(phone, user)
    expect(await device2.evaluate(() => syncHarness.syncNow())).toMatchObject({
      state: 'synced',
      pending: 0
    })
    expect(await device2.evaluate(() => syncHarness.stored())).toEqual(remote)
  })

  it('the live channel reconnects with a fresh token when the server closes it for an expired one, and pulls at once', async () => {
    const user = `user_live_expiry_${randomUUID().slice(0, 8)}`
    const page = await tab(await profile(), user)
    const issued: string[] = []
    await page.exposeFunction('liveToken', async () => {
      // The first token expires 3 s from now (the server's clock skew allowance still lets it open the socket).
      const token =
        issued.length === 0
          ? await server.tokenUntil(user, origin, Math.floor(Date.now() / 1000) + 3)
          : await server.tokenFor(user, origin)
      issued.push(token)
      return token
    })
    await page.evaluate((url) => syncHarness.live(url), server.url)
    // Connected: it pulls at once.
    await expect.poll(() => page.evaluate(() => syncHarness.pokes())).toBe(1)
    // The server closes the socket as the token expires; the page asks for a new token and pulls on reconnecting.
    await expect.poll(() => issued.length, { timeout: 15_000 }).toBe(2)
    await expect.poll(() => page.evaluate(() => syncHarness.pokes())).toBe(2)
    // The new socket is live: a write of the account pokes it.
    const client = clientFor(server.url, () => server.tokenFor(user, origin))
    const space = newSpace('Live')
    expect(
      (await client.POST('/v1/spaces', { body: { id: space.id, name: space.name } })).response.status
    ).toBe(201)
    await expect.poll(() => page.evaluate(() => syncHarness.pokes())).toBe(3)
    expect(issued).toHaveLength(2)
  })
})
