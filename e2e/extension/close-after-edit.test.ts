// A change survives closing the tab right after it: the page shows a change at once and stores it a moment
// later, and a person who pins a tile and presses Ctrl+W in the same breath must find it pinned in the next tab.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ExtensionBrowser, launchExtension } from '../lib/extension.ts'
import { makeLibrary, seedLibrary } from '../lib/seed.ts'

let browser: ExtensionBrowser

// A library large enough that storing a change takes real work (the group's record is rewritten).
const library = makeLibrary({ spaces: 2, groupsPerSpace: 5, bookmarks: 5_000, groupSizes: [250] })
const GROUP = 'group_seed0x0'
const firstTiles = Object.values(library.bookmarks)
  .filter((b) => b.groupId === GROUP)
  .sort((a, b) => (String(a.position) < String(b.position) ? -1 : 1))
  .slice(0, 6)
  .map((b) => b.id)

/** A new tab on the group, once the whole library is in (changes then apply at once, as a person's do). */
async function openLoaded(): Promise<Page> {
  const page = await browser.newTab()
  await page.waitForFunction(() => performance.getEntriesByName('library-loaded').length > 0)
  return page
}

beforeAll(async () => {
  browser = await launchExtension()
  const setup = await browser.newTab()
  await seedLibrary(setup, library)
  await setup.evaluate((group) => {
    localStorage.setItem('bookmarks-index:last-space', 'space_seed0')
    localStorage.setItem('bookmarks-index:last-group:space_seed0', group)
  }, GROUP)
  // The first open migrates the seeded layout; closed once that is stored.
  await (await openLoaded()).close()
  await setup.close()
})

afterAll(async () => {
  await browser?.close()
})

describe('closing the tab right after a change', () => {
  it('keeps every pin made just before the tab closed', async () => {
    for (const id of firstTiles) {
      const page = await openLoaded()
      await page.locator(`[data-bookmark-id="${id}"] .tile-link`).click({ button: 'right' })
      await page.getByRole('menuitem', { name: 'Pin to the front' }).waitFor()
      // The click and the close go out back to back, as a click and Ctrl+W do: the page gets no time in between.
      const clicked = page
        .evaluate(() =>
          Array.from(document.querySelectorAll<HTMLElement>('[role="menuitem"]'))
            .find((el) => el.textContent?.trim() === 'Pin to the front')
            ?.click()
        )
        .catch(() => undefined)
      await page.close()
      await clicked
    }
    const page = await openLoaded()
    const pinned = await page.evaluate(() =>
      Array.from(document.querySelectorAll('[data-bookmark-id]'))
        .filter((tile) => tile.querySelector('.pin'))
        .map((tile) => tile.getAttribute('data-bookmark-id'))
    )
    expect(pinned.sort()).toEqual([...firstTiles].sort())
    await page.close()
  })
})
