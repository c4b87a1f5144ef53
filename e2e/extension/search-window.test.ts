// Search at library scale in Chromium: the result list holds only the rows in view, and the arrow keys still reach
// every result, the list scrolling to each one.

import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ExtensionBrowser, launchExtension } from '../lib/extension.ts'
import { tiles } from '../lib/pages.ts'
import { makeLibrary, seedLibrary } from '../lib/seed.ts'

let browser: ExtensionBrowser
let page: Page

beforeAll(async () => {
  browser = await launchExtension()
  page = await browser.newTab()
  await seedLibrary(page, makeLibrary({ spaces: 2, groupsPerSpace: 3, bookmarks: 2_000 }))
  await page.reload()
  await tiles(page).first().waitFor()
})

afterAll(async () => {
  await browser?.close()
})

const options = () => page.getByRole('option')
const selected = () => page.locator('[role="option"][aria-selected="true"]')
/** Whether the selected row lies inside the list's visible part. */
const selectedInView = () =>
  page.evaluate(() => {
    const row = document.querySelector('[role="option"][aria-selected="true"]')?.getBoundingClientRect()
    const list = document.getElementById('search-results')?.getBoundingClientRect()
    return !!row && !!list && row.top >= list.top - 1 && row.bottom <= list.bottom + 1
  })

describe('search results', () => {
  it('draws only the rows in view, and the arrow keys reach the last of 50 results and back', async () => {
    await page.keyboard.press('/')
    await page.getByRole('combobox', { name: 'Search bookmarks' }).fill('site')
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^The best 50 of 2000 matches/)
    const drawn = await options().count()
    expect(drawn).toBeGreaterThan(5)
    expect(drawn).toBeLessThan(25)

    const first = await selected().textContent()
    for (let i = 0; i < 49; i++) await page.keyboard.press('ArrowDown')
    await expect.poll(selectedInView).toBe(true)
    expect(await selected().textContent()).not.toBe(first)
    expect(await options().count()).toBeLessThan(25)
    // One more wraps round to the first result, at the top again.
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => selected().textContent()).toBe(first)
    expect(await selectedInView()).toBe(true)
    await page.keyboard.press('Escape')
  })
})
