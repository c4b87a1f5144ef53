// A device for the sync tests: one account's IndexedDB data and outbox (cache.ts, in fake-indexeddb), an
// in-memory copy standing in for the Solid store, local changes made the way mutate.ts makes them, and a
// sync engine talking to the real Worker.

import { type ApiClient, createApiClient, expectData } from '../../extension/src/api/client.ts'
import { applyMutation } from '../../extension/src/store/apply.ts'
import { loadData, loadOutbox, saveChange } from '../../extension/src/store/cache.ts'
import { newId, now } from '../../extension/src/store/ids.ts'
import {
  createSyncEngine,
  type RejectedMutation,
  type SetAside,
  type SyncEngine,
  type SyncEngineOptions,
  type SyncStatus
} from '../../extension/src/store/sync/engine.ts'
import {
  type DataState,
  emptyState,
  type Mutation,
  type MutationInput
} from '../../extension/src/store/types.ts'
import { createDefaults } from '../../model/defaults.ts'
import { rankPosition } from '../../model/position.ts'

export type DeviceOptions = {
  account: string
  client: ApiClient
} & Partial<Pick<SyncEngineOptions, 'pushBatchSize' | 'pullPageSize' | 'pullIntervalMs' | 'pushDebounceMs'>>

export class Device {
  state: DataState = emptyState()
  readonly rejected: RejectedMutation[] = []
  readonly setAside: SetAside[] = []
  readonly statuses: SyncStatus[] = []
  readonly engine: SyncEngine
  readonly account: string

  constructor(options: DeviceOptions) {
    this.account = options.account
    this.engine = createSyncEngine({
      ...options,
      applyRemote: async (update) => {
        update(this.state)
        await saveChange(this.account, update, [])
      },
      onRejected: (rejected) => this.rejected.push(...rejected),
      onSetAside: (entries) => this.setAside.push(...entries),
      onStatus: (status) => this.statuses.push(status)
    })
  }

  /** Loads what this account has stored (a reload of the new-tab page). */
  async load(): Promise<void> {
    this.state = (await loadData(this.account)) ?? emptyState()
  }

  /** A local change, exactly as mutate.ts records it: applied, stored and queued in one transaction. */
  async change(...inputs: MutationInput[]): Promise<Mutation[]> {
    const at = now()
    const mutations = inputs.map((m) => ({ ...m, mutationId: newId('mutation') }) as Mutation)
    const apply = (draft: DataState) => {
      for (const m of mutations) applyMutation(draft, m, at)
    }
    apply(this.state)
    await saveChange(this.account, apply, mutations)
    this.engine.notifyChange()
    return mutations
  }

  outbox(): Promise<Mutation[]> {
    return loadOutbox(this.account)
  }

  stored(): Promise<DataState | undefined> {
    return loadData(this.account)
  }
}

/** A client for `url` signing in as `userId`. */
export function clientFor(url: string, token: () => Promise<string>): ApiClient {
  return createApiClient({ baseUrl: url, getToken: token, timeoutMs: 15_000 }).client
}

/** What the server holds for the client's user, as a DataState (one complete pull). */
export async function serverState(client: ApiClient): Promise<DataState> {
  const page = expectData(await client.GET('/v1/sync/pull', { params: { query: { limit: 10_000 } } }))
  return {
    spaces: Object.fromEntries(page.spaces.map((s) => [s.id, s])),
    groups: Object.fromEntries(page.groups.map((g) => [g.id, g])),
    bookmarks: Object.fromEntries(page.bookmarks.map((b) => [b.id, b]))
  }
}

export async function serverStatus(client: ApiClient) {
  return expectData(await client.GET('/v1/sync/status'))
}

const stamp = () => new Date().toISOString()

export const newSpace = (name: string) => ({
  id: newId('space'),
  name,
  icon: '📁',
  color: null,
  position: rankPosition(0),
  isArchived: false,
  createdAt: stamp(),
  updatedAt: stamp()
})

export const newGroup = (spaceId: string, name: string) => ({
  id: newId('group'),
  spaceId,
  name,
  icon: null,
  position: rankPosition(0),
  isArchived: false,
  createdAt: stamp(),
  updatedAt: stamp()
})

/** A new bookmark at the `rank`-th place of its group (its rank key, model/position.ts). */
export const newBookmark = (spaceId: string, groupId: string, title: string, rank = 0) => ({
  id: newId('bookmark'),
  spaceId,
  groupId,
  title,
  url: `https://example.com/${encodeURIComponent(title)}`,
  ...createDefaults.bookmark,
  position: rankPosition(rank),
  isArchived: false,
  createdAt: stamp(),
  updatedAt: stamp()
})
