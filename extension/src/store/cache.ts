// The IndexedDB cache: loads and saves one account's data and outbox. It knows nothing of Solid or the UI.
import { createStore, get, promisifyRequest, type UseStore } from 'idb-keyval'
import { readLocal, writeLocal } from '../local-storage'
import { asState, type DataState, emptyState, type Mutation } from './types'

export const LOCAL_ACCOUNT = 'local'

const dataKey = (account: string) => `data:${account}`
const outboxKey = (account: string) => `outbox:${account}`
const asideKey = (account: string) => `aside:${account}`
/** The account's sync state (sync/meta.ts), in the same store so that sign-out clears it with the data. */
export const syncMetaKey = (account: string) => `sync:${account}`

let kv: UseStore | undefined
let kvFactory: IDBFactory | undefined
/** The one IndexedDB object store of the extension: data, outbox and sync state, keyed by account. */
export const db = (): UseStore => {
  // Tests swap in a fresh IndexedDB per test; the page never does, so this opens the database once there.
  if (!kv || kvFactory !== globalThis.indexedDB) {
    kv = createStore('bookmarks-index', 'kv')
    kvFactory = globalThis.indexedDB
  }
  return kv
}

/** Rewrites the outbox inside the caller's transaction; callbacks, not awaits, keep the transaction alive. */
const editOutbox = (store: IDBObjectStore, account: string, edit: (outbox: Mutation[]) => Mutation[]) => {
  const req = store.get(outboxKey(account))
  req.onsuccess = () => {
    store.put(edit((req.result as Mutation[] | undefined) ?? []), outboxKey(account))
  }
}

// The data is stored as one JSON string: reading back a string and parsing it is several times faster than
// IndexedDB's structured clone of thousands of objects, and that read is the whole wait before first paint.
const decode = (stored: unknown): DataState | undefined =>
  stored === undefined
    ? undefined
    : asState(typeof stored === 'string' ? JSON.parse(stored) : (stored as DataState))

export async function loadData(account: string): Promise<DataState | undefined> {
  return decode(await get<unknown>(dataKey(account), db()))
}

export async function loadOutbox(account: string): Promise<Mutation[]> {
  return (await get<Mutation[]>(outboxKey(account), db())) ?? []
}

/** Rewrites the stored data inside the caller's transaction by applying `update` to what is stored. */
const editData = (store: IDBObjectStore, account: string, update: (data: DataState) => void) => {
  const req = store.get(dataKey(account))
  req.onsuccess = () => {
    const data = decode(req.result) ?? emptyState()
    update(data)
    store.put(JSON.stringify(data), dataKey(account))
  }
}

/**
 * Applies a change to the stored data and appends its mutations to the outbox in one IndexedDB transaction:
 * a crash never keeps a change without its mutation (or the reverse), and two open tabs that change things
 * at the same moment both keep theirs, because each applies its change to what is stored, not its own copy.
 */
export async function saveChange(
  account: string,
  update: (data: DataState) => void,
  mutations: Mutation[]
): Promise<void> {
  await db()('readwrite', (store) => {
    editData(store, account, update)
    if (mutations.length > 0) editOutbox(store, account, (outbox) => outbox.concat(mutations))
    return promisifyRequest(store.transaction)
  })
}

/** A change the server keeps refusing or failing on: out of the outbox so that it blocks nothing, kept until the
 * person tries it again or drops it. */
export type SetAside = { mutation: Mutation; reason: string }

export async function loadSetAside(account: string): Promise<SetAside[]> {
  return (await get<SetAside[]>(asideKey(account), db())) ?? []
}

/** Everything not yet on the server, oldest first: set-aside changes, then the outbox. Both stay visible here. */
export async function loadPending(account: string): Promise<Mutation[]> {
  const [aside, outbox] = await Promise.all([loadSetAside(account), loadOutbox(account)])
  return [...aside.map((a) => a.mutation), ...outbox]
}

const editAside = (store: IDBObjectStore, account: string, edit: (list: SetAside[]) => SetAside[]) => {
  const req = store.get(asideKey(account))
  req.onsuccess = () => {
    store.put(edit((req.result as SetAside[] | undefined) ?? []), asideKey(account))
  }
}

/** Moves mutations from the outbox to the set-aside list, in one transaction (nothing lost in between). */
export async function setAside(account: string, entries: SetAside[]): Promise<void> {
  const ids = new Set(entries.map((e) => e.mutation.mutationId))
  await db()('readwrite', (store) => {
    editOutbox(store, account, (outbox) => outbox.filter((m) => !ids.has(m.mutationId)))
    editAside(store, account, (list) => [...list.filter((e) => !ids.has(e.mutation.mutationId)), ...entries])
    return promisifyRequest(store.transaction)
  })
}

/**
 * Rewrites the set-aside list and the outbox together (one transaction): `edit` gets both and returns both, so
 * that a later change to a set-aside item can join it rather than fail on its own.
 */
export async function editPending(
  account: string,
  edit: (aside: SetAside[], outbox: Mutation[]) => { aside: SetAside[]; outbox: Mutation[] }
): Promise<void> {
  await db()('readwrite', (store) => {
    const asideReq = store.get(asideKey(account))
    asideReq.onsuccess = () => {
      const outboxReq = store.get(outboxKey(account))
      outboxReq.onsuccess = () => {
        const next = edit(
          (asideReq.result as SetAside[] | undefined) ?? [],
          (outboxReq.result as Mutation[] | undefined) ?? []
        )
        store.put(next.aside, asideKey(account))
        store.put(next.outbox, outboxKey(account))
      }
    }
    return promisifyRequest(store.transaction)
  })
}

/** Takes set-aside mutations out of the list; `retry` puts them back at the front of the outbox, in order. */
export async function releaseSetAside(account: string, mutationIds: string[], retry: boolean): Promise<void> {
  const ids = new Set(mutationIds)
  await db()('readwrite', (store) => {
    const req = store.get(asideKey(account))
    req.onsuccess = () => {
      const list = (req.result as SetAside[] | undefined) ?? []
      store.put(
        list.filter((e) => !ids.has(e.mutation.mutationId)),
        asideKey(account)
      )
      // Creates first, parents before children, then the rest in their order: whatever a change needs arrives first.
      const rank = (m: Mutation) => (m.op === 'create' ? ['space', 'group', 'bookmark'].indexOf(m.entity) : 3)
      const released = list
        .filter((e) => ids.has(e.mutation.mutationId))
        .map((e) => e.mutation)
        .sort((a, b) => rank(a) - rank(b))
      if (retry && released.length > 0) editOutbox(store, account, (outbox) => [...released, ...outbox])
    }
    return promisifyRequest(store.transaction)
  })
}

/** Removes the given mutations from the outbox once the server has acknowledged them. */
export async function dropFromOutbox(account: string, mutationIds: string[]): Promise<void> {
  const done = new Set(mutationIds)
  await db()('readwrite', (store) => {
    editOutbox(store, account, (outbox) => outbox.filter((m) => !done.has(m.mutationId)))
    return promisifyRequest(store.transaction)
  })
}

const viewKey = (account: string) => `bookmarks-index:view:${account}`

/**
 * A small copy of what the new tab opens on (the spaces, one space's groups, one group's bookmarks) in
 * localStorage: read synchronously, it paints the page before IndexedDB has even opened. Never written to
 * IndexedDB or the outbox; the full data replaces it a moment later.
 */
export function loadView(account: string): DataState | undefined {
  const text = readLocal(viewKey(account))
  try {
    return text ? asState(JSON.parse(text) as DataState) : undefined
  } catch {
    return undefined
  }
}

export function saveView(account: string, view: DataState): void {
  writeLocal(viewKey(account), JSON.stringify(view))
}

/** Forgets an account's cached data, outbox, set-aside changes, sync state and start view (sign-out), the stored ones at once. */
export async function clearAccount(account: string): Promise<void> {
  writeLocal(viewKey(account), null)
  await db()('readwrite', (store) => {
    store.delete(dataKey(account))
    store.delete(outboxKey(account))
    store.delete(asideKey(account))
    store.delete(syncMetaKey(account))
    return promisifyRequest(store.transaction)
  })
}
