// Signed-in life of the new tab (loaded lazily, after the first paint): sign in, the first sign-in's migration,
// the sync engine while signed in, and sign-out, which removes the account's cached data from this browser.
import { api, setTokenProvider } from '../../api/client'
import { readLocal, writeLocal } from '../../local-storage'
import { clearAccount, LOCAL_ACCOUNT, loadData, loadOutbox } from '../../store/cache'
import type { DataStore } from '../../store/data-store'
import {
  createSyncEngine,
  describeRejection,
  type MigrationChoice,
  type MigrationPlan,
  planMigration,
  runMigration,
  type SyncEngine
} from '../../store/sync'
import { markMigrated } from '../../store/sync/meta'
import { emptyState } from '../../store/types'
import { showError } from '../../ui/toast'
import { openDialog } from '../../view-state'
import {
  ACCOUNT_KEY,
  rememberAccount,
  setAccountLabel,
  setBusy,
  setSignedInAs,
  setSyncStatus,
  signedInAs
} from './account-state'
import { loadProvider, type Session } from './session'

let engine: SyncEngine | undefined
let session: Session | undefined

// Another new tab signed in or out: this one follows, rather than keep syncing an account that has left.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === ACCOUNT_KEY) location.reload()
  })
}

/** The migration question is asked once per account in this browser, even across sign-outs. */
const askedKey = (userId: string) => `bookmarks-index:migration-asked:${userId}`
const wasAsked = (userId: string) => readLocal(askedKey(userId)) === '1'
// Lost (storage blocked), the question may come once more; the migration itself is safe to repeat.
const markAsked = (userId: string) => writeLocal(askedKey(userId), '1')

function stopEngine() {
  engine?.stop()
  engine = undefined
}

/** Shows the migration dialog and resolves once the chosen migration is done. */
function ask(plan: MigrationPlan, userId: string, local: Parameters<typeof runMigration>[0]['local']) {
  return new Promise<void>((resolve) => {
    const run = async (choice: MigrationChoice, onProgress: (sent: number, total: number) => void) => {
      const report = await runMigration({ client: api, account: userId, choice, local, onProgress })
      markAsked(userId)
      const left = report.rejected.length + report.skipped.length
      if (left > 0) showError(`${left} items could not be uploaded (they are kept on this device only).`)
    }
    openDialog({ kind: 'migration', plan, run, onDone: resolve })
  })
}

async function migrate(userId: string): Promise<void> {
  const local = (await loadData(LOCAL_ACCOUNT)) ?? emptyState()
  const plan = await planMigration(api, userId, local)
  if (plan.action === 'upload') {
    await runMigration({ client: api, account: userId, choice: 'upload', local })
    markAsked(userId)
  } else if (plan.action === 'ask') {
    if (wasAsked(userId)) await markMigrated(userId)
    else await ask(plan, userId, local)
  } else if (plan.action === 'pull') {
    await markMigrated(userId)
  }
}

/** Switches the page to the session's account and keeps it in sync until sign-out. */
async function connect(store: DataStore, next: Session): Promise<void> {
  stopEngine()
  session = next
  const userId = next.userId
  setTokenProvider(() => next.getToken())
  rememberAccount(userId)
  if (store.account() !== userId || !store.ready()) await store.load(userId)
  setSignedInAs(userId)
  setAccountLabel(next.label ?? userId)
  setSyncStatus({ state: 'syncing', pending: (await loadOutbox(userId)).length })
  try {
    await migrate(userId)
  } catch (error) {
    // Offline or the server refused: local changes still wait in the outbox, and the question comes back
    // on the next open (nothing was recorded as answered).
    showError(`Could not set up sync yet: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (session !== next) return
  engine = createSyncEngine({
    account: userId,
    client: api,
    applyRemote: store.applyRemote,
    onRejected: (list) => {
      for (const rejected of list) showError(describeRejection(rejected))
    },
    onStatus: setSyncStatus
  })
  store.onLocalChange(() => engine?.notifyChange())
  engine.start()
}

/** After the first paint: resumes the remembered session, or goes back to local data if it has ended. */
export async function restore(store: DataStore): Promise<void> {
  const provider = await loadProvider()
  const remembered = store.account() === LOCAL_ACCOUNT ? undefined : store.account()
  const found = provider ? await provider.restore(remembered) : null
  if (found) await connect(store, found)
  // The session ended without a sign-out here (expired, or another user's build): show the signed-out data,
  // but keep the account's data and outbox for when it signs in again, so that nothing waiting is lost.
  else if (remembered) await leave(store, remembered, { keepData: true })
}

export async function signIn(store: DataStore): Promise<void> {
  const provider = await loadProvider()
  if (!provider) throw new Error('This build has no sign-in')
  setBusy(true)
  try {
    const next = await provider.signIn()
    if (next) await connect(store, next)
  } finally {
    setBusy(false)
  }
}

/** Back to the signed-out data; on sign-out the account's data, outbox and sync state leave this browser. */
async function leave(store: DataStore, userId: string, options: { keepData?: boolean } = {}): Promise<void> {
  stopEngine()
  store.onLocalChange(undefined)
  const ending = session
  session = undefined
  setTokenProvider(undefined)
  rememberAccount(undefined)
  setSignedInAs(null)
  setAccountLabel(null)
  setSyncStatus(null)
  await store.load(LOCAL_ACCOUNT)
  if (!options.keepData) {
    await clearAccount(userId)
  }
  await ending?.signOut()
  if (location.hash !== '' && location.hash !== '#/') location.hash = '#/'
}

export async function signOut(store: DataStore): Promise<void> {
  const userId = signedInAs()
  if (!userId) return
  // One last push, so that sign-out loses nothing that could still reach the account.
  if (engine) await engine.syncNow()
  const waiting = (await loadOutbox(userId)).length
  const run = () => void leave(store, userId).catch((e: unknown) => showError(String(e)))
  if (waiting === 0) return run()
  openDialog({
    kind: 'confirm',
    title: 'Sign out?',
    message: `${waiting === 1 ? '1 change has' : `${waiting} changes have`} not reached your account yet and will be lost.`,
    confirmLabel: 'Sign out',
    onConfirm: run
  })
}
