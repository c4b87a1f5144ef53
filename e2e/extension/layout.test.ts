// The header and menus at many groups in Chromium, at 820 px: the tab strip scrolls and lists what does not fit,
// the open tab stays in view, arrows move between tabs, and menus open whole, also on right-click.
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ExtensionBrowser, launchExtension } from '../lib/extension.ts'
import { makeLibrary, seedLibrary } from '../lib/seed.ts'

let browser: ExtensionBrowser
let page: Page

beforeAll(async () => {
  browser = await launchExtension()
  page = await browser.newTab()
  await page.setViewportSize({ width: 820, height: 700 })
  await seedLibrary(page, makeLibrary({ spaces: 1, groupsPerSpace: 30, bookmarks: 90 }))
  await page.reload()
  await page.goto(browser.url('#/space/space_seed0/group_seed0x0'))
  await page.getByRole('tab', { name: 'Group 1', exact: true }).waitFor()
})

afterAll(async () => {
  await browser?.close()
})

const strip = () => page.getByRole('tablist', { name: 'Groups' })

/** Whether `locator` is on screen and is what the window shows at its centre (nothing covers or clips it). */
async function shownWhole(locator: Locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect()
    const inWindow =
      r.left >= 0 && r.top >= 0 && r.right <= window.innerWidth && r.bottom <= window.innerHeight
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
    return inWindow && r.width > 0 && (top === el || el.contains(top))
  })
}

describe('the group tab strip at 30 groups', () => {
  it('has no scrollbar, scrolls with the wheel, and lists every group in an overflow menu', async () => {
    const size = await strip().evaluate((el) => ({
      offset: (el as HTMLElement).offsetHeight,
      client: el.clientHeight
    }))
    expect(size.offset).toBe(size.client)
    await strip().hover()
    await page.mouse.wheel(0, 400)
    await expect.poll(() => strip().evaluate((el) => el.scrollLeft)).toBeGreaterThan(0)

    await page.getByRole('button', { name: 'All groups (30)' }).click()
    const all = page.getByRole('menu')
    await expect.poll(() => all.getByRole('menuitem').count()).toBe(30)
    await all.getByRole('menuitem', { name: 'Group 30', exact: true }).click()
    const last = page.getByRole('tab', { name: 'Group 30', exact: true })
    await expect.poll(() => last.getAttribute('aria-selected')).toBe('true')
    // The open tab is scrolled into view.
    await expect.poll(() => shownWhole(last)).toBe(true)
  })

  it('moves focus between tabs with the arrow keys, Home and End', async () => {
    await page.getByRole('tab', { name: 'Group 30', exact: true }).focus()
    await page.keyboard.press('ArrowLeft')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Group 29')
    await page.keyboard.press('Home')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Group 1')
    await page.keyboard.press('End')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Group 30')
  })
})

describe('the sidebar at 820 px', () => {
  it('starts folded to icons, opens and folds on request, and keeps the choice', async () => {
    const nav = page.getByRole('navigation', { name: 'Spaces' })
    const width = () => nav.evaluate((el) => el.getBoundingClientRect().width)
    expect(await width()).toBeLessThan(80)
    // Folded, a space is still named for screen readers and by its tooltip.
    await expect.poll(() => page.getByRole('link', { name: 'Space 1' }).count()).toBe(1)
    await page.getByRole('button', { name: 'Expand the sidebar' }).click()
    await expect.poll(width).toBeGreaterThan(200)
    await page.reload()
    await page.getByRole('tab').first().waitFor()
    expect(await width()).toBeGreaterThan(200)
    await page.getByRole('button', { name: 'Collapse the sidebar' }).click()
    await expect.poll(width).toBeLessThan(80)
  })
})

describe('menus', () => {
  it('open whole beside a tab and a first-column tile, and at the pointer on right-click', async () => {
    const tab = page.locator('.tab').filter({ has: page.getByRole('tab', { name: 'Group 30', exact: true }) })
    await tab.hover()
    await page.getByRole('button', { name: 'Group Group 30 actions' }).click()
    await expect.poll(() => shownWhole(page.getByRole('menuitem', { name: 'Edit' }))).toBe(true)
    await expect.poll(() => shownWhole(page.getByRole('menuitem', { name: 'Delete' }))).toBe(true)
    await page.keyboard.press('Escape')

    const tile = page.locator('[data-bookmark-id]').first()
    await tile.hover()
    await tile.getByRole('button', { name: /actions$/ }).click()
    await expect.poll(() => shownWhole(page.getByRole('menuitem', { name: 'Pin to the front' }))).toBe(true)
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByRole('menu').count()).toBe(0)

    const box = await tile.boundingBox()
    await tile.click({ button: 'right', position: { x: 20, y: 20 } })
    const edit = page.getByRole('menuitem', { name: 'Edit' })
    await expect.poll(() => shownWhole(edit)).toBe(true)
    const menuBox = await page.getByRole('menu').boundingBox()
    expect(Math.abs((menuBox?.x ?? 0) - ((box?.x ?? 0) + 20))).toBeLessThan(2)
    await edit.click()
    await expect.poll(() => page.getByRole('dialog').count()).toBe(1)
  })
})

describe('the keyboard on tiles', () => {
  it('moves between tiles with the arrows, deletes with Delete, undoes with Ctrl+Z, and lists the shortcuts on ?', async () => {
    await seedLibrary(page, makeLibrary({ spaces: 1, groupsPerSpace: 1, bookmarks: 20 }))
    await page.reload()
    await page.goto(browser.url('#/space/space_seed0/group_seed0x0'))
    const title = () =>
      page.evaluate(() => document.activeElement?.closest('[data-bookmark-id]')?.textContent)
    const first = page.locator('[data-bookmark-id] .tile-link').first()
    await first.waitFor()
    // One Tab stop for the grid: the other tiles and the tiles' menu buttons are reached with the arrows.
    expect(await page.locator('.grid [tabindex="0"]').count()).toBe(1)
    await first.focus()
    await page.keyboard.press('ArrowRight')
    expect(await title()).toContain('Site 2')
    const columns = await page.evaluate(() => {
      const tops = Array.from(document.querySelectorAll('[data-bookmark-id]')).map(
        (t) => t.getBoundingClientRect().top
      )
      return tops.filter((top) => top === tops[0]).length
    })
    await page.keyboard.press('ArrowDown')
    expect(await title()).toContain(`Site ${2 + columns}`)
    await page.keyboard.press('End')
    expect(await title()).toContain('Site 20')

    await page.keyboard.press('Delete')
    await page
      .getByRole('dialog', { name: 'Delete bookmark?' })
      .getByRole('button', { name: 'Delete' })
      .click()
    await expect.poll(() => page.locator('[data-bookmark-id]').count()).toBe(19)
    await page.keyboard.press('Control+z')
    await expect.poll(() => page.locator('[data-bookmark-id]').count()).toBe(20)

    await page.locator('[data-bookmark-id] .tile-link').first().focus()
    await page.keyboard.press('Shift+F10')
    await page.getByRole('menuitem', { name: 'Archive' }).click()
    await expect.poll(() => page.locator('[data-bookmark-id]').count()).toBe(19)
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => page.locator('[data-bookmark-id]').count()).toBe(20)

    await page.locator('body').press('?')
    await expect.poll(() => page.getByRole('dialog', { name: 'Keyboard shortcuts' }).count()).toBe(1)
  })
})
