// Signed-in life of the new tab (loaded lazily, after the first paint): sign in, the first sign-in's migration,
// the sync engine while signed in, and sign-out, which removes the account's cached data from this browser.
import { clearAccount, LOCAL_ACCOUNT, loadOutbox } from '../store/cache'
import { showError } from '../ui/toast'
import { openDialog } from '../view-state'
import { setTokenProvider } from './api-client'
import { migrate } from './migration'
import { loadProvider } from './provider'
import { ACCOUNT_KEY, rememberAccount } from './remembered-account'
import { startSync, stopSync, syncNow } from './sync'

export { releaseSetAside, setAsideList } from './sync'

import type { Session, SessionHost } from './types'

let session: Session | undefined

// Another new tab signed in or out: this one follows, rather than keep syncing an account that has left.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === ACCOUNT_KEY) location.reload()
  })
}

/** Switches the page to the session's account and keeps it in sync until sign-out. */
async function connect(host: SessionHost, next: Session): Promise<void> {
  const { store } = host
  stopSync()
  session = next
  const userId = next.userId
  setTokenProvider(() => next.getToken())
  rememberAccount(userId)
  if (store.account() !== userId || !store.ready()) await store.load(userId)
  host.setSignedInAs(userId)
  host.setAccountLabel(next.label ?? userId)
  host.setSyncStatus({ state: 'syncing', pending: (await loadOutbox(userId)).length })
  try {
    await migrate(userId)
  } catch (error) {
    // Offline or the server refused: local changes still wait in the outbox, and the question comes back
    // on the next open (nothing was recorded as answered).
    showError(`Could not set up sync yet: ${error instanceof Error ? error.message : String(error)}`)
  }
  // Signed out (or in again) while the migration ran: that newer session owns the engine.
  if (session !== next) return
  startSync(store, userId, host.setSyncStatus)
}

/** After the first paint: resumes the remembered session, or goes back to local data if it has ended. */
export async function restore(host: SessionHost): Promise<void> {
  const { store } = host
  const provider = await loadProvider()
  const remembered = store.account() === LOCAL_ACCOUNT ? undefined : store.account()
  const found = provider ? await provider.restore(remembered) : null
  if (found) await connect(host, found)
  // The session ended without a sign-out here (expired, or another user's build): show the signed-out data,
  // but keep the account's data and outbox for when it signs in again, so that nothing waiting is lost.
  else if (remembered) await leave(host, remembered, { keepData: true })
}

export async function signIn(host: SessionHost): Promise<void> {
  const provider = await loadProvider()
  if (!provider) throw new Error('This build has no sign-in')
  host.setBusy(true)
  try {
    const next = await provider.signIn()
    if (next) await connect(host, next)
  } finally {
    host.setBusy(false)
  }
}

/** Back to the signed-out data; on sign-out the account's data, outbox and sync state leave this browser. */
async function leave(host: SessionHost, userId: string, options: { keepData?: boolean } = {}): Promise<void> {
  const { store } = host
  stopSync()
  store.onLocalChange(undefined)
  const ending = session
  session = undefined
  setTokenProvider(undefined)
  rememberAccount(undefined)
  host.setSignedInAs(null)
  host.setAccountLabel(null)
  host.setSyncStatus(null)
  await store.load(LOCAL_ACCOUNT)
  if (!options.keepData) {
    await clearAccount(userId)
  }
  await ending?.signOut()
  if (location.hash !== '' && location.hash !== '#/') location.hash = '#/'
  // Tests wait for this: the sign-in service has been told, and this page is where it will stay.
  performance.mark('session-left')
}

export async function signOut(host: SessionHost): Promise<void> {
  const userId = host.signedInAs()
  if (!userId) return
  // One last push, so that sign-out loses nothing that could still reach the account.
  await syncNow()
  const waiting = (await loadOutbox(userId)).length
  const run = () => void leave(host, userId).catch((e: unknown) => showError(String(e)))
  if (waiting === 0) return run()
  openDialog({
    kind: 'confirm',
    title: 'Sign out?',
    message: `${waiting === 1 ? '1 change has' : `${waiting} changes have`} not reached your account yet and will be lost.`,
    confirmLabel: 'Sign out',
    onConfirm: run
  })
}

/**
 * "Delete account data": everything the account holds on the server goes, then this browser signs out as on a
 * sign-out (the account's copy leaves it), keeping that copy as signed-out data when `keepCopy` says so. A
 * failure changes nothing: the page stays signed in and syncing, and the error says why.
 */
export async function deleteAccountData(host: SessionHost, options: { keepCopy: boolean }): Promise<void> {
  const userId = host.signedInAs()
  if (!userId) throw new Error('You are not signed in')
  // What is kept is the account as it is now, other devices' latest changes included (offline: as it was).
  await syncNow()
  stopSync()
  try {
    // Loaded only now: the merge it needs (the backup's restore plan, with zod) has no place in every new tab.
    const { deleteAccount } = await import('./delete-account')
    await deleteAccount(userId, options)
  } catch (error) {
    if (host.signedInAs() === userId) startSync(host.store, userId, host.setSyncStatus)
    throw error
  }
  await leave(host, userId)
}
