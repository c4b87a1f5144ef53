// The IndexedDB cache: loads and saves one account's data and outbox, one record per group's bookmarks, so that a
// change rewrites what it touched and not the whole library. It knows nothing of Solid or the UI.
import { get, promisifyRequest, type UseStore } from 'idb-keyval'
import { createDefaults } from '../../../model/defaults'
import { readLocal, writeLocal } from '../local-storage'
import { watchWrites } from './bookmark-index'
import { JsonMemo, JsonMemos } from './json-memo'
import { keysFromOrders, upgradeOutbox } from './legacy-order'
import { sortedBookmarks } from './selectors'
import { asState, type Bookmark, type DataState, type Draft, type Mutation, opaqueTable } from './types'

export const LOCAL_ACCOUNT = 'local'

/** Where versions before per-group records kept an account's whole library (one JSON string); migrated on load. */
const legacyKey = (account: string) => `data:${account}`
/** The account's spaces, groups and the stamp of each group's record: small, rewritten with every change. */
const headKey = (account: string) => `library:${account}`
/** One group's bookmarks, archived ones included. */
const partKey = (account: string, groupId: string) => `bookmarks:${account}:${groupId}`
/** The first and last possible key of an account's group records. */
const partKeyBounds = (account: string): [string, string] => [
  `bookmarks:${account}:`,
  `bookmarks:${account}:\uffff`
]
/** A change not yet in the data records (see PendingChange), keyed so that an account's sort in time order. */
const pendingKey = (account: string, id: string) => `pending:${account}:${id}`
const pendingKeyBounds = (account: string): [string, string] => [
  `pending:${account}:`,
  `pending:${account}:\uffff`
]
const outboxKey = (account: string) => `outbox:${account}`
const asideKey = (account: string) => `aside:${account}`
/** The account's sync state (sync/meta.ts), in the same store so that sign-out clears it with the data. */
export const syncMetaKey = (account: string) => `sync:${account}`

/**
 * What is in memory of an account's stored data: the decoded records with the stamp each was written with. A
 * change applies to it and writes back only the records it touched; before that, the records another tab
 * rewrote since (their stamps differ from the stored ones) are read again, so a change always applies to what
 * is stored. It shares bookmark objects with the store, which is safe because entities are replaced, never
 * edited in place (apply.ts).
 */
type Mirror = {
  spaces: DataState['spaces']
  groups: DataState['groups']
  bookmarks: Record<string, Bookmark>
  parts: Map<string, { stamp: string; ids: Set<string> }>
  /** The head record's text as last read or written here: stored unchanged, nothing needs decoding or reading. */
  head?: string
}
/** The stored head record (a JSON string): everything but the bookmarks, and which records hold those. */
type Head = Pick<DataState, 'spaces' | 'groups'> & { version: 2; parts: Record<string, string> }

const mirrors = new Map<string, Mirror>()

/** Runs one step of a transaction's work; a step that throws aborts the transaction (see transact). */
type Guard = (step: () => void) => void

let kv: UseStore | undefined
let kvFactory: IDBFactory | undefined
/** The one IndexedDB object store of the extension: data, outbox and sync state, keyed by account. */
export const db = (): UseStore => {
  // Tests swap in a fresh IndexedDB per test; the page never does, so this opens the database once there.
  if (!kv || kvFactory !== globalThis.indexedDB) {
    kv = openStore('bookmarks-index', 'kv')
    kvFactory = globalThis.indexedDB
    mirrors.clear()
  }
  return kv
}

/**
 * idb-keyval's createStore, but a connection steps aside when another context deletes or upgrades the database
 * (a new tab or the service worker holds one open for good, which would block that forever); the next use
 * opens it again, and what this context remembered of the old one is forgotten.
 */
function openStore(name: string, storeName: string): UseStore {
  let opened: Promise<IDBDatabase> | undefined
  const open = () => {
    opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name)
      request.onupgradeneeded = () => request.result.createObjectStore(storeName)
      request.onsuccess = () => {
        const connection = request.result
        connection.onversionchange = () => {
          connection.close()
          opened = undefined
          mirrors.clear()
        }
        resolve(connection)
      }
      request.onerror = () => {
        opened = undefined
        reject(request.error)
      }
    })
    return opened
  }
  return (mode, callback) =>
    open().then((connection) => callback(connection.transaction(storeName, mode).objectStore(storeName)))
}

/** Unique per write, so that a record rewritten by anyone (another tab, a migration, a test's seed) is told apart. */
const newStamp = () => crypto.randomUUID()

const emptyMirror = (): Mirror => ({
  spaces: {},
  groups: {},
  bookmarks: opaqueTable({}),
  parts: new Map()
})

/** Bookmarks an older version stored lack the fields added since: those get their defaults. */
const bookmarkKeys = Object.keys(createDefaults.bookmark)
const withDefaults = (b: Bookmark): Bookmark =>
  bookmarkKeys.every((key) => key in b) ? b : { ...createDefaults.bookmark, ...b }

// Records are JSON strings: reading back a string and parsing it is several times faster than IndexedDB's
// structured clone of thousands of objects, and the start group's read is the whole wait before a first paint.
const decodePart = (stored: unknown): Bookmark[] =>
  typeof stored === 'string' ? keysFromOrders(JSON.parse(stored) as Bookmark[]).map(withDefaults) : []

const decodeLegacy = (stored: unknown): DataState =>
  asState(typeof stored === 'string' ? (JSON.parse(stored) as DataState) : (stored as DataState))

const decodeHead = (stored: string): Head => {
  const head = JSON.parse(stored) as Head
  const { spaces, groups } = asState({ spaces: head.spaces, groups: head.groups, bookmarks: {} })
  return { ...head, spaces, groups }
}

/** Whether two copies of an entity are equal field by field; lists (tags) item by item, as each parse makes its own. */
export function sameEntity(a: object, b: object): boolean {
  const x = a as Record<string, unknown>
  const y = b as Record<string, unknown>
  const keys = Object.keys(x)
  return (
    keys.length === Object.keys(y).length &&
    keys.every((key) => {
      const [p, q] = [x[key], y[key]]
      return (
        p === q ||
        (Array.isArray(p) && Array.isArray(q) && p.length === q.length && p.every((v, i) => v === q[i]))
      )
    })
  )
}

/** Groups a table's bookmarks by group (the one full scan, for a migration or a complete replacement). */
function partition(table: Record<string, Bookmark>): Mirror['parts'] {
  const parts: Mirror['parts'] = new Map()
  for (const b of Object.values(table)) {
    const part = parts.get(b.groupId)
    if (part) part.ids.add(b.id)
    else parts.set(b.groupId, { stamp: '', ids: new Set([b.id]) })
  }
  return parts
}

const partList = (mirror: Mirror, groupId: string): Bookmark[] =>
  Array.from(mirror.parts.get(groupId)?.ids ?? [], (id) => mirror.bookmarks[id]).filter(
    (b): b is Bookmark => b !== undefined
  )

const encodeHead = (mirror: Mirror): string =>
  JSON.stringify({
    version: 2,
    spaces: mirror.spaces,
    groups: mirror.groups,
    parts: Object.fromEntries(Array.from(mirror.parts, ([groupId, part]) => [groupId, part.stamp]))
  } satisfies Head)

/** Puts every record of `mirror` (a migration or a complete replacement), replacing whatever the account had. */
function writeAll(store: IDBObjectStore, account: string, mirror: Mirror): void {
  store.delete(IDBKeyRange.bound(...partKeyBounds(account)))
  const stamp = newStamp()
  for (const [groupId, part] of mirror.parts) {
    part.stamp = stamp
    store.put(JSON.stringify(partList(mirror, groupId)), partKey(account, groupId))
  }
  mirror.head = encodeHead(mirror)
  store.put(mirror.head, headKey(account))
}

const mirrorOf = (data: DataState): Mirror => ({
  spaces: data.spaces,
  groups: data.groups,
  bookmarks: opaqueTable({ ...data.bookmarks }),
  parts: partition(data.bookmarks)
})

/**
 * Brings the account's mirror up to date with what is stored, inside the caller's transaction (callbacks, not
 * awaits, keep it alive), and hands it on: undefined when the account has nothing stored. Data in the legacy
 * layout is migrated first, in this same transaction, when it may write; a read-only one gets 'legacy'.
 */
function refresh(
  store: IDBObjectStore,
  account: string,
  writable: boolean,
  guard: Guard,
  done: (mirror: Mirror | undefined | 'legacy') => void
): void {
  const headReq = store.get(headKey(account))
  const legacyReq = store.get(legacyKey(account))
  // Requests of one transaction complete in order: the head's result is in when the legacy one arrives.
  legacyReq.onsuccess = () =>
    guard(() => {
      if (legacyReq.result !== undefined) {
        if (!writable) return done('legacy')
        // A legacy record can only be newer than per-group records beside it (no version writes both), so it wins.
        const mirror = mirrorOf(decodeLegacy(legacyReq.result))
        writeAll(store, account, mirror)
        store.delete(legacyKey(account))
        mirrors.set(account, mirror)
        return done(mirror)
      }
      if (typeof headReq.result !== 'string') {
        mirrors.delete(account)
        return done(undefined)
      }
      const known = mirrors.get(account)
      // Nobody wrote since: every record is as this mirror has it (the head holds each record's stamp).
      if (known && known.head === headReq.result) return done(known)
      const head = decodeHead(headReq.result)
      const mirror = known ?? emptyMirror()
      const stale = Object.keys(head.parts).filter((g) => mirror.parts.get(g)?.stamp !== head.parts[g])
      const gone = Array.from(mirror.parts.keys()).filter((g) => !(g in head.parts))
      const finish = (stored: unknown[]) => {
        // Every outdated record is forgotten before any is read back: a bookmark that moved between two of them
        // must not be dropped by the second.
        const previous = new Map<string, Bookmark>()
        for (const groupId of [...stale, ...gone]) {
          for (const id of mirror.parts.get(groupId)?.ids ?? []) {
            const b = mirror.bookmarks[id]
            if (b) previous.set(id, b)
            delete mirror.bookmarks[id]
          }
          mirror.parts.delete(groupId)
        }
        stale.forEach((groupId, i) => {
          const ids = new Set<string>()
          for (const fresh of decodePart(stored[i])) {
            // Unchanged bookmarks keep their objects, so the tiles showing them are not rebuilt.
            const was = previous.get(fresh.id)
            mirror.bookmarks[fresh.id] = was && sameEntity(was, fresh) ? was : fresh
            ids.add(fresh.id)
          }
          mirror.parts.set(groupId, { stamp: head.parts[groupId] ?? '', ids })
        })
        mirror.spaces = head.spaces
        mirror.groups = head.groups
        mirror.head = headReq.result
        mirrors.set(account, mirror)
        done(mirror)
      }
      if (stale.length === 0) return finish([])
      const stored: unknown[] = []
      let left = stale.length
      stale.forEach((groupId, i) => {
        const req = store.get(partKey(account, groupId))
        req.onsuccess = () =>
          guard(() => {
            stored[i] = req.result
            if (--left === 0) finish(stored)
          })
      })
    })
}

/** The text of the groups' records changed last: an edit re-serialises the bookmark it changed, not its group. */
const partMemos = new JsonMemos(4)

/**
 * Applies `update` to the mirror, noting which groups' bookmarks it adds, replaces or removes (a bookmark's old
 * and new group both count), and writes back those records and the head.
 */
function applyAndWrite(
  store: IDBObjectStore,
  account: string,
  mirror: Mirror,
  update: (data: Draft) => void
): void {
  const touched = new Set<string>()
  const part = (groupId: string) => {
    touched.add(groupId)
    const found = mirror.parts.get(groupId) ?? { stamp: '', ids: new Set<string>() }
    mirror.parts.set(groupId, found)
    return found
  }
  const tracked = watchWrites(mirror.bookmarks, (id, was, now) => {
    if (was) part(was.groupId).ids.delete(id)
    if (now) part(now.groupId).ids.add(id)
  })
  const draft: Draft = {
    spaces: mirror.spaces,
    groups: mirror.groups,
    bookmarks: tracked,
    // The records' index of ids, right only while the table is the one it indexes (a complete pull replaces it).
    get bookmarksIn() {
      return draft.bookmarks === tracked ? (groupId: string) => partList(mirror, groupId) : undefined
    }
  }
  update(draft)
  mirror.spaces = draft.spaces
  mirror.groups = draft.groups
  if (draft.bookmarks !== tracked) {
    // Replaced as a whole (a complete pull): every record is rewritten.
    mirror.bookmarks = opaqueTable(draft.bookmarks)
    mirror.parts = partition(draft.bookmarks)
    writeAll(store, account, mirror)
    return
  }
  const stamp = newStamp()
  for (const groupId of touched) {
    const ids = mirror.parts.get(groupId)?.ids
    if (!ids || ids.size === 0) {
      mirror.parts.delete(groupId)
      store.delete(partKey(account, groupId))
      continue
    }
    part(groupId).stamp = stamp
    store.put(
      partMemos.of(partKey(account, groupId)).list(partList(mirror, groupId)),
      partKey(account, groupId)
    )
  }
  mirror.head = encodeHead(mirror)
  store.put(mirror.head, headKey(account))
}

/**
 * Runs `work` in one transaction and settles with it. An error thrown inside a request callback aborts the
 * transaction and rejects with that error, not the bare abort; either way the mirror is dropped, since it may
 * hold a change IndexedDB did not keep.
 */
async function transact(
  mode: IDBTransactionMode,
  account: string,
  work: (store: IDBObjectStore, guard: Guard) => void
): Promise<void> {
  let failure: unknown
  try {
    await db()(mode, (store) => {
      const guard = (step: () => void) => {
        try {
          step()
        } catch (error) {
          failure = error
          store.transaction.abort()
        }
      }
      guard(() => work(store, guard))
      return promisifyRequest(store.transaction)
    })
  } catch (error) {
    mirrors.delete(account)
    throw failure ?? error
  }
}

/** Copies the mirror's tables for the store, which edits its own (the bookmark objects stay shared). */
function stateOf(mirror: Mirror): DataState {
  const bookmarks = opaqueTable<Bookmark>({})
  for (const part of mirror.parts.values()) {
    for (const id of part.ids) {
      const b = mirror.bookmarks[id]
      if (b) bookmarks[id] = b
    }
  }
  return { spaces: structuredClone(mirror.spaces), groups: structuredClone(mirror.groups), bookmarks }
}

export async function loadData(account: string): Promise<DataState | undefined> {
  let found: Mirror | undefined | 'legacy'
  await transact('readonly', account, (store, guard) =>
    refresh(store, account, false, guard, (mirror) => {
      found = mirror
    })
  )
  if (found === 'legacy') {
    await transact('readwrite', account, (store, guard) =>
      refresh(store, account, true, guard, (mirror) => {
        found = mirror
      })
    )
  }
  return found && found !== 'legacy' ? stateOf(found) : undefined
}

/**
 * What a first open with no cached start view paints from: the spaces and groups, and the bookmarks of the one
 * group `pickGroup` chooses among them, read without the rest of the library. Undefined when nothing is stored
 * in this layout yet (then loadData, which migrates, is the way in).
 */
export async function loadStartView(
  account: string,
  pickGroup: (data: DataState) => string | undefined
): Promise<DataState | undefined> {
  let view: DataState | undefined
  await transact('readonly', account, (store, guard) => {
    const req = store.get(headKey(account))
    req.onsuccess = () =>
      guard(() => {
        if (typeof req.result !== 'string') return
        const head = decodeHead(req.result)
        const start: DataState = { spaces: head.spaces, groups: head.groups, bookmarks: opaqueTable({}) }
        view = start
        const groupId = pickGroup(start)
        if (!groupId || !(groupId in head.parts)) return
        const part = store.get(partKey(account, groupId))
        part.onsuccess = () =>
          guard(() => {
            for (const b of decodePart(part.result)) start.bookmarks[b.id] = b
          })
      })
  })
  return view
}

export async function loadOutbox(account: string): Promise<Mutation[]> {
  return upgradeOutbox((await get<Mutation[]>(outboxKey(account), db())) ?? [])
}

/** Rewrites the outbox inside the caller's transaction; callbacks, not awaits, keep the transaction alive. */
const editOutbox = (store: IDBObjectStore, account: string, edit: (outbox: Mutation[]) => Mutation[]) => {
  const req = store.get(outboxKey(account))
  req.onsuccess = () => {
    store.put(edit(upgradeOutbox((req.result as Mutation[] | undefined) ?? [])), outboxKey(account))
  }
}

/**
 * A person's change, journaled the moment it is made. Storing a change needs a read first (what other tabs
 * stored since), so its writes come a task later, and a tab closed in between took the change with it although the
 * page had shown it. The journal is one write in a transaction of its own, put and committed in the change's
 * task, which Chromium completes even when the tab closes right after. The change's own transaction deletes the
 * entry as it applies it; an entry still there on a later load is applied then (replayPending). Exactly once:
 * whichever transaction finds the entry applies it and deletes it, in the same transaction.
 */
export type PendingChange = { id: string; at: string; mutations: Mutation[] }

let pendingCount = 0
/** Sorts in time order across tabs (the clock, then this page's count), unique by its random tail. */
export const newPendingId = (): string =>
  `${Math.round((performance.timeOrigin + performance.now()) * 1000)
    .toString(36)
    .padStart(12, '0')}.${(pendingCount++).toString(36).padStart(4, '0')}.${crypto.randomUUID().slice(0, 8)}`

/** Journals `change` now: the transaction is made and committed before this task ends (see PendingChange). */
function journal(account: string, change: PendingChange): void {
  void db()('readwrite', (store) => {
    store.put(change, pendingKey(account, change.id))
    store.transaction.commit?.()
    return promisifyRequest(store.transaction)
  }).catch(() => undefined)
}

/**
 * Applies `update` to what is stored and appends `mutations` to the outbox, inside the caller's transaction; the
 * pending entries in `settled` go in the same step, so that none is ever applied twice.
 */
function storeChange(
  store: IDBObjectStore,
  account: string,
  guard: Guard,
  update: (data: Draft) => void,
  mutations: Mutation[],
  settled: string[] = []
): void {
  refresh(store, account, true, guard, (mirror) => {
    applyAndWrite(
      store,
      account,
      mirror === undefined || mirror === 'legacy' ? emptyMirror() : mirror,
      update
    )
    for (const id of settled) store.delete(pendingKey(account, id))
  })
  // Signed out, nothing pushes: the library reaches an account only through a sign-in's migration
  // (session/migration.ts), so an outbox would only grow. One an older version kept goes now.
  if (account === LOCAL_ACCOUNT) store.delete(outboxKey(account))
  else if (mutations.length > 0) editOutbox(store, account, (outbox) => outbox.concat(mutations))
}

/**
 * Applies a change to the stored data and appends its mutations to the outbox in one IndexedDB transaction:
 * a crash never keeps a change without its mutation (or the reverse), and two open tabs that change things
 * at the same moment both keep theirs, because each applies its change to what is stored, not its own copy.
 * Only the records of the groups whose bookmarks change are rewritten, with the small head record. With
 * `pending` (a person's change: `update` applies its mutations), the change is journaled first, so that it
 * survives the tab closing before this transaction ends.
 */
export async function saveChange(
  account: string,
  update: (data: Draft) => void,
  mutations: Mutation[],
  pending?: PendingChange
): Promise<void> {
  if (!pending) {
    await transact('readwrite', account, (store, guard) =>
      storeChange(store, account, guard, update, mutations)
    )
    return
  }
  journal(account, pending)
  try {
    await transact('readwrite', account, (store, guard) => {
      // The journal's transaction commits before this one starts: no entry means a later load applied it already.
      const entry = store.get(pendingKey(account, pending.id))
      entry.onsuccess = () =>
        guard(() => {
          if (entry.result !== undefined) storeChange(store, account, guard, update, mutations, [pending.id])
        })
    })
  } catch (error) {
    // Refused, and the person is told: a later load must not bring it back.
    await db()('readwrite', (store) => {
      store.delete(pendingKey(account, pending.id))
      return promisifyRequest(store.transaction)
    }).catch(() => undefined)
    throw error
  }
}

/**
 * Applies the changes journaled by tabs that closed before storing them (see PendingChange), oldest first, in one
 * transaction with their outbox entries; `apply` applies one change's mutations. How many there were.
 */
export async function replayPending(
  account: string,
  apply: (data: Draft, change: PendingChange) => void
): Promise<number> {
  let count = 0
  await transact('readwrite', account, (store, guard) => {
    const req = store.getAll(IDBKeyRange.bound(...pendingKeyBounds(account)))
    req.onsuccess = () =>
      guard(() => {
        const changes = (req.result as PendingChange[]).filter((c) => Array.isArray(c?.mutations))
        count = changes.length
        if (count === 0) return
        storeChange(
          store,
          account,
          guard,
          (data) => {
            for (const change of changes) apply(data, change)
          },
          changes.flatMap((c) => c.mutations),
          changes.map((c) => c.id)
        )
      })
  })
  return count
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
/** The start view as last drawn, for a new tab's first paint (first-paint.ts); shown only beside its view. */
export const FIRST_PAINT_KEY = 'bookmarks-index:first-paint'

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

/** A saved start view keeps its group's first bookmarks only: more than a screen shows, and a 2,000-bookmark
 * group's whole copy would make the first paint's read and parse grow with the group. */
export const VIEW_BOOKMARKS = 400

const viewMemo = new JsonMemo()

export function saveView(account: string, view: DataState): void {
  const first = sortedBookmarks(Object.values(view.bookmarks)).slice(0, VIEW_BOOKMARKS)
  // As JSON.stringify({ ...view, bookmarks }) writes it, with the text of the bookmarks unchanged since the last save.
  writeLocal(
    viewKey(account),
    `{"spaces":${JSON.stringify(view.spaces)},"groups":${JSON.stringify(view.groups)},"bookmarks":${viewMemo.table(first)}}`
  )
}

/** Forgets an account's cached data, outbox, set-aside changes, sync state and start view with its first-paint
 * copy (sign-out), the stored ones at once. */
export async function clearAccount(account: string): Promise<void> {
  writeLocal(viewKey(account), null)
  writeLocal(FIRST_PAINT_KEY, null)
  await transact('readwrite', account, (store) => {
    store.delete(headKey(account))
    store.delete(IDBKeyRange.bound(...partKeyBounds(account)))
    store.delete(IDBKeyRange.bound(...pendingKeyBounds(account)))
    store.delete(legacyKey(account))
    store.delete(outboxKey(account))
    store.delete(asideKey(account))
    store.delete(syncMetaKey(account))
  })
  mirrors.delete(account)
}
