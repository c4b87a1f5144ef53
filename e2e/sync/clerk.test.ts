// Clerk sign-in in a production build of the extension, in real Chromium: the real `@clerk/clerk-js/no-rhc`
// talks to a local stand-in for Clerk's Frontend API (these machines cannot reach Clerk), whose session
// tokens the real `wrangler dev` verifies with @clerk/backend like any other; PostgreSQL is real too.
import { randomUUID } from 'node:crypto'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ClerkStandIn, startClerkStandIn } from '../clerk/frontend-api.ts'
import { type ExtensionBrowser, launchExtension } from '../lib/extension.ts'
import {
  addBookmark,
  createSpaceGroup,
  menu,
  poll,
  spaceNames,
  syncStatus,
  useExtensionServer
} from './extension-harness.ts'

const harness = useExtensionServer('clerk')
const person = (name: string) => ({
  userId: `user_${name}_${randomUUID().slice(0, 8)}`,
  email: `${name}@example.com`,
  password: `${name}'s correct horse battery`
})
const ada = person('ada')
const bob = person('bob')
const cy = person('cy')
const dee = person('dee')
const eve = person('eve')
let clerk: ClerkStandIn
let dist = ''
let clerkChunk = ''

beforeAll(async () => {
  clerk = await startClerkStandIn({ users: [ada, bob, cy, dee, eve], tokenFor: harness.server.tokenFor })
  // A store build: production mode, Clerk on, no dev token.
  dist = harness.clerkBuild(clerk.url)
  // Clerk's own chunk: the build's only file over 500 KB.
  const assets = join(dist, 'assets')
  const big = readdirSync(assets).filter((name) => statSync(join(assets, name)).size > 500_000)
  expect(big).toHaveLength(1)
  clerkChunk = `/assets/${big[0]}`
})
afterAll(async () => {
  await clerk?.stop()
})

/** A profile whose requests may reach only 127.0.0.1 (the API and the stand-in); anything else fails the test. */
async function profile(
  options: { automated?: boolean } = {}
): Promise<{ browser: ExtensionBrowser; outside: string[] }> {
  const browser = harness.track(await launchExtension({ dist }))
  // clerk-js behaves differently under automation (navigator.webdriver: it never navigates, and offline it
  // loads as if signed out); a person's Chrome says false.
  if (!options.automated)
    await browser.context.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false })
    )
  const outside: string[] = []
  await browser.context.route(/^https?:\/\//, (route) => {
    const url = new URL(route.request().url())
    if (url.hostname === '127.0.0.1') return route.continue()
    outside.push(url.href)
    return route.abort('blockedbyclient')
  })
  return { browser, outside }
}

/** Whether the page has set performance mark `name` (main.tsx and the session controller set them). */
const marked = (page: Page, name: string) =>
  page.evaluate((mark) => performance.getEntriesByName(mark).length > 0, name)

const dialog = (page: Page) => page.getByRole('dialog', { name: /Sign in to sync|Create your account/ })

async function continueWith(page: Page, label: string, value: string) {
  await dialog(page).getByLabel(label).fill(value)
  await dialog(page)
    .getByRole('button', { name: /Continue|Create account/ })
    .click()
}

describe('Clerk sign-in', () => {
  it('signs in with a password, uploads local data, stays signed in across tabs, signs out', async () => {
    const { browser, outside } = await profile()
    const loaded: string[] = []
    browser.context.on('request', (request) => loaded.push(request.url()))

    const page = await browser.newTab()
    await page.getByText('Make your first space').waitFor()
    await createSpaceGroup(page, 'Home', 'Reading')
    await addBookmark(page, 'https://example.com/a', 'A')
    // Signed out, a new tab never loads Clerk.
    expect(loaded.filter((url) => url.endsWith(clerkChunk))).toEqual([])

    // Giving up on signing in leaves nothing behind: the next tab still does not load Clerk.
    await menu(page, 'Sign in')
    await continueWith(page, 'Email', ada.email)
    await dialog(page).getByLabel('Password').waitFor()
    await dialog(page).getByRole('button', { name: 'Cancel' }).click()
    const before = loaded.length
    const fresh = await browser.newTab()
    const since = () => loaded.slice(before)
    // The sign-in module (small) is what looks for a session to resume; once it is in, restoring is done.
    await poll(async () => since().some((url) => url.includes('/assets/clerk-session-'))).toBe(true)
    await poll(() => marked(fresh, 'session-restored')).toBe(true)
    expect(since().filter((url) => url.endsWith(clerkChunk))).toEqual([])
    await fresh.close()

    await menu(page, 'Sign in')
    await continueWith(page, 'Email', ada.email)
    await continueWith(page, 'Password', 'wrong password')
    await expect.poll(() => dialog(page).getByRole('alert').textContent()).toMatch(/Password is incorrect/)
    await continueWith(page, 'Password', ada.password)
    await dialog(page).waitFor({ state: 'detached' })

    // The cloud was empty: this device's data goes up without a question.
    await poll(() => syncStatus(page).textContent()).toBe('Synced')
    await poll(() => harness.serverCounts(ada.userId)).toEqual({ spaces: 1, groups: 1, bookmarks: 1 })
    await page.getByRole('button', { name: 'User menu' }).click()
    await page.getByRole('menuitem', { name: `Sign out (${ada.email})` }).waitFor()
    await page.keyboard.press('Escape')

    // Another tab resumes the session from Clerk's client token: the account's data, synced, no dialog.
    const second = await browser.newTab()
    await poll(() => syncStatus(second).textContent()).toBe('Synced')
    expect(await spaceNames(second)).toEqual(['Home'])
    await menu(second, /^Sign out/)
    await poll(() => syncStatus(second).count()).toBe(0)
    // Still the new tab: clerk-js navigates to "/" (a moment after its sign-out request) unless told not to.
    const signedOut = () =>
      clerk.requests.some((r) => r.method === 'DELETE' && r.path === '/v1/client/sessions')
    await poll(async () => signedOut()).toBe(true)
    await poll(() => marked(second, 'session-left')).toBe(true)
    expect(second.url()).toMatch(/\/index\.html#/)
    await second.getByRole('button', { name: 'User menu' }).waitFor()
    // Signed out: the next tab opens signed out, with the sign-in offered again, and Clerk's token is gone.
    const third = await browser.newTab()
    await third.getByRole('button', { name: 'User menu' }).click()
    await third.getByRole('menuitem', { name: 'Sign in' }).waitFor()
    expect(await third.evaluate(() => localStorage.getItem('bookmarks-index:clerk-client'))).toBeNull()
    await third.close()

    // Signing in again in the tab that signed out: the next tab resumes that session.
    await menu(second, 'Sign in')
    await continueWith(second, 'Email', ada.email)
    await continueWith(second, 'Password', ada.password)
    await poll(() => syncStatus(second).textContent()).toBe('Synced')
    const fourth = await browser.newTab()
    await poll(() => syncStatus(fourth).textContent()).toBe('Synced')
    expect(await spaceNames(fourth)).toEqual(['Home'])
    expect(outside).toEqual([])
  })

  it('creates an account for an unknown email, verified with the emailed code', async () => {
    const { browser, outside } = await profile()
    const page = await browser.newTab()
    await page.getByText('Make your first space').waitFor()
    await menu(page, 'Sign in')
    const email = `new-${randomUUID().slice(0, 8)}@example.com`
    await continueWith(page, 'Email', email)
    await dialog(page).getByText(`There is no account for ${email} yet`).waitFor()
    await continueWith(page, 'New password', 'a new long password')
    await dialog(page).getByText(`We sent a code to ${email}.`).waitFor()
    const code = clerk.sentCodes.findLast((sent) => sent.email === email)?.code
    expect(code).toMatch(/^\d{6}$/)
    await continueWith(page, 'Code', code ?? '')
    await dialog(page).waitFor({ state: 'detached' })
    await poll(() => syncStatus(page).textContent()).toBe('Synced')
    await page.getByRole('button', { name: 'User menu' }).click()
    await page.getByRole('menuitem', { name: `Sign out (${email})` }).waitFor()
    expect(outside).toEqual([])
  })

  it('signs in with a code sent by email instead of the password', async () => {
    const { browser, outside } = await profile()
    const page = await browser.newTab()
    await page.getByText('Make your first space').waitFor()
    await menu(page, 'Sign in')
    await continueWith(page, 'Email', cy.email)
    await dialog(page).getByRole('button', { name: 'Email me a code instead' }).click()
    await dialog(page)
      .getByText(/We sent a code to/)
      .waitFor()
    await continueWith(page, 'Code', '000000')
    await expect.poll(() => dialog(page).getByRole('alert').textContent()).toMatch(/incorrect/i)
    const code = clerk.sentCodes.findLast((sent) => sent.email === cy.email)?.code
    await continueWith(page, 'Code', code ?? '')
    await dialog(page).waitFor({ state: 'detached' })
    await poll(() => syncStatus(page).textContent()).toBe('Synced')
    expect(outside).toEqual([])
  })

  it('signing out while offline leaves this browser signed out for good', async () => {
    const { browser } = await profile({ automated: true })
    const page = await browser.newTab()
    await page.getByText('Make your first space').waitFor()
    await menu(page, 'Sign in')
    await continueWith(page, 'Email', eve.email)
    await continueWith(page, 'Password', eve.password)
    await poll(() => syncStatus(page).textContent()).toBe('Synced')
    await page.close()

    await browser.context.setOffline(true)
    const offline = await browser.newTab()
    await poll(() => syncStatus(offline).textContent()).toMatch(/^Offline/)
    await menu(offline, /^Sign out/)
    // Clerk cannot be told yet, but this browser forgets its client at once.
    await poll(() => offline.evaluate(() => localStorage.getItem('bookmarks-index:clerk-client'))).toBeNull()
    await offline.close()
    await browser.context.setOffline(false)

    // Clerk may still hold the session, but no tab of this browser can resume it.
    const next = await browser.newTab()
    await next.getByText('Make your first space').waitFor()
    await next.getByRole('button', { name: 'User menu' }).click()
    await next.getByRole('menuitem', { name: 'Sign in' }).waitFor()
    expect(await syncStatus(next).count()).toBe(0)
  })

  // Offline, clerk-js either keeps retrying (a person's Chrome) or loads as if signed out (under automation).
  it.each([
    ['', false, bob],
    [' (navigator.webdriver)', true, dee]
  ] as const)(
    'keeps the account and its waiting changes when Clerk cannot be reached on open%s',
    {
      timeout: 60_000
    },
    async (_, automated, who) => {
      const { browser } = await profile({ automated })
      const page = await browser.newTab()
      await page.getByText('Make your first space').waitFor()
      await menu(page, 'Sign in')
      await continueWith(page, 'Email', who.email)
      await continueWith(page, 'Password', who.password)
      await poll(() => syncStatus(page).textContent()).toBe('Synced')
      await createSpaceGroup(page, 'Kept', 'Docs')
      await poll(() => harness.serverCounts(who.userId)).toEqual({ spaces: 1, groups: 1, bookmarks: 0 })
      await page.close()

      // The browser offline (navigator.onLine false too, where clerk-js loads as if signed out): the new tab
      // still opens on the account, and a change waits.
      await browser.context.setOffline(true)
      const tab = await browser.newTab()
      await poll(() => spaceNames(tab)).toEqual(['Kept'])
      await tab.getByRole('button', { name: 'New space' }).click()
      await tab.getByLabel('Name').fill('Made offline')
      await tab.getByRole('button', { name: 'Create space' }).click()
      await poll(() => syncStatus(tab).textContent()).toBe('Offline — 1 change waiting')
      expect(await spaceNames(tab)).toEqual(['Kept', 'Made offline'])

      // Back online: the session is checked with Clerk then, and the change arrives once.
      await browser.context.setOffline(false)
      // Playwright's offline emulation does not fire `online` in extension pages; Chrome does.
      await tab.evaluate(() => window.dispatchEvent(new Event('online')))
      await poll(() => syncStatus(tab).textContent()).toBe('Synced')
      await poll(() => harness.serverCounts(who.userId)).toEqual({ spaces: 2, groups: 1, bookmarks: 0 })
    }
  )
})
