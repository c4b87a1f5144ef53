// The reactive data store of one account: loads from IndexedDB, changes only through mutate(), and keeps
// other open new tabs in step through a BroadcastChannel.
import { type Accessor, createContext, createSignal, useContext } from 'solid-js'
import { createStore, produce, reconcile } from 'solid-js/store'
import { LOCAL_ACCOUNT, loadData, saveChange } from './cache'
import { createMutate, type Mutate } from './mutate'
import { type DataState, emptyState } from './types'

export type DataStore = {
  state: DataState
  ready: Accessor<boolean>
  account: Accessor<string>
  mutate: Mutate
  /** Loads an account's data from IndexedDB (the first paint's only wait). */
  load: (account?: string) => Promise<void>
  /** Applies changes that are already on the server (sync pull): persisted, but never added to the outbox. */
  applyRemote: (apply: (draft: DataState) => void) => Promise<void>
}

const CHANNEL = 'bookmarks-index:changes'

export function createDataStore(): DataStore {
  const [state, setState] = createStore<DataState>(emptyState())
  const [ready, setReady] = createSignal(false)
  const [account, setAccount] = createSignal(LOCAL_ACCOUNT)
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : undefined

  const announce = () => channel?.postMessage({ account: account() })

  const load = async (next = account()) => {
    const data = (await loadData(next)) ?? emptyState()
    setAccount(next)
    setState(reconcile(data, { merge: false }))
    setReady(true)
  }

  // Another tab saved: reload, but only once our own saves are stored, or the reload would hide them.
  let pending = 0
  let reloadWanted = false
  const track = async <T>(work: Promise<T>): Promise<T> => {
    pending++
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
  channel?.addEventListener('message', (event: MessageEvent<{ account: string }>) => {
    if (event.data.account !== account()) return
    if (pending > 0) reloadWanted = true
    else void load()
  })

  const mutateNow = createMutate({ setState, account, loaded: ready, onSaved: announce })
  const mutate: Mutate = (input) => track(mutateNow(input))

  const applyRemote = (apply: (draft: DataState) => void) =>
    track(
      (async () => {
        setState(produce(apply))
        await saveChange(account(), apply, [])
        announce()
      })()
    )

  return { state, ready, account, mutate, load, applyRemote }
}

export const StoreContext = createContext<DataStore>()

export function useStore(): DataStore {
  const store = useContext(StoreContext)
  if (!store) throw new Error('useStore() must be used inside <StoreContext.Provider>')
  return store
}
