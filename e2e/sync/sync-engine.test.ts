/// <reference types="vite/client" />
// The extension's sync engine against a real `wrangler dev` and PostgreSQL: offline changes arrive once,
// two devices converge, a push whose answer was lost applies once, a refused change is reported, leaves the
// outbox and is rolled back. IndexedDB is fake-indexeddb; every device is its own account key in it.
import { positionBetween, rankPosition } from '../../model/position.ts'
import { byPosition, type Positioned } from '../../model/rules.ts'
import 'fake-indexeddb/auto'
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { ApiError, createApiClient, expectData } from '../../extension/src/api/client.ts'
import { saveChange } from '../../extension/src/store/cache.ts'
import { peekSyncMeta, saveCursor } from '../../extension/src/store/sync/meta.ts'
import { planMigration, runMigration } from '../../extension/src/store/sync/migrate.ts'
import { emptyState } from '../../extension/src/store/types.ts'
import { EXTENSION_ORIGIN } from '../../scripts/lib/dev-env.ts'
import { freePort } from '../../scripts/lib/free-port.ts'
import {
  clientFor,
  Device,
  type DeviceOptions,
  newBookmark,
  newGroup,
  newSpace,
  serverState,
  serverStatus
} from './device.ts'
import type { SyncServer } from './server.ts'
import { sharedSyncServer } from './shared.ts'

let server: SyncServer

beforeAll(async () => {
  server = await sharedSyncServer()
})

/** The project's server allows the extension's origin, so tokens carry it as `azp`, as the extension's do. */
const tokenFor = (user: string) => server.tokenFor(user, EXTENSION_ORIGIN)

const newUser = (label: string) => `user_sync_${label}_${randomUUID().slice(0, 8)}`
const online = (user: string) => clientFor(server.url, () => tokenFor(user))
const device = (user: string, name: string, options: Omit<DeviceOptions, 'account' | 'client'> = {}) =>
  new Device({ account: `${user}@${name}`, client: online(user), ...options })

describe('sync engine against the real Worker', () => {
  it('keeps offline changes in the outbox and pushes them once when the server is reachable', async () => {
    const user = newUser('offline')
    // Nothing listens on this port: every request fails the way it does with no network.
    const unreachable = clientFor(`http://127.0.0.1:${await freePort()}`, () => tokenFor(user))
    const offlineA = new Device({ account: `${user}@a`, client: unreachable })

    const space = newSpace('Work')
    const group = newGroup(space.id, 'Docs')
    const bookmark = newBookmark(space.id, group.id, 'Spec')
    await offlineA.change({ op: 'create', entity: 'space', data: space })
    await offlineA.change(
      { op: 'create', entity: 'group', data: group },
      { op: 'create', entity: 'bookmark', data: bookmark }
    )

    const status = await offlineA.engine.syncNow()
    expect(status).toMatchObject({ state: 'offline', pending: 3 })
    expect((await offlineA.outbox()).map((m) => m.data)).toEqual([space, group, bookmark])
    expect(offlineA.state.bookmarks[bookmark.id]?.title).toBe('Spec')

    // Back online (the page reloads with the same account): the same outbox goes out.
    const a = device(user, 'a')
    await a.load()
    expect(await a.engine.syncNow()).toMatchObject({ state: 'synced', pending: 0 })
    expect(await a.outbox()).toEqual([])
    expect(await serverStatus(online(user))).toMatchObject({
      hasData: true,
      counts: { spaces: 1, groups: 1, bookmarks: 1 }
    })
    // Local data is now the server's copy, in memory and in IndexedDB.
    const remote = await serverState(online(user))
    expect(a.state).toEqual(remote)
    expect(await a.stored()).toEqual(remote)

    // Syncing again sends nothing and changes nothing.
    const before = await serverStatus(online(user))
    expect(await a.engine.syncNow()).toMatchObject({ state: 'synced', pending: 0 })
    expect(await serverStatus(online(user))).toEqual(before)
    expect(a.rejected).toEqual([])
    expect(a.statuses.map((s) => s.state)).toEqual(['syncing', 'synced', 'syncing', 'synced'])
  })

  it('converges two devices of one user, pulling in pages', async () => {
    const user = newUser('devices')
    const a = device(user, 'a')
    const b = device(user, 'b', { pullPageSize: 2 })

    const space = newSpace('Home')
    const group = newGroup(space.id, 'Reading')
    const first = newBookmark(space.id, group.id, 'First', 0)
    const second = newBookmark(space.id, group.id, 'Second', 1)
    await a.change(
      { op: 'create', entity: 'space', data: space },
      { op: 'create', entity: 'group', data: group },
      { op: 'create', entity: 'bookmark', data: first },
      { op: 'create', entity: 'bookmark', data: second }
    )
    await a.engine.syncNow()
    expect(await b.engine.syncNow()).toMatchObject({ state: 'synced' })
    expect(b.state).toEqual(a.state)
    expect(Object.keys(b.state.bookmarks)).toHaveLength(2)

    // Changes on both sides, then each syncs: both end with the same data as the server.
    await a.change(
      { op: 'update', entity: 'bookmark', data: { id: first.id, title: 'First, renamed on A' } },
      // A drag of the second before the first: one move, with a key before the first's.
      {
        op: 'move',
        entity: 'bookmark',
        data: { id: second.id, groupId: group.id, position: positionBetween(null, first.position) as string }
      }
    )
    const third = newBookmark(space.id, group.id, 'Third from B', 2)
    await b.change(
      { op: 'create', entity: 'bookmark', data: third },
      { op: 'update', entity: 'space', data: { id: space.id, name: 'Home (B)' } }
    )
    await a.engine.syncNow()
    await b.engine.syncNow()
    await a.engine.syncNow()

    const remote = await serverState(online(user))
    expect(a.state).toEqual(remote)
    expect(b.state).toEqual(remote)
    expect(await b.stored()).toEqual(remote)
    expect(remote.bookmarks[first.id]).toMatchObject({
      title: 'First, renamed on A',
      position: first.position
    })
    expect(
      Object.values(remote.bookmarks)
        .sort(byPosition)
        .map((b) => b.id)
    ).toEqual([second.id, first.id, third.id])
    expect(remote.bookmarks[third.id]?.title).toBe('Third from B')
    expect(remote.spaces[space.id]?.name).toBe('Home (B)')

    // A delete on B reaches A as a tombstone, with the subtree.
    await b.change({ op: 'delete', entity: 'group', data: { id: group.id } })
    await b.engine.syncNow()
    await a.engine.syncNow()
    expect(a.state.groups).toEqual({})
    expect(a.state.bookmarks).toEqual({})
    expect(a.state).toEqual(b.state)
    expect(a.rejected).toEqual([])
    expect(b.rejected).toEqual([])
  })

  it('applies a push once when its answer was lost and the outbox is pushed again', async () => {
    const user = newUser('replay')
    let loseNextPushAnswer = true
    // The request reaches the real Worker and is applied; only the answer never gets back.
    const lossy = createApiClient({
      baseUrl: server.url,
      getToken: () => tokenFor(user),
      fetch: async (request, init) => {
        const response = await fetch(request, init)
        if (request.method === 'POST' && request.url.endsWith('/v1/sync/push') && loseNextPushAnswer) {
          loseNextPushAnswer = false
          await response.arrayBuffer()
          throw new TypeError('network connection lost')
        }
        return response
      }
    }).client
    const a = new Device({ account: `${user}@a`, client: lossy })
    const space = newSpace('Replay')
    const group = newGroup(space.id, 'Once')
    await a.change(
      { op: 'create', entity: 'space', data: space },
      { op: 'create', entity: 'group', data: group },
      { op: 'update', entity: 'space', data: { id: space.id, name: 'Replay, renamed' } }
    )

    const lost = await a.engine.syncNow()
    expect(lost).toMatchObject({ state: 'offline', pending: 3 })
    expect(lost.error).toContain('network connection lost')
    const afterFirst = await serverStatus(online(user))
    expect(afterFirst.counts).toEqual({ spaces: 1, groups: 1, bookmarks: 0 })

    // The same outbox again: every mutation is a replay, answered with its stored outcome.
    expect(await a.engine.syncNow()).toMatchObject({ state: 'synced', pending: 0 })
    expect(a.rejected).toEqual([])
    expect(await a.outbox()).toEqual([])
    expect((await serverStatus(online(user))).counts).toEqual({ spaces: 1, groups: 1, bookmarks: 0 })
    // Nothing was written by the replay: a pull from just after the first push finds no change.
    const since = expectData(
      await online(user).GET('/v1/sync/pull', { params: { query: { cursor: afterFirst.cursor } } })
    )
    expect([since.spaces, since.groups, since.bookmarks]).toEqual([[], [], []])
    expect(since.deleted).toEqual({ spaces: [], groups: [], bookmarks: [] })
    expect(a.state.spaces[space.id]?.name).toBe('Replay, renamed')
  })

  it('reports a mutation the server rejects, drops it from the outbox and rolls it back', async () => {
    const user = newUser('rejected')
    const a = device(user, 'a')
    const b = device(user, 'b')
    const space = newSpace('Shared')
    const group = newGroup(space.id, 'Links')
    const doomed = newBookmark(space.id, group.id, 'Doomed')
    const kept = newBookmark(space.id, group.id, 'Kept', 1)
    await a.change(
      { op: 'create', entity: 'space', data: space },
      { op: 'create', entity: 'group', data: group },
      { op: 'create', entity: 'bookmark', data: doomed },
      { op: 'create', entity: 'bookmark', data: kept }
    )
    await a.engine.syncNow()
    await b.engine.syncNow()

    // B deletes the bookmark; A, not having pulled since, edits it and renames the other one.
    await b.change({ op: 'delete', entity: 'bookmark', data: { id: doomed.id } })
    await b.engine.syncNow()
    const [edit] = await a.change({
      op: 'update',
      entity: 'bookmark',
      data: { id: doomed.id, title: 'Edited' }
    })
    await a.change({ op: 'update', entity: 'bookmark', data: { id: kept.id, title: 'Kept, renamed' } })
    expect(a.state.bookmarks[doomed.id]?.title).toBe('Edited')

    expect(await a.engine.syncNow()).toMatchObject({ state: 'synced', pending: 0 })
    expect(a.rejected).toEqual([{ mutation: edit, reason: 'deleted' }])
    expect(await a.outbox()).toEqual([])
    // Rolled back: the bookmark is gone on A as on the server, and nothing came back to life.
    expect(a.state.bookmarks[doomed.id]).toBeUndefined()
    const remote = await serverState(online(user))
    expect(a.state).toEqual(remote)
    expect(remote.bookmarks[kept.id]?.title).toBe('Kept, renamed')
    expect((await serverStatus(online(user))).counts).toEqual({ spaces: 1, groups: 1, bookmarks: 1 })
  })

  it('turns an error answer into an ApiError and keeps the outbox on a refused token', async () => {
    const user = newUser('unauthorized')
    const signedOut = createApiClient({ baseUrl: server.url, getToken: async () => null }).client
    const error = await signedOut.GET('/v1/sync/status').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 401, code: 'unauthorized' })
    expect((error as ApiError).message).toMatch(/bearer token/i)

    const a = new Device({ account: `${user}@a`, client: signedOut })
    await a.change({ op: 'create', entity: 'space', data: newSpace('Waiting') })
    expect(await a.engine.syncNow()).toMatchObject({ state: 'error', pending: 1 })
    expect(await a.outbox()).toHaveLength(1)
  })

  it('once started, pushes soon after a local change and pulls on its interval', async () => {
    const PULL_INTERVAL_MS = 300
    const user = newUser('started')
    const a = device(user, 'a', { pushDebounceMs: 50 })
    const b = device(user, 'b', { pullIntervalMs: PULL_INTERVAL_MS })
    a.engine.start()
    b.engine.start()
    try {
      const space = newSpace('Live')
      await a.change({ op: 'create', entity: 'space', data: space })
      await vi.waitFor(
        async () => {
          expect(await a.outbox()).toEqual([])
          expect(b.state.spaces[space.id]?.name).toBe('Live')
          expect(a.engine.status()).toMatchObject({ state: 'synced', pending: 0 })
        },
        { timeout: 10_000, interval: 50 }
      )
    } finally {
      a.engine.stop()
      b.engine.stop()
    }
    // Stopped: once the last cycle is done, nothing runs any more.
    await b.engine.syncNow()
    const seen = b.statuses.length
    // Nothing can be awaited for something that must not happen: two of b's pull intervals pass unseen.
    await new Promise((resolve) => setTimeout(resolve, 2 * PULL_INTERVAL_MS))
    expect(b.statuses.length).toBe(seen)
  })

  it('pushes a large outbox in batches of at most 500, in order', async () => {
    const user = newUser('batches')
    const pushSizes: number[] = []
    const counting = createApiClient({
      baseUrl: server.url,
      getToken: () => tokenFor(user),
      fetch: async (request, init) => {
        if (request.method === 'POST' && request.url.endsWith('/v1/sync/push')) {
          const body = (await request.clone().json()) as { mutations: unknown[] }
          pushSizes.push(body.mutations.length)
        }
        return fetch(request, init)
      }
    }).client
    const a = new Device({ account: `${user}@a`, client: counting })
    const space = newSpace('Imported')
    const group = newGroup(space.id, 'All')
    const bookmarks = Array.from({ length: 1100 }, (_, i) => newBookmark(space.id, group.id, `Link ${i}`, i))
    await a.change(
      { op: 'create', entity: 'space', data: space },
      { op: 'create', entity: 'group', data: group },
      ...bookmarks.map((data) => ({ op: 'create' as const, entity: 'bookmark' as const, data }))
    )

    expect(await a.engine.syncNow()).toMatchObject({ state: 'synced', pending: 0 })
    expect(pushSizes).toEqual([500, 500, 102])
    expect((await serverStatus(online(user))).counts).toEqual({ spaces: 1, groups: 1, bookmarks: 1100 })
    expect(Object.keys(a.state.bookmarks)).toHaveLength(1100)
    expect(a.rejected).toEqual([])
  })

  it('two tabs of one profile push the same outbox once: one pusher at a time', async () => {
    const user = newUser('tabs')
    const pushed: string[] = []
    const counting = () =>
      createApiClient({
        baseUrl: server.url,
        getToken: () => tokenFor(user),
        fetch: async (request, init) => {
          if (request.method === 'POST' && request.url.endsWith('/v1/sync/push')) {
            const body = (await request.clone().json()) as { mutations: { mutationId: string }[] }
            pushed.push(...body.mutations.map((m) => m.mutationId))
          }
          return fetch(request, init)
        }
      }).client
    // Two new-tab pages on the same account key: one IndexedDB outbox, two engines.
    const tab1 = new Device({ account: `${user}@profile`, client: counting() })
    const tab2 = new Device({ account: `${user}@profile`, client: counting() })
    const space = newSpace('Tabs')
    const made = await tab1.change(
      { op: 'create', entity: 'space', data: space },
      { op: 'create', entity: 'group', data: newGroup(space.id, 'One') }
    )
    const [one, two] = await Promise.all([tab1.engine.syncNow(), tab2.engine.syncNow()])
    expect([one.state, two.state]).toEqual(['synced', 'synced'])
    expect(pushed).toEqual(made.map((m) => m.mutationId))
    expect(await tab1.outbox()).toEqual([])
  })

  it('a failed pull keeps local data; a reset replaces it with the server copy', async () => {
    const user = newUser('reset')
    const a = device(user, 'a')
    const space = newSpace('Kept')
    await a.change({ op: 'create', entity: 'space', data: space })
    await a.engine.syncNow()
    const synced = structuredClone(a.state)
    const meta = await peekSyncMeta(a.account)
    expect(meta?.cursor).toBeTruthy()

    // No cursor (as after losing it) and no server: nothing fetched, nothing deleted.
    await saveCursor(a.account, undefined)
    const cut = new Device({
      account: a.account,
      client: clientFor(`http://127.0.0.1:${await freePort()}`, () => tokenFor(user))
    })
    await cut.load()
    expect(await cut.engine.syncNow()).toMatchObject({ state: 'offline' })
    expect(await cut.stored()).toEqual(synced)

    // A cursor the server cannot continue (ahead of its data, as after a database restore): reset.
    const decoded = JSON.parse(Buffer.from(meta?.cursor ?? '', 'base64url').toString()) as { v: number }
    const ahead = Buffer.from(JSON.stringify({ ...decoded, v: decoded.v + 1000 })).toString('base64url')
    // Something only this device has (never pushed, not in the outbox) must go on a reset; a change
    // made meanwhile must not.
    const ghost = { ...space, id: 'space_ghost', name: 'Ghost' }
    a.state.spaces[ghost.id] = ghost
    await saveChange(a.account, (d) => (d.spaces[ghost.id] = { ...ghost }), [])
    await saveCursor(a.account, ahead)
    const pending = await a.change({ op: 'update', entity: 'space', data: { id: space.id, name: 'Renamed' } })
    expect(pending).toHaveLength(1)
    expect(await a.engine.syncNow()).toMatchObject({ state: 'synced', pending: 0 })
    const remote = await serverState(online(user))
    expect(remote.spaces[space.id]?.name).toBe('Renamed')
    expect(a.state).toEqual(remote)
    expect(a.state.spaces.space_ghost).toBeUndefined()
    expect((await peekSyncMeta(a.account))?.cursor).not.toBe(ahead)

    // A cursor the server cannot even read (corrupted storage): a complete copy, not a stuck error.
    await saveCursor(a.account, 'not-a-cursor')
    expect(await a.engine.syncNow()).toMatchObject({ state: 'synced' })
    expect(a.state).toEqual(remote)
    expect((await peekSyncMeta(a.account))?.cursor).not.toBe('not-a-cursor')
  })

  it('a mutation the server refuses is found in its batch and set aside, with what needs it; the rest apply', async () => {
    const user = newUser('invalid')
    const a = device(user, 'a')
    const space = newSpace('Valid')
    const group = newGroup(space.id, 'Fine')
    const refusedGroup = newGroup(space.id, 'g'.repeat(101))
    const [, , bad, , waits] = await a.change(
      { op: 'create', entity: 'space', data: space },
      { op: 'create', entity: 'group', data: group },
      { op: 'create', entity: 'group', data: refusedGroup },
      { op: 'create', entity: 'bookmark', data: newBookmark(space.id, group.id, 'Fine too') },
      // Inside the refused group: it could only be refused for want of it, so it waits beside it.
      { op: 'create', entity: 'bookmark', data: newBookmark(space.id, refusedGroup.id, 'Needs it') }
    )
    const status = await a.engine.syncNow()
    expect(status).toMatchObject({ state: 'synced', pending: 0, setAside: 2 })
    expect(a.rejected).toEqual([])
    expect(a.setAside.map((e) => e.mutation)).toEqual([bad, waits])
    expect(a.setAside[0]?.reason).toMatch(/^The server refused it: .*name/)
    expect((await serverStatus(online(user))).counts).toEqual({ spaces: 1, groups: 1, bookmarks: 1 })
    // Nothing is undone behind the person's back: the set-aside group still shows here.
    expect(a.state.groups[refusedGroup.id]?.name).toBe('g'.repeat(101))
    // Trying again without a fix sets it aside again.
    expect(await a.engine.retrySetAside([bad?.mutationId ?? ''])).toMatchObject({ setAside: 2 })
    // The fix is an edit, which joins the set-aside create; then both go through.
    await a.change({ op: 'update', entity: 'group', data: { id: refusedGroup.id, name: 'Fixed' } })
    expect(await a.engine.syncNow()).toMatchObject({ state: 'synced', pending: 0, setAside: 2 })
    const ids = (await a.engine.setAsideList()).map((e) => e.mutation.mutationId)
    expect(await a.engine.retrySetAside(ids)).toMatchObject({ state: 'synced', pending: 0, setAside: 0 })
    expect((await serverStatus(online(user))).counts).toEqual({ spaces: 1, groups: 2, bookmarks: 2 })
    expect(a.state).toEqual(await serverState(online(user)))
    expect(a.state.groups[refusedGroup.id]?.name).toBe('Fixed')
  })

  it('a refused create takes its later changes with it, whatever batch they are in: an edit joins it, what is inside it waits; none is sent alone', async () => {
    const user = newUser('takes')
    // Batches of two: the changes that need the refused group sit in later batches than it.
    const a = device(user, 'a', { pushBatchSize: 2 })
    const space = newSpace('Valid')
    const refusedGroup = newGroup(space.id, 'g'.repeat(101))
    const group = newGroup(space.id, 'Fine')
    const inside = newBookmark(space.id, refusedGroup.id, 'Needs it')
    const [, create, , waits] = await a.change(
      { op: 'create', entity: 'space', data: space },
      { op: 'create', entity: 'group', data: refusedGroup },
      { op: 'create', entity: 'group', data: group },
      { op: 'create', entity: 'bookmark', data: inside },
      // Renamed before any push: the rename fixes the create it belongs to.
      { op: 'update', entity: 'group', data: { id: refusedGroup.id, name: 'Fixed' } }
    )
    expect(await a.engine.syncNow()).toMatchObject({ state: 'synced', pending: 0, setAside: 2 })
    // Sent apart, the bookmark and the rename could only be refused ("not found"), as if deleted elsewhere.
    expect(a.rejected).toEqual([])
    const aside = await a.engine.setAsideList()
    expect(aside.map((e) => e.mutation)).toEqual([
      { ...create, data: { ...refusedGroup, name: 'Fixed' } },
      waits
    ])
    expect((await serverStatus(online(user))).counts).toEqual({ spaces: 1, groups: 1, bookmarks: 0 })
    // Tried again, both go, the group with its rename.
    const ids = aside.map((e) => e.mutation.mutationId)
    expect(await a.engine.retrySetAside(ids)).toMatchObject({ state: 'synced', pending: 0, setAside: 0 })
    expect(a.rejected).toEqual([])
    expect(a.state).toEqual(await serverState(online(user)))
    expect(a.state.groups[refusedGroup.id]?.name).toBe('Fixed')
    expect(a.state.bookmarks[inside.id]?.groupId).toBe(refusedGroup.id)
  })

  it('a mutation the server fails on (500) is tried again, set aside after 3 cycles, and the rest drains', async () => {
    const user = newUser('failing')
    const space = newSpace('Space')
    const group = newGroup(space.id, 'Group')
    const huge = newBookmark(space.id, group.id, 'Huge')
    // No valid change makes the Worker fail any more (that is the point of its rules), so a nemesis between
    // this device and the Worker answers 500 to every push carrying this one change, as a server bug would;
    // every other request reaches the real Worker.
    const faulty = createApiClient({
      baseUrl: server.url,
      getToken: () => tokenFor(user),
      fetch: async (request, init) => {
        if (request.method === 'POST' && request.url.endsWith('/v1/sync/push')) {
          const body = await request.clone().text()
          if (body.includes(huge.id))
            return Response.json(
              { error: { code: 'internal_error', message: 'Something went wrong on our side' } },
              { status: 500 }
            )
        }
        return fetch(request, init)
      }
    }).client
    const a = new Device({ account: `${user}@a`, client: faulty })
    const [, , failing] = await a.change(
      { op: 'create', entity: 'space', data: space },
      { op: 'create', entity: 'group', data: group },
      { op: 'create', entity: 'bookmark', data: huge },
      { op: 'create', entity: 'bookmark', data: newBookmark(space.id, group.id, 'After it') }
    )
    expect(await a.engine.syncNow()).toMatchObject({ state: 'error', setAside: 0 })
    expect(await a.engine.syncNow()).toMatchObject({ state: 'error', setAside: 0 })
    expect(await a.engine.syncNow()).toMatchObject({ state: 'synced', pending: 0, setAside: 1 })
    expect(a.setAside.map((e) => e.mutation)).toEqual([failing])
    expect(a.setAside[0]?.reason).toMatch(/failed on this change 3 times/)
    expect((await serverStatus(online(user))).counts).toEqual({ spaces: 1, groups: 1, bookmarks: 1 })
    // Dropped, it leaves this device too, which is then the account's copy again.
    expect(a.state.bookmarks[huge.id]).toBeDefined()
    const dropped = await a.engine.dropSetAside([failing?.mutationId ?? ''])
    expect(dropped).toMatchObject({ state: 'synced', setAside: 0 })
    expect(a.state).toEqual(await serverState(online(user)))
  })

  it('a server that never answers is offline after the client timeout, not a hang', async () => {
    // Accepts connections and never answers: a black-holed network.
    const silent = createServer(() => undefined)
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = silent.address() as AddressInfo
      const user = newUser('silent')
      const client = createApiClient({
        baseUrl: `http://127.0.0.1:${port}`,
        getToken: () => tokenFor(user),
        timeoutMs: 300
      }).client
      const a = new Device({ account: `${user}@a`, client })
      await a.change({ op: 'create', entity: 'space', data: newSpace('Waiting') })
      const started = Date.now()
      const status = await a.engine.syncNow()
      expect(status).toMatchObject({ state: 'offline', pending: 1 })
      expect(Date.now() - started).toBeLessThan(5000)
      expect(await a.outbox()).toHaveLength(1)
    } finally {
      silent.closeAllConnections?.()
      await new Promise((resolve) => silent.close(resolve))
    }
  })
})

describe('first sign-in migration against the real Worker', () => {
  /** Data made before signing in: two spaces, two groups, five bookmarks. */
  function localData() {
    const work = newSpace('Work')
    const home = newSpace('Home')
    const docs = newGroup(work.id, 'Docs')
    const news = newGroup(home.id, 'News')
    const state = emptyState()
    for (const s of [work, home]) state.spaces[s.id] = s
    for (const g of [docs, news]) state.groups[g.id] = g
    for (let i = 0; i < 5; i++) {
      const b = newBookmark(i < 3 ? work.id : home.id, i < 3 ? docs.id : news.id, `Local ${i}`, i)
      state.bookmarks[b.id] = b
    }
    return { state, work, home, docs, news }
  }

  it('uploads silently into an empty cloud, in chunks, leaving out invalid items; never asks again', async () => {
    const user = newUser('upload')
    const client = online(user)
    const account = `${user}@a`
    const { state, docs, work } = localData()
    const tooLong = { ...newBookmark(work.id, docs.id, 'x'.repeat(600), 9) }
    state.bookmarks[tooLong.id] = tooLong

    const plan = await planMigration(client, account, state)
    expect(plan).toEqual({
      action: 'upload',
      local: { spaces: 2, groups: 2, bookmarks: 6 },
      cloud: { spaces: 0, groups: 0, bookmarks: 0 }
    })
    const progress: number[] = []
    const report = await runMigration({
      client,
      account,
      choice: 'upload',
      local: state,
      chunkSize: 4,
      onProgress: (sent, total) => progress.push(sent / total)
    })
    expect(progress).toEqual([0.4, 0.8, 1])
    expect(report.created).toEqual({ spaces: 2, groups: 2, bookmarks: 5 })
    expect(report.skipped.map((s) => s.id)).toEqual([tooLong.id])
    expect(report.rejected).toEqual([])
    expect((await serverStatus(client)).counts).toEqual({ spaces: 2, groups: 2, bookmarks: 5 })
    expect((await planMigration(client, account, state)).action).toBe('done')

    // Then the account's first sync brings the uploaded data into its own cache; what was left out is set aside,
    // with its reason, still shown on this device, and nothing says Synced until it is fixed or dropped.
    const a = new Device({ account, client })
    expect(await a.engine.syncNow()).toMatchObject({ state: 'synced', setAside: 1 })
    const [aside] = await a.engine.setAsideList()
    expect(aside).toMatchObject({ mutation: { op: 'create', data: { id: tooLong.id } } })
    expect(aside?.reason).toMatch(/title/)
    expect(Object.keys(a.state.bookmarks)).toHaveLength(6)
    expect(await a.engine.dropSetAside([aside?.mutation.mutationId ?? ''])).toMatchObject({ setAside: 0 })
    expect(a.state).toEqual(await serverState(client))
    expect(Object.keys(a.state.bookmarks)).toHaveLength(5)
  })

  it.each([
    { label: 'keep both', choice: 'merge', winner: 'the cloud', name: 'Work (cloud)', kept: 2, updated: 0 },
    { label: 'upload my data', choice: 'upload', winner: 'this device', name: 'Work', kept: 0, updated: 2 }
  ] as const)(
    '$label: everything from both sides; where an id exists on both, $winner wins',
    async ({ choice, name, kept, updated }) => {
      const user = newUser(choice)
      const client = online(user)
      const { state, work, docs } = localData()
      // Another device already put the same "Work" space (same id, another name) and one more bookmark there.
      const other = device(user, 'other')
      const cloudOnly = newBookmark(work.id, docs.id, 'From the cloud', 7)
      await other.change(
        { op: 'create', entity: 'space', data: { ...work, name: 'Work (cloud)' } },
        { op: 'create', entity: 'group', data: docs },
        { op: 'create', entity: 'bookmark', data: cloudOnly }
      )
      await other.engine.syncNow()

      const account = `${user}@a`
      const plan = await planMigration(client, account, state)
      expect(plan).toMatchObject({ action: 'ask', cloud: { spaces: 1, groups: 1, bookmarks: 1 } })
      const report = await runMigration({ client, account, choice, local: state })
      expect(report).toMatchObject({ kept, updated, created: { spaces: 1, groups: 1, bookmarks: 5 } })

      const remote = await serverState(client)
      expect(remote.spaces[work.id]?.name).toBe(name)
      expect(Object.keys(remote.bookmarks).sort()).toEqual(
        [...Object.keys(state.bookmarks), cloudOnly.id].sort()
      )
      await other.engine.syncNow()
      expect(other.state).toEqual(remote)
    }
  )

  it('uploads every list in its order, also lists reordered after their items were made', async () => {
    const user = newUser('order')
    const client = online(user)
    const state = emptyState()
    const space = newSpace('Work')
    state.spaces[space.id] = space
    // Made Tools, Docs, Daily; then reordered to Daily, Tools, Docs (memory keeps the making order).
    const names = ['Tools', 'Docs', 'Daily']
    const groups = names.map((name) => newGroup(space.id, name))
    const wanted = ['Daily', 'Tools', 'Docs']
    for (const g of groups) state.groups[g.id] = { ...g, position: rankPosition(wanted.indexOf(g.name) * 3) }
    const [tools] = groups
    const titles = ['c', 'a', 'b']
    titles.forEach((title, i) => {
      const b = newBookmark(space.id, tools?.id ?? '', title, [5, 1, 3][i])
      state.bookmarks[b.id] = b
    })
    await runMigration({ client, account: `${user}@a`, choice: 'upload', local: state, chunkSize: 2 })
    const server = await serverState(client)
    const inOrder = <T extends Positioned>(list: T[]) => list.sort(byPosition)
    expect(inOrder(Object.values(server.groups)).map((g) => g.name)).toEqual(wanted)
    expect(inOrder(Object.values(server.bookmarks)).map((b) => b.title)).toEqual(['a', 'b', 'c'])
  })

  it('use cloud data sends nothing', async () => {
    const user = newUser('cloud')
    const client = online(user)
    const other = device(user, 'other')
    await other.change({ op: 'create', entity: 'space', data: newSpace('Cloud') })
    await other.engine.syncNow()
    const before = await serverStatus(client)
    const { state } = localData()

    const account = `${user}@a`
    expect((await planMigration(client, account, state)).action).toBe('ask')
    expect(await runMigration({ client, account, choice: 'cloud', local: state })).toMatchObject({
      created: { spaces: 0, groups: 0, bookmarks: 0 }
    })
    expect(await serverStatus(client)).toEqual(before)
    expect((await planMigration(client, account, state)).action).toBe('done')
  })
})
