// The IndexedDB cache: loads and saves one account's data and outbox. It knows nothing of Solid or the UI.
import { createStore, get, promisifyRequest, type UseStore } from 'idb-keyval'
import type { DataState, Mutation } from './types'

export const LOCAL_ACCOUNT = 'local'

const dataKey = (account: string) => `data:${account}`
const outboxKey = (account: string) => `outbox:${account}`

let kv: UseStore | undefined
const db = (): UseStore => {
  kv ??= createStore('bookmarks-index', 'kv')
  return kv
}

/** Rewrites the outbox inside the caller's transaction; callbacks, not awaits, keep the transaction alive. */
const editOutbox = (store: IDBObjectStore, account: string, edit: (outbox: Mutation[]) => Mutation[]) => {
  const req = store.get(outboxKey(account))
  req.onsuccess = () => {
    store.put(edit((req.result as Mutation[] | undefined) ?? []), outboxKey(account))
  }
}

export async function loadData(account: string): Promise<DataState | undefined> {
  return get<DataState>(dataKey(account), db())
}

export async function loadOutbox(account: string): Promise<Mutation[]> {
  return (await get<Mutation[]>(outboxKey(account), db())) ?? []
}

/**
 * Saves the data and appends to the outbox in one IndexedDB transaction, so that a crash can never keep a
 * change without its mutation (or the reverse), and two tabs appending at once both keep theirs.
 */
export async function saveChange(account: string, data: DataState, mutations: Mutation[]): Promise<void> {
  await db()('readwrite', (store) => {
    store.put(data, dataKey(account))
    if (mutations.length > 0) editOutbox(store, account, (outbox) => outbox.concat(mutations))
    return promisifyRequest(store.transaction)
  })
}

/** Replaces an account's data without touching its outbox (the sync engine's server-applied changes). */
export async function saveData(account: string, data: DataState): Promise<void> {
  await db()('readwrite', (store) => {
    store.put(data, dataKey(account))
    return promisifyRequest(store.transaction)
  })
}

/** Removes the given mutations from the outbox once the server has acknowledged them (issue 6). */
export async function dropFromOutbox(account: string, mutationIds: string[]): Promise<void> {
  const done = new Set(mutationIds)
  await db()('readwrite', (store) => {
    editOutbox(store, account, (outbox) => outbox.filter((m) => !done.has(m.mutationId)))
    return promisifyRequest(store.transaction)
  })
}

/** Forgets an account's cached data and outbox (sign-out). */
export async function clearAccount(account: string): Promise<void> {
  await db()('readwrite', (store) => {
    store.delete(dataKey(account))
    store.delete(outboxKey(account))
    return promisifyRequest(store.transaction)
  })
}
