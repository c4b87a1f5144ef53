// The sync engine while signed in: one per page at most, fed the store's local changes and reporting its status
// to the session's badge, and pulling whenever the live channel says the account changed (store/sync/live.ts); the
// controller starts it once an account is set up and stops it on leaving.
import { config } from '../config'
import type { DataStore } from '../store/data-store'
import {
  createSyncEngine,
  describeChange,
  describeRejection,
  describeSetAsideReason,
  type LiveChannel,
  type SetAside,
  type SyncEngine,
  type SyncStatus,
  startLive
} from '../store/sync'
import { showError } from '../ui/toast'
import { api, sessionToken } from './api-client'
import type { SetAsideChange } from './types'

let engine: SyncEngine | undefined
let live: LiveChannel | undefined

export function startSync(store: DataStore, userId: string, onStatus: (status: SyncStatus) => void): void {
  stopSync()
  engine = createSyncEngine({
    account: userId,
    client: api,
    applyRemote: store.applyRemote,
    onRejected: (list) => {
      for (const rejected of list) showError(describeRejection(rejected))
    },
    onSetAside: (list) => {
      const [first] = list
      if (first)
        showError(
          `${describeChange(first.mutation)} could not be synced. ${describeSetAsideReason(first.reason)} See the sync badge.`
        )
    },
    onStatus
  })
  // Through the variable, not the engine at hand: once stopped, a late local change reaches no engine.
  store.onLocalChange(() => engine?.notifyChange())
  engine.start()
  live = startLive({ apiUrl: config.apiUrl, getToken: sessionToken, onPoke: () => void engine?.syncNow() })
}

export function stopSync(): void {
  live?.stop()
  live = undefined
  engine?.stop()
  engine = undefined
}

/** Pushes and pulls once now, if an engine runs (sign-out's last push). */
export async function syncNow(): Promise<void> {
  if (engine) await engine.syncNow()
}

/** The changes set aside, in words, with their reasons (none while no engine runs). */
export async function setAsideList(): Promise<SetAsideChange[]> {
  const list: SetAside[] = engine ? await engine.setAsideList() : []
  return list.map(({ mutation, reason }) => ({
    mutationId: mutation.mutationId,
    change: describeChange(mutation),
    reason: describeSetAsideReason(reason)
  }))
}

/** Tries set-aside changes again, or drops them (this device then goes back to the account's copy). */
export async function releaseSetAside(mutationIds: string[], retry: boolean): Promise<void> {
  if (!engine) return
  await (retry ? engine.retrySetAside(mutationIds) : engine.dropSetAside(mutationIds))
}
