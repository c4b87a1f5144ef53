// Runs in Chromium (bundled by browser.test.ts): the extension's sync engine with the browser's own
// IndexedDB, Web Locks and fetch, driven by the test through window.syncHarness.
import { createApiClient } from '../../../extension/src/api/client.ts'
import { applyMutation } from '../../../extension/src/store/apply.ts'
import { loadData, loadOutbox, saveChange } from '../../../extension/src/store/cache.ts'
import { newId, now } from '../../../extension/src/store/ids.ts'
import {
  createSyncEngine,
  type SyncEngine,
  type SyncStatus
} from '../../../extension/src/store/sync/engine.ts'
import { startLive } from '../../../extension/src/store/sync/live.ts'
import {
  type DataState,
  emptyState,
  type Mutation,
  type MutationInput
} from '../../../extension/src/store/types.ts'

let engine: SyncEngine | undefined
let account = ''
let state: DataState = emptyState()
let pokes = 0

const harness = {
  hasWebLocks: () => typeof navigator.locks?.request === 'function',

  /** Starts this page's engine for `account`, calling the API at `apiUrl` with `token`. */
  async open(options: { account: string; apiUrl: string; token: string }) {
    account = options.account
    state = (await loadData(account)) ?? emptyState()
    const { client } = createApiClient({ baseUrl: options.apiUrl, getToken: async () => options.token })
    engine = createSyncEngine({
      account,
      client,
      applyRemote: async (update) => {
        update(state)
        await saveChange(account, update, [])
      }
    })
  },

  /** A local change, as mutate.ts records it. */
  async change(inputs: MutationInput[]): Promise<string[]> {
    const at = now()
    const mutations = inputs.map((m) => ({ ...m, mutationId: newId('mutation') }) as Mutation)
    const apply = (draft: DataState) => {
      for (const m of mutations) applyMutation(draft, m, at)
    }
    apply(state)
    await saveChange(account, apply, mutations)
    return mutations.map((m) => m.mutationId)
  },

  syncNow: (): Promise<SyncStatus> => {
    if (!engine) throw new Error('open() first')
    return engine.syncNow()
  },

  /**
   * Opens the live channel at `apiUrl`. Each connection asks the test for its token (`liveToken`, which the test
   * exposes to the page); pokes() counts what the channel asked to pull, each (re)connect included.
   */
  live(apiUrl: string) {
    const page = globalThis as unknown as { liveToken: () => Promise<string> }
    startLive({ apiUrl, getToken: () => page.liveToken(), onPoke: () => pokes++ })
  },
  pokes: () => pokes,

  stored: async (): Promise<DataState | undefined> => loadData(account),
  outbox: (): Promise<Mutation[]> => loadOutbox(account)
}

export type SyncHarness = typeof harness
;(globalThis as unknown as { syncHarness: SyncHarness }).syncHarness = harness
