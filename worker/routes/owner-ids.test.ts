// Ids are scoped to their owner (primary keys of (user_id, id)): another user's id means nothing to a caller.
// It can be created as the caller's own, it answers exactly like a fresh id (no 409, no existence oracle),
// and every write on an id both users hold touches only the caller's row, on every path.
import { describe, expect, it } from 'vitest'
import {
  api,
  type ErrorResponse,
  makeBookmark,
  makeGroup,
  makeSpace,
  range,
  snapshotUser,
  testSql,
  uniqueId,
  uniqueUser
} from '../test/helpers'

let seq = 0
const m = (entity: string, op: string, data: Record<string, unknown>) => ({
  mutationId: `m_owner_${Date.now().toString(36)}_${seq++}`,
  entity,
  op,
  data
})
type PushAnswer = { results: { status: string; reason?: string }[] }
const push = (user: string, mutations: unknown[]) =>
  api<PushAnswer>('POST', '/v1/sync/push', { user, body: { clientId: 'client_owner', mutations } })

/** The answer without what differs between any two creates (the ids, the times, the position). */
const shapeOf = (res: { status: number; body: unknown }) => {
  const { id, spaceId, groupId, createdAt, updatedAt, position, ...rest } = res.body as Record<
    string,
    unknown
  >
  return { status: res.status, keys: Object.keys(res.body as object).sort(), rest }
}

/** Alice's tree, whose ids Bob then uses for his own rows. */
async function aliceTree() {
  const alice = uniqueUser('alice')
  const space = await makeSpace(alice, { name: 'Alice' })
  const group = await makeGroup(alice, space.id, { name: 'Alice' })
  const bookmarks = [
    await makeBookmark(alice, group.id, { title: 'Alice 0' }),
    await makeBookmark(alice, group.id, { title: 'Alice 1' })
  ]
  return { alice, space: space.id, group: group.id, bookmarks: bookmarks.map((b) => b.id) }
}

describe('ids scoped to their owner: REST', () => {
  it('creating with another user’s id answers 201 exactly as a fresh id does, on every create route', async () => {
    const a = await aliceTree()
    const bob = uniqueUser('bob')
    const before = await snapshotUser(a.alice)
    const [b0, b1] = a.bookmarks
    const taken = {
      space: await api('POST', '/v1/spaces', { user: bob, body: { id: a.space, name: 'Bob' } }),
      group: await api('POST', '/v1/groups', {
        user: bob,
        body: { id: a.group, spaceId: a.space, name: 'Bob' }
      }),
      bookmark: await api('POST', '/v1/bookmarks', {
        user: bob,
        body: { id: b0, groupId: a.group, title: 'Bob', url: 'https://bob.example/' }
      })
    }
    const freshSpace = uniqueId('space')
    const freshGroup = uniqueId('group')
    const fresh = {
      space: await api('POST', '/v1/spaces', { user: bob, body: { id: freshSpace, name: 'Bob' } }),
      group: await api('POST', '/v1/groups', {
        user: bob,
        body: { id: freshGroup, spaceId: freshSpace, name: 'Bob' }
      }),
      bookmark: await api('POST', '/v1/bookmarks', {
        user: bob,
        body: { id: uniqueId('bookmark'), groupId: freshGroup, title: 'Bob', url: 'https://bob.example/' }
      })
    }
    for (const kind of ['space', 'group', 'bookmark'] as const) {
      expect(taken[kind].status, `${kind}: ${JSON.stringify(taken[kind].body)}`).toBe(201)
      expect(shapeOf(taken[kind]), kind).toEqual(shapeOf(fresh[kind]))
    }
    const bulk = await api<{ created: number }>('POST', '/v1/bookmarks/bulk', {
      user: bob,
      body: { bookmarks: [{ id: b1, groupId: a.group, title: 'Bob bulk', url: 'https://bob.example/bulk' }] }
    })
    expect(bulk.status).toBe(201)
    expect(bulk.body.created).toBe(1)
    // The caller's own id is still taken for the caller.
    const again = await api<ErrorResponse>('POST', '/v1/spaces', {
      user: bob,
      body: { id: a.space, name: 'x' }
    })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('conflict')

    expect(await snapshotUser(a.alice)).toBe(before)
    const rows =
      await testSql()`select user_id, id, title from bookmarks where id in ${testSql()([b0 ?? '', b1 ?? ''])}
      order by user_id, title`
    // user_alice_… sorts before user_bob_….
    expect(rows.map((r) => [r.user_id === a.alice ? 'alice' : 'bob', r.title])).toEqual([
      ['alice', 'Alice 0'],
      ['alice', 'Alice 1'],
      ['bob', 'Bob'],
      ['bob', 'Bob bulk']
    ])
  })

  it('every write on an id both users hold changes only the caller’s row', async () => {
    const a = await aliceTree()
    const bob = uniqueUser('bob')
    const [b0, b1] = a.bookmarks as [string, string]
    await makeSpace(bob, { id: a.space, name: 'Bob' })
    const other = await makeSpace(bob, { name: 'Bob other' })
    await makeGroup(bob, a.space, { id: a.group, name: 'Bob' })
    await makeBookmark(bob, a.group, { id: b0, title: 'Bob 0' })
    await makeBookmark(bob, a.group, { id: b1, title: 'Bob 1' })
    const before = await snapshotUser(a.alice)
    const ok = (res: { status: number; body: unknown }, what: string) =>
      expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBeLessThan(300)

    ok(await api('PATCH', `/v1/bookmarks/${b0}`, { user: bob, body: { title: 'Bob renamed' } }), 'patch')
    ok(
      await api('PUT', `/v1/groups/${a.group}/bookmarks/order`, {
        user: bob,
        body: { orderedIds: [b1, b0] }
      }),
      'reorder'
    )
    ok(
      await api('PUT', `/v1/spaces/${a.space}/groups/order`, { user: bob, body: { orderedIds: [a.group] } }),
      'reorder groups'
    )
    ok(
      await api('PUT', '/v1/spaces/order', { user: bob, body: { orderedIds: [other.id, a.space] } }),
      'reorder spaces'
    )
    ok(await api('PATCH', `/v1/groups/${a.group}`, { user: bob, body: { spaceId: other.id } }), 'move group')
    ok(await api('PATCH', `/v1/bookmarks/${b1}`, { user: bob, body: { isPinned: true } }), 'pin')
    ok(await push(bob, [m('bookmark', 'update', { id: b0, title: 'Bob pushed' })]), 'push update')
    ok(
      await push(bob, [m('bookmark', 'move', { id: b0, groupId: a.group, position: 'Zz' })]),
      'push move by key'
    )
    ok(await push(bob, [m('group', 'move', { id: a.group, spaceId: a.space })]), 'push move')
    ok(await api('DELETE', `/v1/bookmarks/${b1}`, { user: bob }), 'delete bookmark')
    ok(await api('DELETE', `/v1/spaces/${a.space}`, { user: bob }), 'delete space')

    expect(await snapshotUser(a.alice)).toBe(before)
    const bobs = await testSql()`select id, title, deleted_at is not null as gone from bookmarks
      where user_id = ${bob} order by title`
    expect(bobs.map((r) => [r.title, r.gone])).toEqual([
      ['Bob 1', true],
      ['Bob pushed', true]
    ])
  })
})

describe('ids scoped to their owner: sync', () => {
  it('a push and a migrate creating another user’s ids are applied, and write the caller’s rows', async () => {
    const a = await aliceTree()
    const bob = uniqueUser('bob')
    const before = await snapshotUser(a.alice)
    const [b0, b1] = a.bookmarks as [string, string]
    const pushed = await push(bob, [
      m('space', 'create', { id: a.space, name: 'Bob' }),
      m('group', 'create', { id: a.group, spaceId: a.space, name: 'Bob' }),
      m('bookmark', 'create', { id: b0, groupId: a.group, title: 'Bob', url: 'https://bob.example/' })
    ])
    expect(pushed.body.results.map((r) => r.reason ?? r.status)).toEqual(['applied', 'applied', 'applied'])
    const migrated = await api<{ created: Record<string, number> }>('POST', '/v1/sync/migrate', {
      user: uniqueUser('carol'),
      body: {
        mode: 'merge',
        clientId: 'client_carol',
        spaces: [{ id: a.space, name: 'Carol' }],
        groups: [{ id: a.group, spaceId: a.space, name: 'Carol' }],
        bookmarks: [{ id: b1, groupId: a.group, title: 'Carol', url: 'https://carol.example/' }]
      }
    })
    expect(migrated.status).toBe(200)
    expect(migrated.body.created).toEqual({ spaces: 1, groups: 1, bookmarks: 1 })
    const pull = await api<{ bookmarks: { id: string; title: string }[] }>('GET', '/v1/sync/pull', {
      user: bob
    })
    expect(pull.body.bookmarks.map((b) => [b.id, b.title])).toEqual([[b0, 'Bob']])
    expect(await snapshotUser(a.alice)).toBe(before)
  })

  it('another user creating the same ids during a push never makes it report a row it did not write', async () => {
    const alice = uniqueUser('alice')
    const bob = uniqueUser('bob')
    for (let round = 0; round < 8; round++) {
      const ids = { space: uniqueId('space'), group: uniqueId('group'), bookmark: uniqueId('bookmark') }
      const bobCreates = async () => {
        const results = [
          await api('POST', '/v1/spaces', { user: bob, body: { id: ids.space, name: 'Bob' } }),
          await api('POST', '/v1/groups', {
            user: bob,
            body: { id: ids.group, spaceId: ids.space, name: 'Bob' }
          }),
          await api('POST', '/v1/bookmarks', {
            user: bob,
            body: { id: ids.bookmark, groupId: ids.group, title: 'Bob', url: 'https://bob.example/' }
          })
        ]
        return results.map((r) => r.status)
      }
      const [pushed, bobStatuses] = await Promise.all([
        push(alice, [
          m('space', 'create', { id: ids.space, name: 'Alice' }),
          m('group', 'create', { id: ids.group, spaceId: ids.space, name: 'Alice' }),
          m('bookmark', 'create', {
            id: ids.bookmark,
            groupId: ids.group,
            title: 'Alice',
            url: 'https://a.example/'
          })
        ]),
        bobCreates()
      ])
      expect(pushed.status, `round ${round}: ${JSON.stringify(pushed.body)}`).toBe(200)
      expect(pushed.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied'])
      expect(bobStatuses).toEqual([201, 201, 201])
      const owners = await testSql()`
        select 'space' as kind, user_id, name as label from spaces where id = ${ids.space}
        union all select 'group', user_id, name from groups where id = ${ids.group}
        union all select 'bookmark', user_id, title from bookmarks where id = ${ids.bookmark}`
      for (const kind of ['space', 'group', 'bookmark']) {
        const rows = owners.filter((r) => r.kind === kind)
        expect(
          rows.map((r) => [r.user_id === alice ? 'alice' : 'bob', r.label]).sort(),
          `round ${round} ${kind}`
        ).toEqual([
          ['alice', 'Alice'],
          ['bob', 'Bob']
        ])
      }
    }
  })

  it('pull pages of two users holding the same ids each hold only their own rows, once', async () => {
    const users = [uniqueUser('same'), uniqueUser('same')]
    const ids = range(5).map(() => uniqueId('space'))
    for (const user of users) {
      expect(
        (
          await push(
            user,
            ids.map((id) => m('space', 'create', { id, name: user }))
          )
        ).status
      ).toBe(200)
    }
    for (const user of users) {
      const seen: string[] = []
      let cursor: string | undefined
      for (;;) {
        const res = await api<{ cursor: string; hasMore: boolean; spaces: { id: string; name: string }[] }>(
          'GET',
          `/v1/sync/pull?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          { user }
        )
        for (const s of res.body.spaces) {
          expect(s.name).toBe(user)
          seen.push(s.id)
        }
        cursor = res.body.cursor
        if (!res.body.hasMore) break
      }
      expect(seen.sort()).toEqual([...ids].sort())
    }
  })
})
