// Which account the page opens on, remembered in localStorage, so that the first paint shows that account's
// cached data at once, before any sign-in code has loaded.
import { signInAvailable } from '../config'
import { readLocal, writeLocal } from '../local-storage'

export const ACCOUNT_KEY = 'bookmarks-index:account'

/** The account the page should open on: the signed-in user's id, or undefined (the local, signed-out data). */
export function rememberedAccount(): string | undefined {
  if (!signInAvailable) return undefined
  return readLocal(ACCOUNT_KEY) ?? undefined
}

/** Lost (storage blocked), the next page opens signed out and restores the session from the provider. */
export function rememberAccount(userId: string | undefined): void {
  writeLocal(ACCOUNT_KEY, userId || null)
}
