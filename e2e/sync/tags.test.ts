// Tags on bookmarks as a person uses them in Chromium: added in the dialog, shown on tiles, found by search,
// filtered across spaces, synced to a second profile of the same account, and kept by export and import.
import { randomUUID } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { launchExtension } from '../lib/extension.ts'
import {
  createSpaceGroup,
  EXTENSION_ORIGIN,
  menu,
  poll,
  syncStatus,
  tiles,
  useExtensionServer
} from './extension-harness.ts'

const harness = useExtensionServer('tags')

async function addTagged(page: Page, url: string, title: string, tags: string) {
  await page.getByRole('button', { name: 'New bookmark' }).click()
  await page.getByLabel('Address').fill(url)
  await page.getByLabel('Title').fill(title)
  await page.getByLabel('Tags (separated by commas)').fill(tags)
  await page.getByRole('button', { name: 'Add bookmark', exact: true }).click()
}

const tileTags = (page: Page, title: string) =>
  page.locator('[data-bookmark-id]', { hasText: title }).locator('.tile-tags a').allTextContents()

describe('bookmark tags', () => {
  it('are added, shown, searched, filtered across spaces, synced to another profile, and exported and imported', async () => {
    const user = `user_tags_${randomUUID().slice(0, 8)}`
    const dist = harness.buildFor(user, await harness.server.tokenFor(user, EXTENSION_ORIGIN))
    const first = harness.track(await launchExtension({ dist }))
    const page = await first.newTab()
    await page.getByText('Make your first space').waitFor()
    await menu(page, 'Sign in')
    await poll(() => syncStatus(page).textContent()).toBe('Synced')

    await createSpaceGroup(page, 'Work', 'Docs')
    await addTagged(page, 'https://tokio.rs/', 'Tokio', '#Rust, async io')
    await addTagged(page, 'https://serde.rs/', 'Serde', 'rust')
    await poll(() => tileTags(page, 'Tokio')).toEqual(['#Rust', '#async io'])
    // A second space, with the same tag written another way.
    await page.getByRole('button', { name: 'New space' }).click()
    await page.getByLabel('Name').fill('Home')
    await page.getByRole('button', { name: 'Create space' }).click()
    await page.getByRole('button', { name: 'Create a group' }).click()
    await page.getByLabel('Name').fill('Reading')
    await page.getByRole('button', { name: 'Create group' }).click()
    await addTagged(page, 'https://doc.rust-lang.org/book/', 'The Book', 'RUST, reading')

    // Search: #tag matches tags only; a plain word also finds a tag.
    await page.keyboard.press('/')
    const search = page.getByRole('combobox', { name: 'Search bookmarks' })
    await search.fill('#rust')
    const results = page.getByRole('listbox', { name: 'Results' }).getByRole('option')
    await poll(async () => (await results.allTextContents()).length).toBe(3)
    await search.fill('async')
    await poll(() => results.allTextContents()).toEqual([expect.stringContaining('Tokio')])
    await page.keyboard.press('Escape')

    // The filter: a tile's tag opens every bookmark with that tag, across spaces.
    await page
      .locator('[data-bookmark-id]', { hasText: 'The Book' })
      .getByRole('link', { name: '#RUST' })
      .click()
    await poll(() => page.locator('.tag-count').textContent()).toBe('3 bookmarks in 2 spaces')
    await poll(() => tiles(page).allTextContents()).toEqual(['Tokio', 'Serde', 'The Book'])
    // The sidebar lists every tag with its count.
    await page.getByText('Tags', { exact: true }).click()
    await poll(() => page.getByRole('list', { name: 'Tags' }).getByRole('link').allTextContents()).toEqual([
      '#Rust3',
      '#async io1',
      '#reading1'
    ])

    // An edit changes the tags, and everything reaches the account.
    await page.locator('[data-bookmark-id]', { hasText: 'Serde' }).hover()
    await page.getByRole('button', { name: 'Bookmark Serde actions' }).click()
    await page.getByRole('menuitem', { name: 'Edit', exact: true }).click()
    await page.getByLabel('Tags (separated by commas)').fill('rust, serialization')
    await page.getByRole('button', { name: 'Save' }).click()
    await poll(() => tileTags(page, 'Serde')).toEqual(['#rust', '#serialization'])
    await poll(() => harness.serverCounts(user)).toEqual({ spaces: 2, groups: 2, bookmarks: 3 })
    await poll(() => syncStatus(page).textContent()).toBe('Synced')

    // A second profile of the same account gets the tags through sync.
    const second = harness.track(await launchExtension({ dist }))
    const other = await second.newTab()
    await other.getByRole('button', { name: 'User menu' }).waitFor()
    await menu(other, 'Sign in')
    await poll(() => syncStatus(other).textContent()).toBe('Synced')
    await other.goto(second.url('#/tag/serialization'))
    await poll(() => tiles(other).allTextContents()).toEqual(['Serde'])
    await poll(() => tileTags(other, 'Serde')).toEqual(['#rust', '#serialization'])

    // Export HTML keeps tags as TAGS="…"; a fresh browser imports them back.
    await other.getByRole('button', { name: 'User menu' }).click()
    await other.getByRole('menuitem', { name: 'Import & export…' }).click()
    const [download] = await Promise.all([
      other.waitForEvent('download'),
      other.getByRole('button', { name: 'Export HTML' }).click()
    ])
    const html = readFileSync((await download.path()) ?? '', 'utf8')
    expect(html).toMatch(/HREF="https:\/\/tokio\.rs\/"[^>]* TAGS="Rust,async io">Tokio</)
    const [json] = await Promise.all([
      other.waitForEvent('download'),
      other.getByRole('button', { name: 'Export JSON' }).click()
    ])
    const data = JSON.parse(readFileSync((await json.path()) ?? '', 'utf8')) as {
      bookmarks: { title: string; tags: string[] }[]
    }
    expect(data.bookmarks.map((b) => [b.title, b.tags])).toContainEqual(['The Book', ['RUST', 'reading']])

    // A fresh browser imports the HTML back with its tags (the JSON restore is covered in netscape.test.ts).
    const file = join(harness.temp, 'export.html')
    writeFileSync(file, html)
    const fresh = harness.track(await launchExtension({ dist }))
    const tab = await fresh.newTab()
    await tab.getByText('Make your first space').waitFor()
    await tab.getByRole('button', { name: 'User menu' }).click()
    await tab.getByRole('menuitem', { name: 'Import & export…' }).click()
    await tab.locator('input[type=file]').setInputFiles(file)
    await poll(() => tab.getByRole('status').textContent()).toMatch(/Imported 3 bookmarks/)
    await tab.getByRole('button', { name: 'Close' }).click()
    await tab.goto(fresh.url('#/tag/rust'))
    await poll(() => tiles(tab).allTextContents()).toEqual(['Tokio', 'Serde', 'The Book'])
    await poll(() => tileTags(tab, 'The Book')).toEqual(['#RUST', '#reading'])
  })
})
