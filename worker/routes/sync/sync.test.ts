import { describe, expect, it } from 'vitest'
import { positionBetween } from '../../../model/position'
import { byPosition } from '../../../model/rules'
import { api, type ErrorResponse, snapshotUser, testSql, uniqueId, uniqueUser } from '../../test/helpers'
import { Device, mutationId, type PullBody, pull, push } from './test-client'

const space = (id: string, name = 'Space') => ({
  mutationId: mutationId(),
  entity: 'space',
  op: 'create',
  data: { id, name }
})
const group = (id: string, spaceId: string, name = 'Group') => ({
  mutationId: mutationId(),
  entity: 'group',
  op: 'create',
  data: { id, spaceId, name }
})
const bookmark = (id: string, groupId: string, title = 'Link') => ({
  mutationId: mutationId(),
  entity: 'bookmark',
  op: 'create',
  data: { id, groupId, title, url: `https://example.com/${id}` }
})

/** Makes a space → group → bookmark tree for `user` through push; returns the ids. */
async function seedTree(user: string, bookmarks = 1) {
  const ids = { space: uniqueId('space'), group: uniqueId('group'), bookmarks: [] as string[] }
  const mutations: unknown[] = [space(ids.space), group(ids.group, ids.space)]
  for (let i = 0; i < bookmarks; i++) {
    const id = uniqueId('bookmark')
    ids.bookmarks.push(id)
    mutations.push(bookmark(id, ids.group, `Link ${i}`))
  }
  const res = await push(user, mutations)
  expect(res.status).toBe(200)
  expect(res.body.results.every((r) => r.status === 'applied')).toBe(true)
  return ids
}

describe('GET /v1/sync/pull', () => {
  it('without a cursor returns every live row; with one, only what changed since', async () => {
    const user = uniqueUser()
    const ids = await seedTree(user, 3)
    const full = await pull(user)
    expect(full.status).toBe(200)
    expect(full.body).toMatchObject({ hasMore: false, reset: false })
    expect(full.body.spaces.map((s) => s.id)).toEqual([ids.space])
    expect(full.body.bookmarks.map((b) => b.id).sort()).toEqual([...ids.bookmarks].sort())

    const nothing = await pull(user, full.body.cursor)
    expect(nothing.body.spaces.length + nothing.body.groups.length + nothing.body.bookmarks.length).toBe(0)

    await api('PATCH', `/v1/bookmarks/${ids.bookmarks[0]}`, { user, body: { title: 'Renamed' } })
    const changed = await pull(user, full.body.cursor)
    expect(changed.body.bookmarks).toMatchObject([{ id: ids.bookmarks[0], title: 'Renamed' }])
    expect(changed.body.spaces).toEqual([])
  })

  it('returns tombstones for a deleted space and everything under it', async () => {
    const user = uniqueUser()
    const ids = await seedTree(user, 2)
    const before = await pull(user)
    expect((await api('DELETE', `/v1/spaces/${ids.space}`, { user })).status).toBe(204)
    const after = await pull(user, before.body.cursor)
    expect(after.body.deleted).toEqual({
      spaces: [ids.space],
      groups: [ids.group],
      bookmarks: expect.arrayContaining(ids.bookmarks)
    })
    expect(after.body.bookmarks).toEqual([])
  })

  it('pages with limit: every row exactly once, hasMore until the end', async () => {
    const user = uniqueUser()
    const ids = await seedTree(user, 7)
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    for (;;) {
      const res = await pull(user, cursor, 3)
      pages++
      seen.push(
        ...res.body.spaces.map((s) => s.id),
        ...res.body.groups.map((g) => g.id),
        ...res.body.bookmarks.map((b) => b.id)
      )
      cursor = res.body.cursor
      if (!res.body.hasMore) break
    }
    expect(pages).toBe(3)
    expect(seen.sort()).toEqual([ids.space, ids.group, ...ids.bookmarks].sort())
  })

  it('answers 400 for a cursor it did not make, and resets a cursor from an earlier life of the account', async () => {
    const user = uniqueUser()
    const bad = await api<ErrorResponse>('GET', '/v1/sync/pull?cursor=not-a-cursor', { user })
    expect(bad.status).toBe(400)
    await seedTree(user)
    const old = await pull(user)
    expect((await api('DELETE', '/v1/me', { user })).status).toBe(204)
    const ids = await seedTree(user)
    const again = await pull(user, old.body.cursor)
    expect(again.body.reset).toBe(true)
    expect(again.body.spaces.map((s) => s.id)).toEqual([ids.space])
  })
})

describe('POST /v1/sync/push', () => {
  it('applies a batch in order: a group can be created in a space made earlier in the batch', async () => {
    const user = uniqueUser()
    const ids = await seedTree(user, 2)
    const state = await pull(user)
    expect(state.body.groups).toMatchObject([
      { id: ids.group, spaceId: ids.space, position: expect.any(String) }
    ])
    // Creates without a key go to the end of their list, in the batch's order.
    expect(state.body.bookmarks.sort(byPosition).map((b) => b.id)).toEqual(ids.bookmarks)
  })

  it('is idempotent: a replayed batch changes nothing and returns the same outcomes', async () => {
    const user = uniqueUser()
    const spaceId = uniqueId('space')
    const batch = [
      space(spaceId, 'Once'),
      { mutationId: mutationId(), entity: 'space', op: 'update', data: { id: uniqueId('space'), name: 'x' } }
    ]
    const first = await push(user, batch)
    const [before] = await testSql()`select version, updated_at from spaces where id = ${spaceId}`
    const second = await push(user, batch)
    expect(second.body.results).toEqual(first.body.results)
    expect(first.body.results.map((r) => r.status)).toEqual(['applied', 'rejected'])
    const rows = await testSql()`select version, updated_at from spaces where user_id = ${user}`
    expect(rows).toEqual([before])
  })

  it('is all or nothing: one malformed mutation rejects the whole batch with 400 and stores nothing', async () => {
    const user = uniqueUser()
    const spaceId = uniqueId('space')
    const res = await push(user, [
      space(spaceId),
      { ...bookmark(uniqueId('bookmark'), uniqueId('group')), data: { url: 'nope' } }
    ])
    expect(res.status).toBe(400)
    expect((await testSql()`select 1 from spaces where id = ${spaceId}`).length).toBe(0)
  })

  it('rejects, with a reason, updates to deleted rows, children of deleted parents and unknown targets', async () => {
    const user = uniqueUser()
    const ids = await seedTree(user, 1)
    await api('DELETE', `/v1/groups/${ids.group}`, { user })
    const res = await push(user, [
      { mutationId: mutationId(), entity: 'group', op: 'update', data: { id: ids.group, name: 'Back?' } },
      bookmark(uniqueId('bookmark'), ids.group),
      {
        mutationId: mutationId(),
        entity: 'bookmark',
        op: 'move',
        data: { id: uniqueId('bookmark'), groupId: ids.group }
      },
      space(ids.space)
    ])
    expect(res.body.results.map((r) => r.reason)).toEqual([
      'deleted',
      'parent_deleted',
      'not_found',
      'already_exists'
    ])
    const [row] = await testSql()`select name, deleted_at from groups where id = ${ids.group}`
    expect(row?.name).toBe('Group')
    expect(row?.deleted_at).not.toBeNull()
  })

  it('later writes win per field: two devices editing different fields keep both edits', async () => {
    const user = uniqueUser()
    const ids = await seedTree(user)
    const a = await push(
      user,
      [{ mutationId: mutationId(), entity: 'space', op: 'update', data: { id: ids.space, name: 'From A' } }],
      'a'
    )
    const b = await push(
      user,
      [{ mutationId: mutationId(), entity: 'space', op: 'update', data: { id: ids.space, icon: '🅱️' } }],
      'b'
    )
    expect([a.status, b.status]).toEqual([200, 200])
    const c = await push(
      user,
      [{ mutationId: mutationId(), entity: 'space', op: 'update', data: { id: ids.space, name: 'From C' } }],
      'c'
    )
    expect(c.body.results[0]?.status).toBe('applied')
    const state = await pull(user)
    expect(state.body.spaces).toMatchObject([{ name: 'From C', icon: '🅱️' }])
  })

  it('moves by key: a bookmark between two others, a group to the front of another space with its bookmarks', async () => {
    const user = uniqueUser()
    const one = await seedTree(user, 3)
    const two = await seedTree(user, 0)
    const before = (await pull(user)).body
    const keyOf = (id: string | undefined) => before.bookmarks.find((b) => b.id === id)?.position ?? null
    const [b0, b1, b2] = one.bookmarks as [string, string, string]
    const twoKey = before.groups.find((g) => g.id === two.group)?.position ?? null
    const res = await push(user, [
      {
        mutationId: mutationId(),
        entity: 'bookmark',
        op: 'move',
        data: { id: b2, groupId: one.group, position: positionBetween(keyOf(b0), keyOf(b1)) }
      },
      {
        mutationId: mutationId(),
        entity: 'group',
        op: 'move',
        data: { id: one.group, spaceId: two.space, position: positionBetween(null, twoKey) }
      }
    ])
    expect(res.body.results.every((r) => r.status === 'applied')).toBe(true)
    const state = (await pull(user)).body
    expect(state.bookmarks.sort(byPosition).map((b) => b.id)).toEqual([b0, b2, b1])
    expect(state.bookmarks.every((b) => b.spaceId === two.space)).toBe(true)
    const groupsOfTwo = state.groups.filter((g) => g.spaceId === two.space).sort(byPosition)
    expect(groupsOfTwo.map((g) => g.id)).toEqual([one.group, two.group])
    // The two bookmarks left in place kept their keys.
    expect([b0, b1].map((id) => state.bookmarks.find((b) => b.id === id)?.position)).toEqual([
      keyOf(b0),
      keyOf(b1)
    ])
  })

  it('moves a space by key (spaces have no parent)', async () => {
    const user = uniqueUser()
    const [a, b] = [await seedTree(user, 0), await seedTree(user, 0)]
    const orderOf = async () => (await pull(user)).body.spaces.sort(byPosition).map((s) => s.id)
    expect(await orderOf()).toEqual([a.space, b.space])
    const first = (await pull(user)).body.spaces.find((s) => s.id === a.space)?.position ?? null
    const res = await push(user, [
      {
        mutationId: mutationId(),
        entity: 'space',
        op: 'move',
        data: { id: b.space, position: positionBetween(null, first) }
      }
    ])
    expect(res.status).toBe(200)
    expect(await orderOf()).toEqual([b.space, a.space])
  })

  it('moves the cursor past the push only when the given cursor was current', async () => {
    const user = uniqueUser()
    await seedTree(user)
    const current = await pull(user)
    const pushed = await push(user, [space(uniqueId('space'))], 'a', current.body.cursor)
    expect(pushed.body.cursor).not.toBe(current.body.cursor)
    expect((await pull(user, pushed.body.cursor ?? undefined)).body.spaces).toEqual([])
    await push(user, [space(uniqueId('space'))], 'other-device')
    const stale = await push(user, [space(uniqueId('space'))], 'a', pushed.body.cursor ?? undefined)
    expect(stale.body.cursor).toBe(pushed.body.cursor)
    expect((await pull(user, stale.body.cursor ?? undefined)).body.spaces).toHaveLength(2)
  })
})

describe('sync: security', () => {
  it("rejects every mutation on another user's ids and leaves their rows untouched", async () => {
    const alice = uniqueUser('alice')
    const bob = uniqueUser('bob')
    const ids = await seedTree(alice, 1)
    const before = await testSql()`select * from bookmarks where user_id = ${alice} order by id`
    const res = await push(bob, [
      group(uniqueId('group'), ids.space),
      bookmark(uniqueId('bookmark'), ids.group),
      bookmark(ids.bookmarks[0] as string, uniqueId('group')),
      {
        mutationId: mutationId(),
        entity: 'bookmark',
        op: 'update',
        data: { id: ids.bookmarks[0], title: 'Pwned' }
      },
      { mutationId: mutationId(), entity: 'bookmark', op: 'delete', data: { id: ids.bookmarks[0] } },
      {
        mutationId: mutationId(),
        entity: 'group',
        op: 'move',
        data: { id: ids.group, spaceId: uniqueId('space') }
      },
      {
        mutationId: mutationId(),
        entity: 'bookmark',
        op: 'move',
        data: { id: ids.bookmarks[0], groupId: ids.group, position: 'a0V' }
      }
    ])
    expect(res.status).toBe(200)
    expect(res.body.results.map((r) => r.reason)).toEqual([
      'parent_not_found',
      'parent_not_found',
      'parent_not_found',
      'not_found',
      'not_found',
      'not_found',
      'not_found'
    ])
    expect(await testSql()`select * from bookmarks where user_id = ${alice} order by id`).toEqual(before)
    expect((await pull(bob)).body.spaces).toEqual([])
  })

  it("creates another user's ids as the caller's own: applied, never id_taken", async () => {
    const alice = uniqueUser('alice')
    const bob = uniqueUser('bob')
    const ids = await seedTree(alice, 1)
    const before = await snapshotUser(alice)
    const res = await push(bob, [space(ids.space, 'Mine'), group(ids.group, ids.space, 'Mine')])
    expect(res.body.results.map((r) => r.status)).toEqual(['applied', 'applied'])
    const bobs = (await pull(bob)).body
    expect(bobs.spaces.map((s) => [s.id, s.name])).toEqual([[ids.space, 'Mine']])
    expect(bobs.groups.map((g) => [g.id, g.name])).toEqual([[ids.group, 'Mine']])
    expect(await snapshotUser(alice)).toBe(before)
  })
})

describe('GET /v1/sync/status and POST /v1/sync/migrate', () => {
  it('status reports counts and whether the account holds data', async () => {
    const user = uniqueUser()
    const empty = await api<{ hasData: boolean }>('GET', '/v1/sync/status', { user })
    expect(empty.body).toMatchObject({
      hasData: false,
      counts: { spaces: 0, groups: 0, bookmarks: 0 },
      version: 0
    })
    await seedTree(user, 2)
    const full = await api('GET', '/v1/sync/status', { user })
    expect(full.body).toMatchObject({ hasData: true, counts: { spaces: 1, groups: 1, bookmarks: 2 } })
  })

  const localData = (spaceId: string, groupId: string, bookmarkIds: string[]) => ({
    spaces: [{ id: spaceId, name: 'Local space' }],
    groups: [{ id: groupId, spaceId, name: 'Local group' }],
    bookmarks: bookmarkIds.map((id, i) => ({
      id,
      groupId,
      title: `Local ${i}`,
      url: `https://local.example/${i}`
    }))
  })

  it('upload fills an empty account in one atomic request; a retry writes nothing again', async () => {
    const user = uniqueUser()
    const ids = Array.from({ length: 50 }, () => uniqueId('bookmark'))
    const body = { mode: 'upload', clientId: 'c1', ...localData(uniqueId('space'), uniqueId('group'), ids) }
    const res = await api('POST', '/v1/sync/migrate', { user, body })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      created: { spaces: 1, groups: 1, bookmarks: 50 },
      kept: 0,
      updated: 0,
      rejected: []
    })
    // A retry (the answer was lost) replays the stored outcomes: nothing is written again.
    const { cursor } = (await pull(user)).body
    const again = await api('POST', '/v1/sync/migrate', { user, body })
    expect(again.body).toMatchObject({ rejected: [] })
    const since = (await pull(user, cursor)).body
    expect([since.spaces, since.groups, since.bookmarks].flat()).toEqual([])
    expect((await pull(user)).body.bookmarks).toHaveLength(50)
  })

  it("upload into an account with data: this device's values win where an id is on both sides, the rest stays", async () => {
    const user = uniqueUser()
    const server = await seedTree(user, 2)
    const placeBefore = (await pull(user)).body.bookmarks.find((b) => b.id === server.bookmarks[0])?.position
    const localOnly = uniqueId('bookmark')
    const body = {
      mode: 'upload',
      clientId: 'c4',
      ...localData(server.space, server.group, [server.bookmarks[0] as string, localOnly])
    }
    const res = await api('POST', '/v1/sync/migrate', { user, body })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ created: { spaces: 0, groups: 0, bookmarks: 1 }, kept: 0, updated: 3 })
    const state = (await pull(user)).body as PullBody
    expect(state.spaces).toMatchObject([{ id: server.space, name: 'Local space' }])
    expect(state.groups).toMatchObject([{ id: server.group, name: 'Local group' }])
    expect(state.bookmarks.map((b) => [b.id, b.title, b.url]).sort()).toEqual(
      [
        [server.bookmarks[0], 'Local 0', 'https://local.example/0'],
        [server.bookmarks[1], 'Link 1', expect.any(String)],
        [localOnly, 'Local 1', 'https://local.example/1']
      ].sort()
    )
    // The overlapping bookmark kept its place (first): an upload changes values, not positions.
    expect(state.bookmarks.sort(byPosition)[0]?.id).toBe(server.bookmarks[0])
    expect(state.bookmarks.find((b) => b.id === server.bookmarks[0])?.position).toBe(placeBefore)
  })

  it('refuses a migration that repeats an id with 400 and writes nothing', async () => {
    const user = uniqueUser()
    const spaceId = uniqueId('space')
    const body = {
      mode: 'upload',
      clientId: 'c3',
      spaces: [
        { id: spaceId, name: 'A' },
        { id: spaceId, name: 'B' }
      ]
    }
    const res = await api<ErrorResponse>('POST', '/v1/sync/migrate', { user, body })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('repeat')
    expect((await testSql()`select 1 from spaces where id = ${spaceId}`).length).toBe(0)
  })

  it('keep both merges the two sides; where an id exists on both, the server row wins', async () => {
    const user = uniqueUser()
    const server = await seedTree(user, 1)
    const localOnly = uniqueId('bookmark')
    const body = {
      mode: 'merge',
      clientId: 'c2',
      ...localData(server.space, server.group, [server.bookmarks[0] as string, localOnly])
    }
    const res = await api('POST', '/v1/sync/migrate', { user, body })
    expect(res.body).toMatchObject({ created: { spaces: 0, groups: 0, bookmarks: 1 }, kept: 3, rejected: [] })
    const state = (await pull(user)).body as PullBody
    expect(state.spaces).toMatchObject([{ id: server.space, name: 'Space' }])
    expect(state.bookmarks.map((b) => [b.id, b.title]).sort()).toEqual(
      [
        [server.bookmarks[0], 'Link 0'],
        [localOnly, 'Local 1']
      ].sort()
    )
    // A retry (the answer was lost) is a replay: nothing written twice, and it reports nothing created (the
    // first request created the bookmark; it is kept now, like the rest).
    const retry = await api<Record<string, unknown>>('POST', '/v1/sync/migrate', { user, body })
    expect(retry.body).toMatchObject({
      created: { spaces: 0, groups: 0, bookmarks: 0 },
      kept: 4,
      rejected: []
    })
    expect((await pull(user)).body.bookmarks).toHaveLength(2)
  })

  it('two devices that push and then pull converge on the same state', async () => {
    const user = uniqueUser()
    const ids = await seedTree(user, 2)
    const a = new Device(user)
    const b = new Device(user)
    await a.sync()
    await b.sync()
    await push(
      user,
      [{ mutationId: mutationId(), entity: 'bookmark', op: 'delete', data: { id: ids.bookmarks[0] } }],
      'a'
    )
    await push(
      user,
      [
        {
          mutationId: mutationId(),
          entity: 'bookmark',
          op: 'update',
          data: { id: ids.bookmarks[0], title: 'Too late' }
        },
        bookmark(uniqueId('bookmark'), ids.group, 'From B')
      ],
      'b'
    )
    await a.sync(2)
    await b.sync()
    expect(a.snapshot()).toEqual(b.snapshot())
    expect(
      a
        .snapshot()
        .bookmarks.map((x) => x.title)
        .sort()
    ).toEqual(['From B', 'Link 1'])
  })
})
