// The offscreen document (offscreen.html) the service worker opens to sync an account no new tab syncs
// (sync.ts says why the worker cannot): the session is restored and the account pushed and pulled exactly as a
// new tab does it, with the same provider and engine; the document closes itself once it has nothing to do.
import type { Session } from '../session/types'
import { loadOutbox } from '../store/cache'
import type { SyncEngine } from '../store/sync'
import { accountEngine, restoreSession } from './account-engine'
import { ext } from './extension-api'
import { isSyncRequest, type OffscreenSyncResult } from './sync'

/** How long an idle document stays open: the captures of a burst share it (and its loaded sign-in). */
const CLOSE_WHEN_IDLE_MS = 1000

type Synced = { engine: SyncEngine; session: { current: Session } }

/** One engine per account for the document's life, so that requests arriving during a cycle share the next one. */
const engines = new Map<string, Synced>()

function engineFor(account: string, session: Session): SyncEngine {
  let synced = engines.get(account)
  if (!synced) {
    const holder = { current: session }
    const engine = accountEngine(account, () => holder.current.getToken())
    synced = { engine, session: holder }
    engines.set(account, synced)
  }
  synced.session.current = session
  return synced.engine
}

const pendingCount = (account: string) =>
  loadOutbox(account).then(
    (outbox) => outbox.length,
    () => 0
  )

/** Restores `account`'s session and syncs it once; without a session its changes wait in the outbox. */
export async function syncAccount(account: string): Promise<OffscreenSyncResult> {
  try {
    const session = await restoreSession(account)
    if (!session) return { state: 'signed-out', pending: await pendingCount(account) }
    const status = await engineFor(account, session).syncNow()
    return { state: status.state, pending: status.pending, ...(status.error ? { error: status.error } : {}) }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { state: 'error', pending: await pendingCount(account), error: message }
  }
}

let busy = 0
let closing: ReturnType<typeof setTimeout> | undefined

const api = ext()
api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== api.runtime.id || !isSyncRequest(message)) return undefined
  busy++
  clearTimeout(closing)
  void syncAccount(message.account)
    .then(sendResponse)
    .finally(() => {
      busy--
      // Closed a moment after the last answer, which leaves first; the worker opens the document again when needed.
      if (busy === 0) closing = setTimeout(() => window.close(), CLOSE_WHEN_IDLE_MS)
    })
  return true
})
