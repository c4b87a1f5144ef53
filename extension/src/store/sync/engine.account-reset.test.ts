// The engine on `account_reset` (the account's data was deleted after its cursor was made): its outbox is set
// aside with the reason instead of being sent into the emptied account, local data becomes the server's (empty)
// copy, and nothing goes out again until the person asks. A small stand-in answers as the Worker does
// (worker/routes/me/me.account-reset.test.ts checks the Worker itself).
import { describe, expect, it } from 'vitest'
import { createApiClient } from '../../api/client'
import { applyMutation } from '../apply'
import { loadOutbox, loadSetAside, saveChange } from '../cache'
import { newId, now } from '../ids'
import { type DataState, emptyState, type Mutation, type MutationInput, type Space } from '../types'
import { ACCOUNT_RESET_REASON, createSyncEngine, type SetAside } from './engine'
import { peekSyncMeta, saveCursor } from './meta'

type PushBody = { clientId: string; cursor?: string; mutations: Mutation[] }

const stamp = () => new Date().toISOString()
const space = (name: string): Space => ({
  id: newId('space'),
  name,
  icon: '📁',
  color: null,
  position: 'a0',
  isArchived: false,
  createdAt: stamp(),
  updatedAt: stamp()
})

/** The Worker's sync answers, for spaces only: generation in the cursor, `account_reset`, `reset: true`. */
function standIn() {
  const server = { generation: 0, version: 0, spaces: new Map<string, Space>(), pushes: [] as PushBody[] }
  const cursorOf = () => btoa(JSON.stringify({ g: server.generation, v: server.version }))
  const generationOf = (cursor: string) => {
    try {
      return (JSON.parse(atob(cursor)) as { g: number }).g
    } catch {
      return undefined
    }
  }
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
  const invalidCursor = () =>
    json(
      {
        error: {
          code: 'validation_failed',
          message: 'Invalid cursor: pass the cursor from a previous pull, or none',
          issues: [{ path: 'cursor', message: 'Not a cursor this API made' }]
        }
      },
      400
    )
  const fetch = async (request: Request) => {
    const url = new URL(request.url)
    if (url.pathname === '/v1/sync/pull') {
      const cursor = url.searchParams.get('cursor')
      const generation = cursor ? generationOf(cursor) : server.generation
      if (generation === undefined) return invalidCursor()
      return json({
        cursor: cursorOf(),
        hasMore: false,
        // Every pull here is a complete copy; a cursor from before a deletion says so.
        reset: cursor !== null && generation !== server.generation,
        spaces: [...server.spaces.values()],
        groups: [],
        bookmarks: [],
        deleted: { spaces: [], groups: [], bookmarks: [] }
      })
    }
    const body = (await request.json()) as PushBody
    server.pushes.push(body)
    const given = body.cursor === undefined ? server.generation : generationOf(body.cursor)
    if (given === undefined) return invalidCursor()
    if (given !== server.generation) {
      const results = body.mutations.map((m) => ({
        mutationId: m.mutationId,
        status: 'rejected',
        reason: 'account_reset'
      }))
      return json({ results, version: server.version, cursor: body.cursor ?? null })
    }
    server.version++
    for (const m of body.mutations) {
      const data = m.data as Space
      if (m.op === 'create') server.spaces.set(data.id, { ...data })
      if (m.op === 'update') {
        const old = server.spaces.get(data.id)
        if (old) server.spaces.set(data.id, { ...old, ...data })
      }
    }
    const results = body.mutations.map((m) => ({ mutationId: m.mutationId, status: 'applied' }))
    return json({ results, version: server.version, cursor: null })
  }
  return { server, client: createApiClient({ baseUrl: 'http://api.test', fetch }).client }
}

function device(client: ReturnType<typeof standIn>['client']) {
  const account = `user_${newId('client')}`
  const state: DataState = emptyState()
  const setAside: SetAside[][] = []
  const engine = createSyncEngine({
    account,
    client,
    applyRemote: async (update) => {
      update(state)
      await saveChange(account, update, [])
    },
    onSetAside: (entries) => setAside.push(entries)
  })
  const change = async (...inputs: MutationInput[]) => {
    const mutations = inputs.map((m) => ({ ...m, mutationId: newId('mutation') }) as Mutation)
    const apply = (draft: DataState) => {
      for (const m of mutations) applyMutation(draft, m, now())
    }
    apply(state)
    await saveChange(account, apply, mutations)
    return mutations
  }
  return { account, engine, change, setAside, state: () => state }
}

describe('sync engine: account_reset', () => {
  it('sets the outbox aside with the reason, shows the account’s empty copy, and sends nothing until asked', async () => {
    const { server, client } = standIn()
    const kept = space('On the server')
    server.spaces.set(kept.id, kept)
    const a = device(client)
    await a.engine.syncNow()
    expect(Object.keys(a.state().spaces)).toEqual([kept.id])

    // Offline on this device: a new space and an edit. Meanwhile the account's data is deleted elsewhere.
    const made = space('Made offline')
    const changes = await a.change(
      { op: 'create', entity: 'space', data: made },
      { op: 'update', entity: 'space', data: { id: kept.id, name: 'Edited offline' } }
    )
    server.generation++
    server.spaces.clear()

    const status = await a.engine.syncNow()
    expect(server.pushes).toHaveLength(1)
    expect(server.pushes[0]?.cursor).toBeTruthy() // the push says what the device had seen
    expect(server.spaces.size).toBe(0) // nothing came back to life
    expect(status).toMatchObject({ state: 'synced', pending: 0, setAside: 2 })
    expect(await loadOutbox(a.account)).toEqual([])
    const aside = await loadSetAside(a.account)
    expect(aside.map((e) => e.mutation.mutationId)).toEqual(changes.map((m) => m.mutationId))
    expect(aside.every((e) => e.reason === ACCOUNT_RESET_REASON)).toBe(true)
    expect(a.setAside).toHaveLength(1) // one report (one message), with every change in it
    // Local data is the server's copy (the deleted space is gone), with the waiting change still shown.
    expect(Object.keys(a.state().spaces)).toEqual([made.id])
    // The new cursor is from the account as it is now.
    expect((await peekSyncMeta(a.account))?.cursor).toBe(btoa(JSON.stringify({ g: 1, v: 0 })))

    // Syncing again sends nothing: the set-aside changes wait for the person.
    await a.engine.syncNow()
    expect(server.pushes).toHaveLength(1)

    // Dropping them leaves this device on the account's (empty) copy.
    await a.engine.dropSetAside(changes.map((m) => m.mutationId))
    expect(a.state().spaces).toEqual({})
    expect(server.pushes).toHaveLength(1)
  })

  it('trying a set-aside change again sends it into the account as it is now', async () => {
    const { server, client } = standIn()
    const a = device(client)
    await a.engine.syncNow()
    const made = space('Made offline')
    const [create] = await a.change({ op: 'create', entity: 'space', data: made })
    server.generation++
    await a.engine.syncNow()
    expect(server.spaces.size).toBe(0)
    await a.engine.retrySetAside([create?.mutationId ?? ''])
    expect([...server.spaces.keys()]).toEqual([made.id])
    expect(await loadSetAside(a.account)).toEqual([])
  })

  it('a stored cursor the server cannot read is left out of the push; the changes still go', async () => {
    const { server, client } = standIn()
    const a = device(client)
    await a.engine.syncNow()
    await saveCursor(a.account, 'not-a-cursor')
    const made = space('Still sent')
    await a.change({ op: 'create', entity: 'space', data: made })
    const status = await a.engine.syncNow()
    expect(status).toMatchObject({ state: 'synced', pending: 0 })
    expect(status.setAside ?? 0).toBe(0)
    expect([...server.spaces.keys()]).toEqual([made.id])
    expect(server.pushes.at(-1)?.cursor).toBeUndefined()
  })
})
