// What the extension's end-to-end tests do on the new tab, the way a person does it.
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'

export const tiles = (page: Page) =>
  page.getByRole('list', { name: 'Bookmarks' }).locator('[data-bookmark-id] .tile-title')

export async function createSpaceGroup(page: Page, space: string, group: string) {
  await page.getByRole('button', { name: 'Create a space' }).click()
  await page.getByLabel('Name').fill(space)
  await page.getByRole('button', { name: 'Create space' }).click()
  await page.getByRole('button', { name: 'Create a group' }).click()
  await page.getByLabel('Name').fill(group)
  await page.getByRole('button', { name: 'Create group' }).click()
}

/** Opens a tile's ⋯ menu and picks `action` (Edit, Delete…); the tile is found by its bookmark id. */
export async function bookmarkAction(page: Page, bookmarkId: string, action: string) {
  const tile = page.locator(`[data-bookmark-id="${bookmarkId}"]`)
  await tile.hover()
  await tile.getByRole('button', { name: /^Bookmark .*actions$/s }).click()
  await page.getByRole('menuitem', { name: action, exact: true }).click()
}

export async function openImportExport(page: Page) {
  await page.getByRole('button', { name: 'User menu' }).click()
  await page.getByRole('menuitem', { name: 'Import & export…' }).click()
}

/** Clicks Export JSON backup in the open Import & export dialog; the file's text. */
export async function exportBackup(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSON backup' }).click()
  ])
  const path = await download.path()
  if (!path) throw new Error('the backup download has no file')
  return readFileSync(path, 'utf8')
}

export async function addBookmark(page: Page, url: string, title: string) {
  await page.getByRole('button', { name: 'New bookmark' }).click()
  await page.getByLabel('Address').fill(url)
  await page.getByLabel('Title').fill(title)
  await page.getByRole('button', { name: 'Add bookmark', exact: true }).click()
}
