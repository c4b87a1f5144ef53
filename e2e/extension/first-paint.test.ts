// The first-paint copy (extension/src/first-paint.ts): a new tab shows the start view as the last tab left it
// before the app's code has run, the app replaces it with the same tiles, and a change makes it go until a page
// that shows the change is left, so a new tab never paints a stale copy.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ExtensionBrowser, launchExtension } from '../lib/extension.ts'
import { tiles } from '../lib/pages.ts'
import { makeLibrary, seedLibrary } from '../lib/seed.ts'

let browser: ExtensionBrowser
let setup: Page

const library = makeLibrary({ spaces: 2, groupsPerSpace: 3, bookmarks: 900, groupSizes: [300] })
const GROUP = 'group_seed0x0'
const KEY = 'bookmarks-index:first-paint'

const copy = () => setup.evaluate((key) => localStorage.getItem(key), KEY)

/**
 * The titles of the tiles in the window, what the person sees: the grid renders more rows around the view once its
 * first frame is on screen (virtual-grid.ts), so the rendered list depends on when it is read; the view does not.
 */
const inView = (page: Page) =>
  tiles(page).evaluateAll((titles) =>
    titles
      .filter((title) => {
        const r = title.getBoundingClientRect()
        return r.bottom > 0 && r.right > 0 && r.top < window.innerHeight && r.left < window.innerWidth
      })
      .map((title) => title.textContent ?? '')
  )

/** A new tab once the whole library is in; whether the first-paint copy was put on it, and its first tiles. */
async function openLoaded(): Promise<{ page: Page; copied: boolean }> {
  const page = await browser.newTab()
  await page.waitForFunction(() => performance.getEntriesByName('library-loaded').length > 0)
  const copied = await page.evaluate(() => performance.getEntriesByName('first-paint-copy').length > 0)
  return { page, copied }
}

beforeAll(async () => {
  browser = await launchExtension()
  // The extension's origin without the app: its localStorage is the one the new tab reads.
  setup = await browser.context.newPage()
  await setup.goto(browser.url().replace('index.html', 'manifest.json'))
  await seedLibrary(setup, library)
  await setup.evaluate((group) => {
    localStorage.setItem('bookmarks-index:last-space', 'space_seed0')
    localStorage.setItem('bookmarks-index:last-group:space_seed0', group)
  }, GROUP)
})

afterAll(async () => {
  await browser?.close()
})

describe('the first-paint copy', () => {
  it('is kept when a tab on the start view goes, shown by the next tab, and replaced by the same tiles', async () => {
    const first = await openLoaded()
    expect(first.copied).toBe(false)
    const shown = await inView(first.page)
    expect(shown.length).toBeGreaterThan(0)
    await first.page.close()
    await expect.poll(copy).not.toBeNull()

    const next = await openLoaded()
    expect(next.copied).toBe(true)
    await expect.poll(() => inView(next.page)).toEqual(shown)
    // Replaced, not doubled: one app in the page, and the copy's marker gone.
    expect(await next.page.locator('#root > .app').count()).toBe(1)
    expect(await next.page.locator('#root[data-first-paint]').count()).toBe(0)
    await next.page.close()
  })

  it('goes with a change, so the next tab paints none, and comes back with the change once the page is left', async () => {
    const { page } = await openLoaded()
    const id = await page.locator('[data-bookmark-id]').first().getAttribute('data-bookmark-id')
    await page.locator(`[data-bookmark-id="${id}"] .tile-link`).click({ button: 'right' })
    await page.getByRole('menuitem', { name: 'Pin to the front' }).click()
    await expect.poll(copy).toBeNull()
    const meanwhile = await openLoaded()
    expect(meanwhile.copied).toBe(false)
    await meanwhile.page.close()
    await page.close()
    await expect
      .poll(async () => (JSON.parse((await copy()) ?? 'null') as { html: string } | null)?.html)
      .toContain('class="pin"')

    const after = await openLoaded()
    expect(after.copied).toBe(true)
    await expect.poll(() => after.page.locator(`[data-bookmark-id="${id}"] .pin`).count()).toBe(1)
    await after.page.close()
  })

  it('keeps a shortcut pressed while it shows, before the app listens, and the app then acts on it', async () => {
    await (await openLoaded()).page.close()
    await expect.poll(copy).not.toBeNull()
    const page = await browser.context.newPage()
    // Pressed the moment the copy is on the page: public/first-paint.js has run, the app's module has not.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (!document.querySelector('#root[data-first-paint]')) return
        observer.disconnect()
        window.dispatchEvent(new KeyboardEvent('keydown', { key: '/', bubbles: true, cancelable: true }))
        performance.mark('key-while-copy')
      }).observe(document, { subtree: true, childList: true, attributes: true })
    })
    await page.goto('chrome://newtab/')
    await page.waitForFunction(() => performance.getEntriesByName('library-loaded').length > 0)
    expect(await page.evaluate(() => performance.getEntriesByName('key-while-copy').length)).toBe(1)
    await page.getByRole('combobox', { name: 'Search bookmarks' }).waitFor()
    await page.close()
  })

  it('is not shown when the cached view is gone (the very first open paints from IndexedDB)', async () => {
    await (await openLoaded()).page.close()
    await expect.poll(copy).not.toBeNull()
    await setup.evaluate(() => localStorage.removeItem('bookmarks-index:view:local'))
    const { page, copied } = await openLoaded()
    expect(copied).toBe(false)
    await page.close()
  })
})
