// Per-account sync bookkeeping in IndexedDB, beside the data and outbox that cache.ts keeps (same database and
// object store): the stable client id the account pushes with, and the cursor of the last applied pull.
import { get, promisifyRequest } from 'idb-keyval'
import { db, syncMetaKey } from '../cache'
import { newId } from '../ids'

export type SyncMeta = {
  /** Stable per account and browser profile: the server records it with every mutation. */
  clientId: string
  /** Absent until the first complete pull. */
  cursor?: string
  /** The first sign-in's question (upload / use cloud / keep both) was answered: never ask again. */
  migrated?: boolean
}

const newClientId = () => newId('client')

/** Reads the account's sync state, creating its client id on first use (in one transaction). */
export async function loadSyncMeta(account: string): Promise<SyncMeta> {
  let meta: SyncMeta | undefined
  await db()('readwrite', (store) => {
    const req = store.get(syncMetaKey(account))
    req.onsuccess = () => {
      const stored = req.result as SyncMeta | undefined
      meta = stored?.clientId ? stored : { clientId: newClientId() }
      if (meta !== stored) store.put(meta, syncMetaKey(account))
    }
    return promisifyRequest(store.transaction)
  })
  if (!meta) throw new Error('The sync state could not be read')
  return meta
}

/** Changes some of the account's sync state (creating its client id if it has none yet). */
async function updateSyncMeta(account: string, patch: Partial<Omit<SyncMeta, 'clientId'>>): Promise<void> {
  await db()('readwrite', (store) => {
    const req = store.get(syncMetaKey(account))
    req.onsuccess = () => {
      const stored = (req.result as SyncMeta | undefined) ?? { clientId: newClientId() }
      store.put({ ...stored, ...patch }, syncMetaKey(account))
    }
    return promisifyRequest(store.transaction)
  })
}

/** Stores the cursor of a pull once its changes are stored (never before: a crash would skip them). */
export const saveCursor = (account: string, cursor: string | undefined) => updateSyncMeta(account, { cursor })

/** Records that the first sign-in's question was answered for the account (see migrate.ts). */
export const markMigrated = (account: string) => updateSyncMeta(account, { migrated: true })

/** Reads the stored meta without creating it (tests and diagnostics). */
export async function peekSyncMeta(account: string): Promise<SyncMeta | undefined> {
  return get<SyncMeta>(syncMetaKey(account), db())
}
