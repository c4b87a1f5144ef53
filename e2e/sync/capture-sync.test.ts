// A save from outside the new tab (the service worker's own handlers) reaching the signed-in account, in real
// Chromium against the real Worker and PostgreSQL: with no new tab open (the worker's offscreen document pushes
// it, signed in with the dev session or with Clerk) it is on the server and on a second profile; with a new tab
// open, that tab's engine pushes it without a reload; a worker stopped right after the save loses nothing. After a
// sign-in or a sign-out it goes to the account the new tab now shows, even one that shows no group.
import { randomUUID } from 'node:crypto'
import type { Page, Worker } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ClerkStandIn, startClerkStandIn } from '../clerk/frontend-api.ts'
import { type ExtensionBrowser, launchExtension } from '../lib/extension.ts'
import { clientFor, serverState } from './device.ts'
import {
  createSpaceGroup,
  EXTENSION_ORIGIN,
  menu,
  poll,
  signedInTab,
  syncStatus,
  tiles,
  useExtensionServer
} from './extension-harness.ts'

const harness = useExtensionServer('capture-sync')

/** What the tests reach inside the worker; loose on purpose, the extension's own types live in its tsconfig. */
type G = {
  bookmarksIndex: {
    handleRequest: (request: object) => Promise<{ ok: boolean; result?: { status: string } }>
    stored: () => Promise<{
      account: string
      data: { groups: Record<string, { name: string }>; bookmarks: Record<string, { url: string }> }
      outbox: unknown[]
    }>
  }
}

const worker = async (browser: ExtensionBrowser): Promise<Worker> =>
  browser.context.serviceWorkers().find((w) => w.url().endsWith('/background.js')) ??
  browser.context.waitForEvent('serviceworker', (w) => w.url().endsWith('/background.js'))

/** The addresses of the bookmarks the server holds for `user`, read with the user's own token. */
async function serverUrls(user: string): Promise<string[]> {
  const client = clientFor(harness.server.url, () => harness.server.tokenFor(user, EXTENSION_ORIGIN))
  const state = await serverState(client)
  return Object.values(state.bookmarks)
    .map((b) => b.url)
    .sort()
}

/** Work / Docs made on the new tab and on the server, and mirrored as where captures go (the signed-in account). */
async function groupToCaptureInto(browser: ExtensionBrowser, page: Page, user: string) {
  await createSpaceGroup(page, 'Work', 'Docs')
  await poll(() => harness.serverCounts(user)).toEqual({ spaces: 1, groups: 1, bookmarks: 0 })
  const w = await worker(browser)
  await poll(async () => {
    const { account, data } = await w.evaluate(() => (globalThis as unknown as G).bookmarksIndex.stored())
    return { account, groups: Object.values(data.groups).map((g) => g.name) }
  }).toEqual({ account: user, groups: ['Docs'] })
}

/** Closes the profile's new tabs and waits until no engine syncs `user` here any more (its Web Lock is gone). */
async function closeNewTabs(browser: ExtensionBrowser, user: string) {
  const newTabs = browser.context
    .pages()
    .filter((page) => page.url().startsWith(browser.url()) || page.url().startsWith('chrome://newtab'))
  for (const page of newTabs) await page.close()
  const w = await worker(browser)
  await poll(() =>
    w.evaluate(async (account) => {
      const { held = [], pending = [] } = await navigator.locks.query()
      return [...held, ...pending].filter((lock) => lock.name?.endsWith(`:engine:${account}`)).length
    }, user)
  ).toBe(0)
}

/** Counts the offscreen documents the profile opens from now on (DevTools targets: made, then given their URL). */
async function watchOffscreen(browser: ExtensionBrowser): Promise<() => number> {
  const chromium = browser.context.browser()
  if (!chromium) throw new Error('the profile has no browser to watch')
  const cdp = await chromium.newBrowserCDPSession()
  const opened = new Set<string>()
  const note = ({ targetInfo }: { targetInfo: { targetId: string; url: string } }) => {
    if (targetInfo.url.endsWith('/offscreen.html')) opened.add(targetInfo.targetId)
  }
  cdp.on('Target.targetCreated', note)
  cdp.on('Target.targetInfoChanged', note)
  await cdp.send('Target.setDiscoverTargets', { discover: true })
  return () => opened.size
}

const savePage = async (browser: ExtensionBrowser, url: string, title: string) =>
  (await worker(browser)).evaluate(
    (page) => (globalThis as unknown as G).bookmarksIndex.handleRequest({ type: 'save-page', page }),
    { url, title }
  )

/** The account the worker's captures go to now, and the addresses stored there. */
const captureAccount = async (browser: ExtensionBrowser) =>
  (await worker(browser)).evaluate(async () => {
    const { account, data } = await (globalThis as unknown as G).bookmarksIndex.stored()
    return { account, urls: Object.values(data.bookmarks).map((b) => b.url) }
  })

const outboxLength = async (browser: ExtensionBrowser) =>
  (await worker(browser)).evaluate(
    async () => (await (globalThis as unknown as G).bookmarksIndex.stored()).outbox.length
  )

describe('a save from the toolbar, a menu or a shortcut, signed in', () => {
  it('reaches the server and a second profile with no new tab open', async () => {
    const user = `user_capture_${randomUUID().slice(0, 8)}`
    const dist = harness.buildFor(user, await harness.server.tokenFor(user, EXTENSION_ORIGIN))
    const laptop = harness.track(await launchExtension({ dist }))
    const desktop = harness.track(await launchExtension({ dist }))
    await groupToCaptureInto(laptop, await signedInTab(laptop), user)
    await closeNewTabs(laptop, user)
    const offscreen = await watchOffscreen(laptop)

    const saved = await savePage(laptop, 'https://example.com/no-tab', 'Saved with no new tab')
    expect(saved).toMatchObject({ ok: true, result: { status: 'saved' } })
    await poll(() => serverUrls(user)).toEqual(['https://example.com/no-tab'])
    // Acknowledged: nothing waits here any more. The worker had it pushed from its offscreen document.
    await poll(() => outboxLength(laptop)).toBe(0)
    expect(offscreen()).toBe(1)

    const other = await signedInTab(desktop)
    await poll(() => tiles(other).allTextContents()).toEqual(['Saved with no new tab'])
  }, 120_000)

  it('is pushed by the open new tab without a reload', async () => {
    const user = `user_capture_${randomUUID().slice(0, 8)}`
    const dist = harness.buildFor(user, await harness.server.tokenFor(user, EXTENSION_ORIGIN))
    const laptop = harness.track(await launchExtension({ dist }))
    const page = await signedInTab(laptop)
    await groupToCaptureInto(laptop, page, user)
    const offscreen = await watchOffscreen(laptop)

    await savePage(laptop, 'https://example.com/tab-open', 'Saved beside a new tab')
    await poll(() => tiles(page).allTextContents()).toEqual(['Saved beside a new tab'])
    await poll(() => serverUrls(user)).toEqual(['https://example.com/tab-open'])
    await poll(() => syncStatus(page).textContent()).toBe('Synced')
    // One pusher: the new tab's engine, not the worker as well.
    expect(offscreen()).toBe(0)
  }, 120_000)

  it('loses nothing when the worker is stopped right after the save: it goes when the worker starts again', async () => {
    const user = `user_capture_${randomUUID().slice(0, 8)}`
    const dist = harness.buildFor(user, await harness.server.tokenFor(user, EXTENSION_ORIGIN))
    const laptop = harness.track(await launchExtension({ dist }))
    await groupToCaptureInto(laptop, await signedInTab(laptop), user)
    await closeNewTabs(laptop, user)
    const blank = await laptop.context.newPage()
    const cdp = await laptop.context.newCDPSession(blank)
    let status = ''
    cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
      const version = event.versions.find((v) => v.scriptURL.endsWith('/background.js'))
      if (version) status = version.runningStatus
    })
    await cdp.send('ServiceWorker.enable')

    // Stopped before or during its push: the change is in the outbox or on the server, never nowhere.
    await savePage(laptop, 'https://example.com/stopped', 'Saved, then the worker stopped')
    await cdp.send('ServiceWorker.stopAllWorkers')
    await poll(async () => status).toBe('stopped')
    await cdp.send('ServiceWorker.startWorker', { scopeURL: `chrome-extension://${laptop.extensionId}/` })
    await poll(async () => status).toBe('running')

    await poll(() => serverUrls(user)).toEqual(['https://example.com/stopped'])
    await poll(() => outboxLength(laptop)).toBe(0)
  }, 120_000)
})

describe('a save from the toolbar, a menu or a shortcut, after the account changes', () => {
  it('goes to the account right after sign-in, though the new tab shows no group yet', async () => {
    const user = `user_capture_in_${randomUUID().slice(0, 8)}`
    const dist = harness.buildFor(user, await harness.server.tokenFor(user, EXTENSION_ORIGIN))
    const laptop = harness.track(await launchExtension({ dist }))
    const page = await signedInTab(laptop)
    await page.getByText('Make your first space').waitFor()
    // The new tab tells the worker as it changes account (chrome.storage), a moment after it shows it.
    await poll(async () => (await captureAccount(laptop)).account).toBe(user)

    const saved = await savePage(laptop, 'https://example.com/after-sign-in', 'Saved after sign-in')
    expect(saved).toMatchObject({ ok: true, result: { status: 'saved' } })
    await poll(() => tiles(page).allTextContents()).toEqual(['Saved after sign-in'])
    await poll(() => serverUrls(user)).toEqual(['https://example.com/after-sign-in'])
  }, 120_000)

  it('goes to the signed-out library after sign-out, though the new tab shows no group', async () => {
    const user = `user_capture_out_${randomUUID().slice(0, 8)}`
    const dist = harness.buildFor(user, await harness.server.tokenFor(user, EXTENSION_ORIGIN))
    const laptop = harness.track(await launchExtension({ dist }))
    const page = await signedInTab(laptop)
    await groupToCaptureInto(laptop, page, user)
    // Signed out from a space with no group yet, into an empty signed-out library: the new tab shows no group
    // before or after, so no group it shows can name where captures go.
    await page.getByRole('button', { name: 'New space' }).click()
    await page.getByLabel('Name').fill('Reading')
    await page.getByRole('button', { name: 'Create space' }).click()
    await page.getByText('Add a group to “Reading”').waitFor()

    await menu(page, /^Sign out/)
    await page.getByText('Make your first space').waitFor()
    await poll(async () => (await captureAccount(laptop)).account).toBe('local')
    const saved = await savePage(laptop, 'https://example.com/after-sign-out', 'Saved after sign-out')
    expect(saved).toMatchObject({ ok: true, result: { status: 'saved' } })

    await poll(() => tiles(page).allTextContents()).toEqual(['Saved after sign-out'])
    expect(await captureAccount(laptop)).toEqual({
      account: 'local',
      urls: ['https://example.com/after-sign-out']
    })
    // Signed-out data reaches an account only through a sign-in's migration, never a push.
    expect(await serverUrls(user)).toEqual([])
  }, 120_000)
})

describe('a save with no new tab open, signed in with Clerk', () => {
  const ada = {
    userId: `user_capture_ada_${randomUUID().slice(0, 8)}`,
    email: 'ada.capture@example.com',
    password: 'ada’s correct horse battery'
  }
  let clerk: ClerkStandIn
  let dist = ''

  beforeAll(async () => {
    clerk = await startClerkStandIn({ users: [ada], tokenFor: harness.server.tokenFor })
    // A store build: production mode, Clerk on, no dev token.
    dist = harness.clerkBuild(clerk.url)
  })
  afterAll(async () => {
    await clerk?.stop()
  })

  it('is pushed by the worker’s offscreen document, which resumes the Clerk session', async () => {
    const laptop = harness.track(await launchExtension({ dist }))
    const page = await laptop.newTab()
    await page.getByText('Make your first space').waitFor()
    await menu(page, 'Sign in')
    const dialog = page.getByRole('dialog', { name: /Sign in to sync/ })
    for (const [label, value] of [
      ['Email', ada.email],
      ['Password', ada.password]
    ] as const) {
      await dialog.getByLabel(label).fill(value)
      await dialog.getByRole('button', { name: 'Continue' }).click()
    }
    await dialog.waitFor({ state: 'detached' })
    await poll(() => syncStatus(page).textContent()).toBe('Synced')
    await groupToCaptureInto(laptop, page, ada.userId)
    await closeNewTabs(laptop, ada.userId)
    const tokensBefore = clerk.requests.filter((r) => r.path.endsWith('/tokens')).length

    await savePage(laptop, 'https://example.com/clerk', 'Saved signed in with Clerk')
    await poll(() => serverUrls(ada.userId)).toEqual(['https://example.com/clerk'])
    await poll(() => outboxLength(laptop)).toBe(0)
    // The push carried a session token Clerk issued after the new tab had closed.
    expect(clerk.requests.filter((r) => r.path.endsWith('/tokens')).length).toBeGreaterThan(tokensBefore)
  }, 120_000)
})
