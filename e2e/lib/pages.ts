// What the extension's end-to-end tests do on the new tab, the way a person does it.
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

export async function addBookmark(page: Page, url: string, title: string) {
  await page.getByRole('button', { name: 'New bookmark' }).click()
  await page.getByLabel('Address').fill(url)
  await page.getByLabel('Title').fill(title)
  await page.getByRole('button', { name: 'Add bookmark', exact: true }).click()
}
