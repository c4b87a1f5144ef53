// "Delete account data": DELETE /v1/me, with this browser's copy of the account kept as signed-out data when the
// person asks, and a failure said in words; either everything happens or nothing changes here.
import { ApiError } from '../api/client'
import { planRestore } from '../features/import-export/backup'
import { applyMutation } from '../store/apply'
import { LOCAL_ACCOUNT, loadData, saveChange } from '../store/cache'
import { now } from '../store/ids'
import { withSyncLock } from '../store/sync/engine'
import { type DataState, emptyState } from '../store/types'
import { api } from './api-client'

const sentence = (text: string) => text.replace(/\.?$/, '.')

/** Why the server did not delete the data, as the dialog says it after "That did not work:". */
export function whyNotDeleted(error: unknown): string {
  if (!(error instanceof ApiError)) return sentence(error instanceof Error ? error.message : String(error))
  if (error.status === 0)
    return typeof navigator !== 'undefined' && navigator.onLine === false
      ? 'you are offline, so the server could not be asked.'
      : `the server could not be reached (${error.message}). Trying again is safe.`
  if (error.status === 401) return 'your session has ended. Sign out, sign in again, then try again.'
  if ([502, 503, 504].includes(error.status))
    return `the server is unavailable right now (HTTP ${error.status}). Try again later.`
  return `the server answered HTTP ${error.status}: ${sentence(error.message)}`
}

/**
 * The account's copy with the signed-out library added to it: where both have an item, the account's (the newer:
 * it was uploaded from there, or made since); what only the signed-out library has is added after it, and
 * bookmarks whose address the account has are not added twice. Nothing of either side is left out.
 */
export function keptLibrary(account: DataState, signedOut: DataState): DataState {
  const merged = structuredClone(account)
  const at = now()
  for (const m of planRestore(account, signedOut, 'merge', true).mutations) applyMutation(merged, m, at)
  return merged
}

const replaceLibrary = (account: string, data: DataState) =>
  saveChange(
    account,
    (draft) => {
      draft.spaces = data.spaces
      draft.groups = data.groups
      draft.bookmarks = data.bookmarks
    },
    []
  )

/**
 * Deletes the account's data on the server. With `keepCopy`, this browser's copy of the account joins the
 * signed-out library first and is taken back out if the server does not delete, so that a failure leaves both
 * libraries as they were. Holds the profile's sync lock throughout: no sync cycle (another tab, the offscreen
 * document) can push into the account or pull its emptied state between the copy and the deletion.
 */
export async function deleteAccount(userId: string, options: { keepCopy: boolean }): Promise<void> {
  await withSyncLock(async () => {
    let before: DataState | undefined
    if (options.keepCopy) {
      before = (await loadData(LOCAL_ACCOUNT)) ?? emptyState()
      await replaceLibrary(LOCAL_ACCOUNT, keptLibrary((await loadData(userId)) ?? emptyState(), before))
    }
    try {
      await api.DELETE('/v1/me')
    } catch (error) {
      if (before) await replaceLibrary(LOCAL_ACCOUNT, before)
      throw new Error(whyNotDeleted(error))
    }
  })
}
