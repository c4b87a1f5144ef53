// Per-account sync bookkeeping in IndexedDB, beside the data and outbox that cache.ts keeps (same database and
// object store): the stable client id the account pushes with, and the cursor of the last applied pull.
import { createStore, get, promisifyRequest, type UseStore } from 'idb-keyval'

export type SyncMeta = {
  /** Stable per account and browser profile: the server records it with every mutation. */
  clientId: string
  /** Absent until the first complete pull. */
  cursor?: string
  /** The first sign-in's question (upload / use cloud / keep both) was answered: never ask again. */
  migrated?: boolean
}

const metaKey = (account: string) => `sync:${account}`

let kv: UseStore | undefined
let kvFactory: IDBFactory | undefined
const db = (): UseStore => {
  if (!kv || kvFactory !== globalThis.indexedDB) {
    kv = createStore('bookmarks-index', 'kv')
    kvFactory = globalThis.indexedDB
  }
  return kv
}

const newClientId = () => `client_${crypto.randomUUID().replaceAll('-', '')}`

/** Reads the account's sync state, creating its client id on first use (in one transaction). */
export async function loadSyncMeta(account: string): Promise<SyncMeta> {
  let meta: SyncMeta | undefined
  await db()('readwrite', (store) => {
    const req = store.get(metaKey(account))
    req.onsuccess = () => {
      const stored = req.result as SyncMeta | undefined
      meta = stored?.clientId ? stored : { clientId: newClientId() }
      if (meta !== stored) store.put(meta, metaKey(account))
    }
    return promisifyRequest(store.transaction)
  })
  if (!meta) throw new Error('The sync state could not be read')
  return meta
}

/** Stores the cursor of a pull once its changes are stored (never before: a crash would skip them). */
export async function saveCursor(account: string, cursor: string | undefined): Promise<void> {
  await db()('readwrite', (store) => {
    const req = store.get(metaKey(account))
    req.onsuccess = () => {
      const stored = (req.result as SyncMeta | undefined) ?? { clientId: newClientId() }
      store.put({ ...stored, cursor }, metaKey(account))
    }
    return promisifyRequest(store.transaction)
  })
}

/** Records migration progress for the account (see migrate.ts). */
export async function saveMigrationState(account: string, state: Pick<SyncMeta, 'migrated'>): Promise<void> {
  await db()('readwrite', (store) => {
    const req = store.get(metaKey(account))
    req.onsuccess = () => {
      const stored = (req.result as SyncMeta | undefined) ?? { clientId: newClientId() }
      store.put({ ...stored, ...state }, metaKey(account))
    }
    return promisifyRequest(store.transaction)
  })
}

/** Forgets the account's client id and cursor: call it with cache.ts's clearAccount() on sign-out. */
export async function forgetSyncState(account: string): Promise<void> {
  await db()('readwrite', (store) => {
    store.delete(metaKey(account))
    return promisifyRequest(store.transaction)
  })
}

/** Reads the stored meta without creating it (tests and diagnostics). */
export async function peekSyncMeta(account: string): Promise<SyncMeta | undefined> {
  return get<SyncMeta>(metaKey(account), db())
}
