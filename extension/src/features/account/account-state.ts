// What the first paint needs to know about the account, and nothing heavy: who is signed in (remembered in
// localStorage, so the page opens on that account's data at once) and the sync status. Sign-in, the API client
// and the sync engine live in account.ts, which is imported lazily.
import { createSignal } from 'solid-js'
import { signInAvailable } from '../../config'
import { readLocal, writeLocal } from '../../local-storage'
import type { DataStore } from '../../store/data-store'
import type { SyncStatus } from '../../store/sync/engine'

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

const [signedInAs, setSignedInAs] = createSignal<string | null>(null)
/** What the menu calls the signed-in account (its email address, or its id). */
const [accountLabel, setAccountLabel] = createSignal<string | null>(null)
const [syncStatus, setSyncStatus] = createSignal<SyncStatus | null>(null)
const [busy, setBusy] = createSignal(false)

export {
  accountLabel,
  busy,
  setAccountLabel,
  setBusy,
  setSignedInAs,
  setSyncStatus,
  signedInAs,
  signInAvailable,
  syncStatus
}

const controller = () => import('./account')

/** Restores a remembered session after the first paint (never before: it loads the sign-in code). */
export async function restoreSession(store: DataStore): Promise<void> {
  if (!signInAvailable) return
  const { restore } = await controller()
  await restore(store)
}

export async function signIn(store: DataStore): Promise<void> {
  const { signIn: run } = await controller()
  await run(store)
}

export async function signOut(store: DataStore): Promise<void> {
  const { signOut: run } = await controller()
  await run(store)
}
