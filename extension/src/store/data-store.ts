// The reactive data store of one account: loads from IndexedDB, changes only through mutate(), and keeps
// other open new tabs in step through a BroadcastChannel.
import { type Accessor, batch, createContext, createSignal, useContext } from 'solid-js'
import { createStore, produce, reconcile, unwrap } from 'solid-js/store'
import { type BookmarkChange, createBookmarkIndex, diffTables, watchWrites } from './bookmark-index'
import { LOCAL_ACCOUNT, loadData, replayPending, sameEntity, saveChange } from './cache'
import { applyPending, createMutate, type Mutate } from './mutate'
import { type Bookmark, type DataState, type Draft, emptyState } from './types'

export type DataStore = {
  /** Fine-grained reactive data: read single entities and fields here. */
  state: DataState
  /**
   * The same data as plain objects, tracked as a whole. Scans over thousands of bookmarks go through this,
   * because reading each field through the store would create thousands of subscriptions on first paint.
   */
  snapshot: Accessor<DataState>
  /** Every bookmark of one group, archived ones too, in no particular order; tracks that group's changes only. */
  groupBookmarks: (groupId: string) => Bookmark[]
  /** How many bookmarks are archived, counted change by change. */
  archivedBookmarks: Accessor<number>
  /** Tells `listener` of every bookmark added, replaced or removed from now on (a search index); returns how to stop. */
  watchBookmarks: (listener: BookmarkChange) => () => void
  ready: Accessor<boolean>
  account: Accessor<string>
  mutate: Mutate
  /** Loads an account's whole library from IndexedDB (a new tab paints its start view before, see main.tsx). */
  load: (account?: string) => Promise<void>
  /** Shows a cached start view until load() brings the full data; changes wait for load(). */
  showView: (view: DataState) => void
  /** Applies changes that are already on the server (sync pull): persisted, but never added to the outbox. */
  applyRemote: (apply: (draft: DataState) => void) => Promise<void>
  /** Sets the one listener told after each local change is saved to the outbox (the sync engine's push). */
  onLocalChange: (listener: (() => void) | undefined) => void
  /** Resolves once every change made so far is stored (or was refused and rolled back). */
  saved: () => Promise<void>
}

const CHANNEL = 'bookmarks-index:changes'

/** Reuses the objects already shown for bookmarks that did not change, so their tiles are not rebuilt. */
function keepUnchanged<T extends object>(shown: Record<string, T>, next: Record<string, T>): void {
  for (const [id, item] of Object.entries(shown)) {
    const fresh = next[id]
    if (fresh && fresh !== item && sameEntity(item, fresh)) next[id] = item
  }
}

export function createDataStore(): DataStore {
  const [state, setState] = createStore<DataState>(emptyState())
  const [version, setVersion] = createSignal(0)
  const index = createBookmarkIndex()
  /** Every write to the data goes through here: the index and the version signal hear of it in its batch. */
  const write = (apply: () => void) =>
    batch(() => {
      apply()
      index.publish()
      setVersion((v) => v + 1)
    })
  /** Applies `apply` to the data; the index is told of each bookmark it writes or deletes as it does. */
  const change = (apply: (draft: Draft) => void) =>
    write(() =>
      setState(
        produce((draft) => {
          const table = draft.bookmarks
          const watched = watchWrites(table, index.change)
          const view: Draft = {
            spaces: draft.spaces,
            groups: draft.groups,
            bookmarks: watched,
            // Right only while the table is the one the index follows (a complete pull replaces it).
            get bookmarksIn() {
              return view.bookmarks === watched ? index.peek : undefined
            }
          }
          apply(view)
          if (view.spaces !== draft.spaces) draft.spaces = view.spaces
          if (view.groups !== draft.groups) draft.groups = view.groups
          if (view.bookmarks !== watched) {
            diffTables(table, view.bookmarks, index.change)
            draft.bookmarks = view.bookmarks
          }
        })
      )
    )
  /** Puts `data` in place of the store's data as a whole (a load, a start view). */
  const replace = (data: DataState) =>
    change((draft) => {
      draft.spaces = data.spaces
      draft.groups = data.groups
      draft.bookmarks = data.bookmarks
    })
  const snapshot = () => {
    version()
    return unwrap(state)
  }
  const [ready, setReady] = createSignal(false)
  const [account, setAccount] = createSignal(LOCAL_ACCOUNT)
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : undefined

  const announce = () => channel?.postMessage({ account: account() })

  let viewShown = false
  let resolveLoaded = () => {}
  let rejectLoaded = (_error: Error) => {}
  const loaded = new Promise<void>((resolve, reject) => {
    resolveLoaded = resolve
    rejectLoaded = reject
  })
  loaded.catch(() => {})

  const showView = (view: DataState) => {
    if (ready()) return
    viewShown = true
    replace(view)
  }

  const load = async (next = account()) => {
    let data: DataState
    let replayed = 0
    try {
      // Changes a tab closed before storing: in the data before it is read (cache.ts PendingChange).
      replayed = await replayPending(next, applyPending)
      data = (await loadData(next)) ?? emptyState()
    } catch (error) {
      rejectLoaded(new Error('Your saved bookmarks could not be read, so changes cannot be saved'))
      throw error
    }
    const first = (!ready() && !viewShown) || next !== account()
    setAccount(next)
    // The first load hands the stored objects over as they are: diffing 50,000 bookmarks against an empty
    // store would cost tens of milliseconds. Later reloads diff, so open views keep their nodes.
    if (first) replace(data)
    else {
      // A start view's bookmarks (one group) are kept where unchanged. Later reloads need no comparing: the
      // cache hands back the very objects it gave before for every bookmark that did not change.
      if (!ready()) keepUnchanged(state.bookmarks, data.bookmarks)
      const previous = state.bookmarks
      write(() => {
        setState(reconcile(data, { merge: false }))
        diffTables(previous, data.bookmarks, index.change)
      })
    }
    setReady(true)
    resolveLoaded()
    if (replayed > 0) {
      announce()
      localChange?.()
    }
  }

  // Another tab saved: reload, but only once our own saves are stored, or the reload would hide them.
  let pending = 0
  let reloadWanted = false
  let stored: Promise<unknown> = Promise.resolve()
  const track = async <T>(work: Promise<T>): Promise<T> => {
    pending++
    stored = Promise.all([stored, work]).catch(() => undefined)
    try {
      return await work
    } finally {
      pending--
      if (pending === 0 && reloadWanted) {
        reloadWanted = false
        void load()
      }
    }
  }
  channel?.addEventListener('message', (event: MessageEvent<{ account: string; queued?: boolean }>) => {
    if (event.data.account !== account()) return
    if (pending > 0) reloadWanted = true
    else void load()
    // Queued by a context that runs no sync engine (the service worker's captures): this page's engine pushes it.
    if (event.data.queued) localChange?.()
  })

  let localChange: (() => void) | undefined
  const mutateNow = createMutate({
    change,
    account,
    whenLoaded: () => (ready() ? undefined : loaded),
    onSaved: () => {
      announce()
      localChange?.()
    }
  })
  // A change IndexedDB refused is rolled back by reloading what is stored; the error still reaches the caller
  // (and the page's error toast), so nothing fails silently.
  const mutate: Mutate = (input) =>
    track(mutateNow(input)).catch(async (error: unknown) => {
      if (ready()) await load().catch(() => {})
      throw error
    })

  const applyRemote = (apply: (draft: DataState) => void) =>
    track(
      (async () => {
        change(apply)
        await saveChange(account(), apply, [])
        announce()
      })()
    )

  const onLocalChange = (listener: (() => void) | undefined) => {
    localChange = listener
  }

  const saved = () => stored.then(() => undefined)

  return {
    state,
    snapshot,
    groupBookmarks: index.inGroup,
    archivedBookmarks: index.archived,
    watchBookmarks: index.watch,
    ready,
    account,
    mutate,
    load,
    showView,
    applyRemote,
    onLocalChange,
    saved
  }
}

export const StoreContext = createContext<DataStore>()

export function useStore(): DataStore {
  const store = useContext(StoreContext)
  if (!store) throw new Error('useStore() must be used inside <StoreContext.Provider>')
  return store
}
