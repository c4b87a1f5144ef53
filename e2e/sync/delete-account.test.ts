// ☰ → "Delete account data…" in real Chromium against the real Worker and PostgreSQL: the server keeps nothing of
// the account, the browser is signed out with its copy kept as signed-out data or removed, as the person chose;
// offline, nothing is deleted anywhere and the page stays signed in.
import { randomUUID } from 'node:crypto'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { expectData } from '../../extension/src/api/client.ts'
import { launchExtension } from '../lib/extension.ts'
import { clientFor } from './device.ts'
import {
  addBookmark,
  createSpaceGroup,
  EXTENSION_ORIGIN,
  menu,
  poll,
  spaceNames,
  syncStatus,
  tiles,
  useExtensionServer
} from './extension-harness.ts'

const harness = useExtensionServer('delete-account')

/** The spaces the server lists for `user`, asked with the user's own token (archived ones too). */
async function serverSpaces(user: string): Promise<string[]> {
  const client = clientFor(harness.server.url, () => harness.server.tokenFor(user, EXTENSION_ORIGIN))
  const page = expectData(await client.GET('/v1/spaces', { params: { query: { includeArchived: 'true' } } }))
  return page.items.map((s) => s.name)
}

/** The IndexedDB records this browser keeps for `account` (its data, outbox and sync state). */
const storedKeys = (page: Page, account: string) =>
  page.evaluate(
    (a) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('bookmarks-index')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const keys = open.result.transaction('kv').objectStore('kv').getAllKeys()
          keys.onsuccess = () => resolve((keys.result as string[]).filter((k) => String(k).includes(a)))
          keys.onerror = () => reject(keys.error)
        }
      }),
    account
  )

async function deleteAccountData(page: Page, copy: 'Keep it' | 'Remove it') {
  await menu(page, 'Delete account data…')
  const dialog = page.getByRole('dialog', { name: 'Delete your account data?' })
  await dialog
    .getByLabel(copy === 'Keep it' ? /^Keep it in this browser/ : /^Remove it from this browser/)
    .check()
  await dialog.getByLabel('Type “delete” to confirm').fill('delete')
  await dialog.getByRole('button', { name: 'Delete account data' }).click()
  return dialog
}

const signedOut = async (page: Page) => {
  await page.getByRole('button', { name: 'User menu' }).click()
  const signIn = await page.getByRole('menuitem', { name: 'Sign in' }).count()
  await page.keyboard.press('Escape')
  return signIn === 1 && (await syncStatus(page).count()) === 0
}

describe('deleting the account’s data from the user menu', () => {
  it('leaves the server nothing of the account and keeps this browser’s copy as signed-out data', async () => {
    const user = `user_delete_${randomUUID().slice(0, 8)}`
    const browser = harness.track(
      await launchExtension({
        dist: harness.buildFor(user, await harness.server.tokenFor(user, EXTENSION_ORIGIN))
      })
    )
    // Made signed out, uploaded by the first sign-in, then added to signed in.
    const page = await browser.newTab()
    await createSpaceGroup(page, 'Reading', 'Later')
    await addBookmark(page, 'https://example.com/before', 'Made before signing in')
    await menu(page, 'Sign in')
    await poll(() => syncStatus(page).textContent()).toBe('Synced')
    await addBookmark(page, 'https://example.com/signed-in', 'Made signed in')
    await poll(() => harness.serverCounts(user)).toEqual({ spaces: 1, groups: 1, bookmarks: 2 })

    const dialog = await deleteAccountData(page, 'Keep it')
    await dialog.waitFor({ state: 'detached' })

    expect(await serverSpaces(user)).toEqual([])
    expect(await harness.serverCounts(user)).toEqual({ spaces: 0, groups: 0, bookmarks: 0 })
    await poll(() => signedOut(page)).toBe(true)
    await poll(() => spaceNames(page)).toEqual(['Reading'])
    await poll(() => tiles(page).allTextContents()).toEqual(['Made before signing in', 'Made signed in'])
    expect(await storedKeys(page, user)).toEqual([])
    // Kept through a reload: it is the signed-out library now, not a view of the account.
    await page.reload()
    await poll(() => tiles(page).allTextContents()).toEqual(['Made before signing in', 'Made signed in'])
  }, 120_000)

  it('offline deletes nothing and stays signed in; online again it deletes, and removes this browser’s copy as asked', async () => {
    const user = `user_delete_${randomUUID().slice(0, 8)}`
    const browser = harness.track(
      await launchExtension({
        dist: harness.buildFor(user, await harness.server.tokenFor(user, EXTENSION_ORIGIN))
      })
    )
    const page = await browser.newTab()
    await page.getByRole('button', { name: 'User menu' }).waitFor()
    await menu(page, 'Sign in')
    await poll(() => syncStatus(page).textContent()).toBe('Synced')
    await createSpaceGroup(page, 'Work', 'Docs')
    await addBookmark(page, 'https://example.com/account', 'In the account')
    await poll(() => harness.serverCounts(user)).toEqual({ spaces: 1, groups: 1, bookmarks: 1 })

    // Offline, asked to keep the copy: the copy made for the signed-out library is taken back out again.
    await browser.context.setOffline(true)
    const dialog = await deleteAccountData(page, 'Keep it')
    await expect
      .poll(() => dialog.getByRole('alert').textContent(), { timeout: 15_000 })
      .toBe(
        'That did not work: you are offline, so the server could not be asked. Nothing changed in this browser, ' +
          'and you are still signed in.'
      )
    expect(await harness.serverCounts(user)).toEqual({ spaces: 1, groups: 1, bookmarks: 1 })
    expect(await tiles(page).allTextContents()).toEqual(['In the account'])
    expect(await syncStatus(page).count()).toBe(1)

    await browser.context.setOffline(false)
    await dialog.getByLabel(/^Remove it from this browser/).check()
    await dialog.getByRole('button', { name: 'Delete account data' }).click()
    await dialog.waitFor({ state: 'detached' })
    expect(await serverSpaces(user)).toEqual([])
    await poll(() => signedOut(page)).toBe(true)
    // Removed as asked, and nothing is left of the failed try's copy: the signed-out library is as it was (empty).
    await page.getByText('Make your first space').waitFor()
    expect(await storedKeys(page, user)).toEqual([])
  }, 120_000)
})
