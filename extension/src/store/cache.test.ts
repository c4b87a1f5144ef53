import { promisifyRequest } from 'idb-keyval'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { bookmark, group, space } from '../../test/fixtures'
import { applyMutation } from './apply'
import {
  clearAccount,
  db,
  LOCAL_ACCOUNT,
  loadData,
  loadOutbox,
  type PendingChange,
  replayPending,
  saveChange
} from './cache'
import { loadSyncMeta, peekSyncMeta, saveCursor } from './sync/meta'
import { type DataState, emptyState, type Mutation, type MutationInput } from './types'

const at = '2026-02-01T00:00:00.000Z'

/** `groups` groups of `perGroup` bookmarks in one space. */
function library(groups: number, perGroup: number): DataState {
  const data = emptyState()
  const s = space('space_1')
  data.spaces[s.id] = s
  for (let g = 0; g < groups; g++) {
    const gr = group(`group_${g}`, s.id, g)
    data.groups[gr.id] = gr
    for (let b = 0; b < perGroup; b++) {
      const bm = bookmark(`bookmark_${g}x${b}`, gr, b)
      data.bookmarks[bm.id] = bm
    }
  }
  return data
}

/** Stores `data` for `account` as one change, the way an import would. */
const store = (account: string, data: DataState) =>
  saveChange(
    account,
    (draft) => {
      Object.assign(draft.spaces, data.spaces)
      Object.assign(draft.groups, data.groups)
      for (const b of Object.values(data.bookmarks)) draft.bookmarks[b.id] = b
    },
    []
  )

/** A change as mutate.ts makes it: the update and its outbox entries. */
const change = (account: string, input: MutationInput, id = 'mutation_1') => {
  const m = { ...input, mutationId: id } as Mutation
  return saveChange(account, (draft) => applyMutation(draft, m, at), [m])
}

/** Another tab: the same IndexedDB through a second copy of cache.ts, with its own memory. */
async function otherTab(): Promise<typeof import('./cache')> {
  vi.resetModules()
  return import('./cache')
}

const allKeys = () => db()('readonly', (s) => promisifyRequest(s.getAllKeys()))

/** Records the keys IndexedDB is asked to write or read while `work` runs. */
async function watch<T>(
  work: () => Promise<T>
): Promise<{ result: T; puts: string[]; gets: string[]; deletes: string[] }> {
  const proto = IDBObjectStore.prototype
  const [put, get, del] = [proto.put, proto.get, proto.delete]
  const puts: string[] = []
  const gets: string[] = []
  const deletes: string[] = []
  proto.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    puts.push(String(key))
    return put.call(this, value, key)
  }
  proto.get = function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
    gets.push(String(key))
    return get.call(this, key)
  }
  proto.delete = function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
    deletes.push(String(key))
    return del.call(this, key)
  }
  try {
    return { result: await work(), puts, gets, deletes }
  } finally {
    Object.assign(proto, { put, get, delete: del })
  }
}

/** Makes IndexedDB refuse writes to keys that `fails` picks (as a full disk or a crash would lose them). */
function refuseWrites(fails: (key: string) => boolean): () => void {
  const proto = IDBObjectStore.prototype
  const put = proto.put
  proto.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    if (fails(String(key))) throw new DOMException('The disk is full', 'QuotaExceededError')
    return put.call(this, value, key)
  }
  return () => {
    proto.put = put
  }
}

afterEach(() => {
  vi.resetModules()
})

describe('the IndexedDB cache', () => {
  it('sign-out clears the data, the outbox and the sync state together, so no cursor outlives its data', async () => {
    const account = 'user_cache'
    const mutation = {
      mutationId: 'mutation_1',
      op: 'delete',
      entity: 'space',
      data: { id: 'space_1' }
    } as const
    await store(account, library(3, 2))
    await saveChange(account, () => undefined, [mutation])
    await loadSyncMeta(account)
    await saveCursor(account, 'cursor_1')
    expect(await peekSyncMeta(account)).toMatchObject({ cursor: 'cursor_1' })

    await clearAccount(account)
    expect(await loadData(account)).toBeUndefined()
    expect(await loadOutbox(account)).toEqual([])
    expect(await peekSyncMeta(account)).toBeUndefined()
    expect(await allKeys()).toEqual([])
  })

  it('signed out, changes keep no outbox (nothing pushes them), and one an older version kept goes on the next change', async () => {
    await store(LOCAL_ACCOUNT, library(1, 1))
    await change(LOCAL_ACCOUNT, { op: 'update', entity: 'space', data: { id: 'space_1', name: 'Renamed' } })
    expect((await loadData(LOCAL_ACCOUNT))?.spaces.space_1?.name).toBe('Renamed')
    expect(await loadOutbox(LOCAL_ACCOUNT)).toEqual([])

    const leftover = { mutationId: 'old_1', op: 'delete', entity: 'space', data: { id: 'space_9' } } as const
    await db()('readwrite', (s) => promisifyRequest(s.put([leftover], `outbox:${LOCAL_ACCOUNT}`)))
    await change(
      LOCAL_ACCOUNT,
      { op: 'update', entity: 'space', data: { id: 'space_1', name: 'Again' } },
      'm2'
    )
    expect(await loadOutbox(LOCAL_ACCOUNT)).toEqual([])
    // Signed in, the outbox is what the engine pushes.
    await change('user_outbox', { op: 'delete', entity: 'space', data: { id: 'space_1' } })
    expect((await loadOutbox('user_outbox')).map((m) => m.mutationId)).toEqual(['mutation_1'])
  })

  it('data stored by an older version, before tags, loads with every bookmark untagged', async () => {
    const account = 'user_old'
    const old = {
      spaces: { space_1: { id: 'space_1', name: 'S', icon: '📁', color: null, order: 0, isArchived: false } },
      groups: {
        group_1: { id: 'group_1', spaceId: 'space_1', name: 'G', icon: null, order: 0, isArchived: false }
      },
      bookmarks: {
        bookmark_1: {
          id: 'bookmark_1',
          spaceId: 'space_1',
          groupId: 'group_1',
          title: 'T',
          url: 'https://t.example/'
        }
      }
    }
    await db()('readwrite', (store) => promisifyRequest(store.put(JSON.stringify(old), `data:${account}`)))
    const data = await loadData(account)
    expect(data?.bookmarks.bookmark_1).toMatchObject({
      title: 'T',
      tags: [],
      description: null,
      isPinned: false
    })
  })
})

describe('records per group', () => {
  it('a change to one bookmark rewrites only its group’s record and the small head, however big the library', async () => {
    const account = 'user_big'
    await store(account, library(20, 50))
    const { puts } = await watch(() =>
      change(account, { op: 'update', entity: 'bookmark', data: { id: 'bookmark_7x3', title: 'Renamed' } })
    )
    expect(puts.sort()).toEqual([`bookmarks:${account}:group_7`, `library:${account}`, `outbox:${account}`])
    const fresh = await otherTab()
    const data = await fresh.loadData(account)
    expect(data?.bookmarks.bookmark_7x3?.title).toBe('Renamed')
    expect(Object.keys(data?.bookmarks ?? {})).toHaveLength(1000)
    expect(await fresh.loadOutbox(account)).toHaveLength(1)
  })

  it('a bookmark moved to another group is rewritten in both, and a fresh load finds it only in its new one', async () => {
    const account = 'user_move'
    await store(account, library(3, 4))
    const { puts } = await watch(() =>
      change(account, {
        op: 'move',
        entity: 'bookmark',
        data: { id: 'bookmark_0x1', groupId: 'group_2', position: 'a5' }
      })
    )
    expect(puts.filter((key) => key.startsWith('bookmarks:')).sort()).toEqual([
      `bookmarks:${account}:group_0`,
      `bookmarks:${account}:group_2`
    ])
    const fresh = await otherTab()
    const data = await fresh.loadData(account)
    const inGroup = (id: string) =>
      Object.values(data?.bookmarks ?? {})
        .filter((b) => b.groupId === id)
        .map((b) => b.id)
    expect(inGroup('group_0')).toHaveLength(3)
    expect(inGroup('group_2')).toContain('bookmark_0x1')
    const view = await fresh.loadStartView(account, () => 'group_0')
    expect(Object.keys(view?.bookmarks ?? {})).not.toContain('bookmark_0x1')
  })

  it('removing a group’s last bookmark removes its record, and a complete replacement removes the groups gone', async () => {
    const account = 'user_replace'
    await store(account, library(3, 1))
    await change(account, { op: 'delete', entity: 'bookmark', data: { id: 'bookmark_1x0' } })
    expect(await allKeys()).not.toContain(`bookmarks:${account}:group_1`)

    const next = library(1, 2)
    await saveChange(
      account,
      (draft) => {
        draft.spaces = next.spaces
        draft.groups = next.groups
        draft.bookmarks = next.bookmarks
      },
      []
    )
    expect((await allKeys()).filter((key) => String(key).startsWith('bookmarks:'))).toEqual([
      `bookmarks:${account}:group_0`
    ])
    const data = await (await otherTab()).loadData(account)
    expect(Object.keys(data?.bookmarks ?? {}).sort()).toEqual(['bookmark_0x0', 'bookmark_0x1'])
  })

  it('two tabs changing the same group at the same moment both keep their change', async () => {
    const account = 'user_tabs'
    await store(account, library(2, 3))
    const other = await otherTab()
    // Each tab has read the library once, so each holds its own copy in memory.
    await loadData(account)
    await other.loadData(account)
    const update = (id: string, title: string) =>
      ({ op: 'update', entity: 'bookmark', data: { id, title } }) as const
    await Promise.all([
      change(account, update('bookmark_0x0', 'From tab 1'), 'mutation_a'),
      other.saveChange(
        account,
        (draft) => applyMutation(draft, update('bookmark_0x1', 'From tab 2'), at),
        []
      ),
      change(account, update('bookmark_0x2', 'From tab 1 again'), 'mutation_b')
    ])
    const data = await (await otherTab()).loadData(account)
    expect([0, 1, 2].map((i) => data?.bookmarks[`bookmark_0x${i}`]?.title)).toEqual([
      'From tab 1',
      'From tab 2',
      'From tab 1 again'
    ])
    // And this tab sees the other's change on its next load.
    expect((await loadData(account))?.bookmarks.bookmark_0x1?.title).toBe('From tab 2')
  })

  it('the start view reads the head and the start group’s record, nothing of the other groups', async () => {
    const account = 'user_start'
    await store(account, library(10, 20))
    const fresh = await otherTab()
    const { result: view, gets } = await watch(() =>
      fresh.loadStartView(account, (data) => (Object.keys(data.groups).length === 10 ? 'group_4' : undefined))
    )
    expect(gets).toEqual([`library:${account}`, `bookmarks:${account}:group_4`])
    expect(Object.keys(view?.groups ?? {})).toHaveLength(10)
    expect(Object.values(view?.bookmarks ?? {}).map((b) => b.groupId)).toEqual(Array(20).fill('group_4'))
    expect(await fresh.loadStartView('user_nobody', () => 'group_4')).toBeUndefined()
  })
})

describe('migration from one record per account', () => {
  const putLegacy = (account: string, data: DataState) =>
    db()('readwrite', (s) => promisifyRequest(s.put(JSON.stringify(data), `data:${account}`)))

  it('the first load moves the old record into records per group and removes it, losing nothing', async () => {
    const account = 'user_legacy'
    const data = library(4, 5)
    await putLegacy(account, data)
    const outbox = [{ mutationId: 'mutation_1', op: 'delete', entity: 'space', data: { id: 'space_gone' } }]
    await db()('readwrite', (s) => promisifyRequest(s.put(outbox, `outbox:${account}`)))

    const fresh = await otherTab()
    expect(await fresh.loadData(account)).toEqual(data)
    const keys = (await allKeys()).map(String)
    expect(keys).not.toContain(`data:${account}`)
    expect(keys.filter((key) => key.startsWith(`bookmarks:${account}:`))).toHaveLength(4)
    expect(await fresh.loadOutbox(account)).toEqual(outbox)
    expect(await (await otherTab()).loadData(account)).toEqual(data)
  })

  it('a change saved before any load migrates too, in the same transaction, and applies on top', async () => {
    const account = 'user_legacy_change'
    await putLegacy(account, library(2, 2))
    await change(account, { op: 'update', entity: 'group', data: { id: 'group_1', name: 'Renamed' } })
    const data = await (await otherTab()).loadData(account)
    expect(data?.groups.group_1?.name).toBe('Renamed')
    expect(Object.keys(data?.bookmarks ?? {})).toHaveLength(4)
    expect((await allKeys()).map(String)).not.toContain(`data:${account}`)
  })

  it('a migration cut short keeps the old record, and the next load migrates it', async () => {
    const account = 'user_legacy_crash'
    const data = library(3, 2)
    await putLegacy(account, data)
    const restore = refuseWrites((key) => key === `library:${account}`)
    try {
      await expect(loadData(account)).rejects.toThrow('The disk is full')
    } finally {
      restore()
    }
    expect((await allKeys()).map(String)).toEqual([`data:${account}`])
    expect(await (await otherTab()).loadData(account)).toEqual(data)
  })
})

describe('crash safety', () => {
  it('a change IndexedDB refuses keeps neither its data nor its outbox entry, and the next change applies to what is stored', async () => {
    const account = 'user_crash'
    await store(account, library(2, 2))
    await loadData(account)
    const restore = refuseWrites((key) => key === `bookmarks:${account}:group_1`)
    try {
      await expect(
        change(account, { op: 'update', entity: 'bookmark', data: { id: 'bookmark_1x0', title: 'Lost' } })
      ).rejects.toThrow('The disk is full')
    } finally {
      restore()
    }
    expect(await loadOutbox(account)).toEqual([])
    await change(account, { op: 'update', entity: 'bookmark', data: { id: 'bookmark_1x1', title: 'Kept' } })
    const data = await (await otherTab()).loadData(account)
    expect(data?.bookmarks.bookmark_1x0?.title).toBe('bookmark_1x0')
    expect(data?.bookmarks.bookmark_1x1?.title).toBe('Kept')
    expect(await loadOutbox(account)).toHaveLength(1)
  })

  it('an update that throws stores nothing and rejects with its own error', async () => {
    const account = 'user_throw'
    await store(account, library(1, 2))
    await expect(
      saveChange(
        account,
        (draft) => {
          delete draft.bookmarks.bookmark_0x0
          throw new Error('a rule failed')
        },
        [{ mutationId: 'mutation_x', op: 'delete', entity: 'bookmark', data: { id: 'bookmark_0x0' } }]
      )
    ).rejects.toThrow('a rule failed')
    expect(Object.keys((await loadData(account))?.bookmarks ?? {})).toHaveLength(2)
    expect(await loadOutbox(account)).toEqual([])
  })
})

describe('changes journaled as they are made', () => {
  const pin = (id: string, mutationId: string): PendingChange => ({
    id: `0000000000${mutationId.slice(-2)}.0000.test`,
    at,
    mutations: [{ mutationId, op: 'update', entity: 'bookmark', data: { id, isPinned: true } } as Mutation]
  })
  const applyChange = (draft: DataState, c: PendingChange) => {
    for (const m of c.mutations) applyMutation(draft, m, c.at)
  }
  const pendingKeys = async () => (await allKeys()).map(String).filter((k) => k.startsWith('pending:'))

  it('a change whose tab closed before storing it is applied once, by the next load, outbox entry included', async () => {
    const account = 'user_closed'
    await store(account, library(2, 2))
    // What a closed tab leaves: the journal's entry, its own transaction never run.
    const left = pin('bookmark_1x0', 'mutation_01')
    await db()('readwrite', (s) => {
      s.put(left, `pending:${account}:${left.id}`)
      return promisifyRequest(s.transaction)
    })
    expect(await replayPending(account, applyChange)).toBe(1)
    expect(await (await otherTab()).replayPending(account, applyChange)).toBe(0)
    expect((await loadData(account))?.bookmarks.bookmark_1x0?.isPinned).toBe(true)
    expect((await loadOutbox(account)).map((m) => m.mutationId)).toEqual(['mutation_01'])
    expect(await pendingKeys()).toEqual([])
  })

  it('a change stored by its own transaction leaves no journal entry, so a later load replays nothing', async () => {
    const account = 'user_journal'
    await store(account, library(1, 2))
    const first = pin('bookmark_0x0', 'mutation_02')
    await saveChange(account, (d) => applyChange(d, first), first.mutations, first)
    expect(await pendingKeys()).toEqual([])
    expect(await (await otherTab()).replayPending(account, applyChange)).toBe(0)
    expect((await loadOutbox(account)).map((m) => m.mutationId)).toEqual(['mutation_02'])
    expect((await loadData(account))?.bookmarks.bookmark_0x0?.isPinned).toBe(true)
  })

  it('a change IndexedDB refuses leaves no journal entry for a later load to bring back', async () => {
    const account = 'user_refused'
    await store(account, library(2, 2))
    await loadData(account)
    const refused = pin('bookmark_1x0', 'mutation_04')
    const restore = refuseWrites((key) => key === `bookmarks:${account}:group_1`)
    try {
      await expect(
        saveChange(account, (d) => applyChange(d, refused), refused.mutations, refused)
      ).rejects.toThrow('The disk is full')
    } finally {
      restore()
    }
    expect(await pendingKeys()).toEqual([])
    expect(await replayPending(account, applyChange)).toBe(0)
    expect((await loadData(account))?.bookmarks.bookmark_1x0?.isPinned).toBe(false)
  })
})
