import { describe, expect, it } from 'vitest'
import { rankPosition } from '../../../model/position'
import {
  api,
  type ErrorResponse,
  idsOf,
  makeBookmark,
  makeGroup,
  makeSpace,
  placesOf,
  snapshotUser,
  testSql,
  uniqueId,
  uniqueUser
} from '../../test/helpers'
import type { Bookmark } from '../bookmarks/bookmarks.schemas'
import type { Group } from './groups.schemas'

describe('groups: happy path', () => {
  it('POST /v1/groups creates at the end of its space and returns 201 with the stored row', async () => {
    const user = uniqueUser()
    const space = await makeSpace(user)
    const a = await api<Group>('POST', '/v1/groups', { user, body: { spaceId: space.id, name: 'Reading' } })
    const b = await api<Group>('POST', '/v1/groups', {
      user,
      body: { spaceId: space.id, name: 'Tools', icon: '🔧' }
    })
    expect(a.status).toBe(201)
    expect(a.body).toMatchObject({
      spaceId: space.id,
      name: 'Reading',
      icon: null,
      isArchived: false
    })
    expect(a.body.id).toMatch(/^group_[A-Za-z0-9]{20}$/)
    expect(b.body).toMatchObject({ name: 'Tools', icon: '🔧' })
    expect(b.body.position > a.body.position).toBe(true)
    expect(a.body).not.toHaveProperty('userId')
    expect(a.body).not.toHaveProperty('version')
  })

  it('POST /v1/groups keeps a client-made id', async () => {
    const user = uniqueUser()
    const space = await makeSpace(user)
    const id = uniqueId('group')
    const res = await api<Group>('POST', '/v1/groups', { user, body: { id, spaceId: space.id, name: 'G' } })
    expect(res.status).toBe(201)
    expect(res.body.id).toBe(id)
  })

  it('GET /v1/groups lists all groups, or one space’s, and hides archived unless asked', async () => {
    const user = uniqueUser()
    const s1 = await makeSpace(user)
    const s2 = await makeSpace(user)
    const g1 = await makeGroup(user, s1.id, { name: 'one' })
    await makeGroup(user, s1.id, { name: 'two' })
    await makeGroup(user, s2.id, { name: 'three' })
    const all = await api<{ items: Group[] }>('GET', '/v1/groups', { user })
    expect(all.status).toBe(200)
    expect(all.body.items.map((g) => g.name).sort()).toEqual(['one', 'three', 'two'])
    const bySpace = await api<{ items: Group[] }>('GET', `/v1/groups?spaceId=${s1.id}`, { user })
    expect(bySpace.body.items.map((g) => g.name)).toEqual(['one', 'two'])
    await api('PATCH', `/v1/groups/${g1.id}`, { user, body: { isArchived: true } })
    const visible = await api<{ items: Group[] }>('GET', `/v1/groups?spaceId=${s1.id}`, { user })
    expect(visible.body.items.map((g) => g.name)).toEqual(['two'])
    const withArchived = await api<{ items: Group[] }>(
      'GET',
      `/v1/groups?spaceId=${s1.id}&includeArchived=true`,
      {
        user
      }
    )
    expect(withArchived.body.items.map((g) => [g.name, g.isArchived])).toEqual([
      ['one', true],
      ['two', false]
    ])
  })

  it('PATCH /v1/groups/{id} changes only the named fields and bumps updatedAt', async () => {
    const user = uniqueUser()
    const space = await makeSpace(user)
    const group = await makeGroup(user, space.id, { name: 'Old', icon: '🧪' })
    const res = await api<Group>('PATCH', `/v1/groups/${group.id}`, { user, body: { name: 'New' } })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      id: group.id,
      name: 'New',
      icon: '🧪',
      spaceId: space.id,
      position: group.position
    })
    expect(res.body.updatedAt >= (group.updatedAt as string)).toBe(true)
    const cleared = await api<Group>('PATCH', `/v1/groups/${group.id}`, { user, body: { icon: null } })
    expect(cleared.body.icon).toBeNull()
  })

  it('PATCH /v1/groups/{id} with spaceId moves the group to the end of that space, carrying its bookmarks', async () => {
    const user = uniqueUser()
    const from = await makeSpace(user)
    const to = await makeSpace(user)
    const moving = await makeGroup(user, from.id, { name: 'moving' })
    const stays = await makeGroup(user, from.id, { name: 'stays' })
    const there = await makeGroup(user, to.id, { name: 'already there' })
    const b1 = await makeBookmark(user, moving.id)
    const b2 = await makeBookmark(user, moving.id)
    const res = await api<Group>('PATCH', `/v1/groups/${moving.id}`, { user, body: { spaceId: to.id } })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ spaceId: to.id })
    const carried = await api<{ items: Bookmark[] }>('GET', `/v1/bookmarks?groupId=${moving.id}`, { user })
    expect(carried.body.items.map((b) => [b.id, b.spaceId, b.position])).toEqual([
      [b1.id, to.id, b1.position],
      [b2.id, to.id, b2.position]
    ])
    expect(
      (await api<{ items: Bookmark[] }>('GET', `/v1/bookmarks?spaceId=${from.id}`, { user })).body.items
    ).toEqual([])
    // It goes last in its new space; no other group changes, in either space.
    expect(await idsOf('groups', { space_id: to.id })).toEqual([there.id, moving.id])
    expect(await placesOf('groups', { space_id: from.id })).toEqual([
      { id: stays.id, position: stays.position, version: expect.any(Number) }
    ])
    const [left] = await testSql()`select position from groups where id = ${stays.id}`
    expect(left?.position).toBe(stays.position)
  })

  it('PATCH /v1/groups/{id} to its own space keeps its position', async () => {
    const user = uniqueUser()
    const space = await makeSpace(user)
    await makeGroup(user, space.id)
    const group = await makeGroup(user, space.id)
    await makeGroup(user, space.id)
    const before = await placesOf('groups', { space_id: space.id })
    const res = await api<Group>('PATCH', `/v1/groups/${group.id}`, { user, body: { spaceId: space.id } })
    expect(res.body.position).toBe(group.position)
    expect(
      (await placesOf('groups', { space_id: space.id })).map(({ id, position }) => ({ id, position }))
    ).toEqual(before.map(({ id, position }) => ({ id, position })))
    expect((await idsOf('groups', { space_id: space.id }))[1]).toBe(group.id)
  })

  it('PUT /v1/spaces/{spaceId}/groups/order spreads the list in the new order; unlisted groups follow in their old order', async () => {
    const user = uniqueUser()
    const space = await makeSpace(user)
    const ids: string[] = []
    for (const name of ['A', 'B', 'C', 'D']) ids.push((await makeGroup(user, space.id, { name })).id)
    const res = await api<{ updated: number }>('PUT', `/v1/spaces/${space.id}/groups/order`, {
      user,
      body: { orderedIds: [ids[3], ids[1]] }
    })
    expect(res.status).toBe(200)
    const list = await api<{ items: Group[] }>('GET', `/v1/groups?spaceId=${space.id}`, { user })
    expect(list.body.items.map((g) => [g.name, g.position])).toEqual([
      ['D', rankPosition(0)],
      ['B', rankPosition(1)],
      ['A', rankPosition(2)],
      ['C', rankPosition(3)]
    ])
    // Every key changed (from the keys their creates got): a bulk operation, like a sort.
    expect(res.body.updated).toBe(4)
  })

  it('DELETE /v1/groups/{id} answers 204 and tombstones the group and its bookmarks with one version', async () => {
    const user = uniqueUser()
    const space = await makeSpace(user)
    const group = await makeGroup(user, space.id)
    const bookmark = await makeBookmark(user, group.id)
    expect((await api('DELETE', `/v1/groups/${group.id}`, { user })).status).toBe(204)
    expect(
      (await api<{ items: Group[] }>('GET', '/v1/groups?includeArchived=true', { user })).body.items
    ).toEqual([])
    expect((await api<{ items: Bookmark[] }>('GET', '/v1/bookmarks', { user })).body.items).toEqual([])
    const sql = testSql()
    const [g] = await sql`select deleted_at, version from groups where id = ${group.id}`
    const [b] = await sql`select deleted_at, version from bookmarks where id = ${bookmark.id}`
    const [u] = await sql`select sync_version from users where id = ${user}`
    expect(g?.deleted_at).not.toBeNull()
    expect(b?.deleted_at).not.toBeNull()
    expect(Number(g?.version)).toBe(Number(u?.sync_version))
    expect(Number(b?.version)).toBe(Number(u?.sync_version))
    expect((await api('DELETE', `/v1/groups/${group.id}`, { user })).status).toBe(404)
  })
})

describe('groups: errors', () => {
  it('rejects empty and too long names, unknown fields and malformed ids with 400 and the field path', async () => {
    const user = uniqueUser()
    const space = await makeSpace(user)
    const cases: [unknown, string][] = [
      [{ spaceId: space.id, name: ' ' }, 'name'],
      [{ spaceId: space.id, name: 'x'.repeat(101) }, 'name'],
      [{ spaceId: space.id, name: 'A', icon: 'x'.repeat(33) }, 'icon'],
      [{ spaceId: 'group_1', name: 'A' }, 'spaceId'],
      [{ name: 'A' }, 'spaceId'],
      [{ spaceId: space.id, name: 'A', id: 'space_1' }, 'id'],
      [{ spaceId: space.id, name: 'A', userId: 'x' }, '(root)']
    ]
    for (const [body, path] of cases) {
      const res = await api<ErrorResponse>('POST', '/v1/groups', { user, body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
      expect(res.body.error.issues?.[0]?.path, JSON.stringify(body)).toBe(path)
    }
  })

  it('rejects an empty PATCH, a bad query and a bad reorder body with 400', async () => {
    const user = uniqueUser()
    const space = await makeSpace(user)
    const group = await makeGroup(user, space.id)
    expect((await api('PATCH', `/v1/groups/${group.id}`, { user, body: {} })).status).toBe(400)
    expect((await api('GET', '/v1/groups?spaceId=nope', { user })).status).toBe(400)
    expect((await api('GET', '/v1/groups?includeArchived=yes', { user })).status).toBe(400)
    for (const orderedIds of [[], [group.id, group.id], ['space_1']]) {
      const res = await api('PUT', `/v1/spaces/${space.id}/groups/order`, { user, body: { orderedIds } })
      expect(res.status, JSON.stringify(orderedIds)).toBe(400)
    }
  })

  it('answers 404 for a missing space on create, move and reorder, and a missing group on PATCH/DELETE', async () => {
    const user = uniqueUser()
    const space = await makeSpace(user)
    const group = await makeGroup(user, space.id)
    const nowhere = uniqueId('space')
    const create = await api<ErrorResponse>('POST', '/v1/groups', {
      user,
      body: { spaceId: nowhere, name: 'A' }
    })
    expect(create.status).toBe(404)
    expect(create.body.error.code).toBe('not_found')
    const move = await api('PATCH', `/v1/groups/${group.id}`, { user, body: { spaceId: nowhere } })
    expect(move.status).toBe(404)
    const missing = uniqueId('group')
    expect((await api('PATCH', `/v1/groups/${missing}`, { user, body: { name: 'X' } })).status).toBe(404)
    expect((await api('DELETE', `/v1/groups/${missing}`, { user })).status).toBe(404)
    const order = await api('PUT', `/v1/spaces/${space.id}/groups/order`, {
      user,
      body: { orderedIds: [group.id, missing] }
    })
    expect(order.status).toBe(404)
    // A group of another of the user's spaces is not an item of this space either.
    const other = await makeSpace(user)
    const elsewhere = await makeGroup(user, other.id)
    const wrongList = await api('PUT', `/v1/spaces/${space.id}/groups/order`, {
      user,
      body: { orderedIds: [elsewhere.id] }
    })
    expect(wrongList.status).toBe(404)
  })

  it('cannot create a group in a deleted space (404) nor move one there', async () => {
    const user = uniqueUser()
    const space = await makeSpace(user)
    const gone = await makeSpace(user)
    const group = await makeGroup(user, space.id)
    await api('DELETE', `/v1/spaces/${gone.id}`, { user })
    expect((await api('POST', '/v1/groups', { user, body: { spaceId: gone.id, name: 'A' } })).status).toBe(
      404
    )
    expect((await api('PATCH', `/v1/groups/${group.id}`, { user, body: { spaceId: gone.id } })).status).toBe(
      404
    )
  })

  it('answers 409 when the group id is taken, and changes nothing', async () => {
    const user = uniqueUser()
    const space = await makeSpace(user)
    const group = await makeGroup(user, space.id, { name: 'First' })
    const before = await snapshotUser(user)
    const again = await api<ErrorResponse>('POST', '/v1/groups', {
      user,
      body: { id: group.id, spaceId: space.id, name: 'Second' }
    })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('conflict')
    expect(await snapshotUser(user)).toBe(before)
  })

  it('answers 401 without a token on every groups route', async () => {
    const group = uniqueId('group')
    const space = uniqueId('space')
    for (const [method, path] of [
      ['GET', '/v1/groups'],
      ['POST', '/v1/groups'],
      ['PATCH', `/v1/groups/${group}`],
      ['DELETE', `/v1/groups/${group}`],
      ['PUT', `/v1/spaces/${space}/groups/order`]
    ] as const) {
      const res = await api<ErrorResponse>(method, path, { body: method === 'GET' ? undefined : {} })
      expect(res.status, `${method} ${path}`).toBe(401)
      expect(res.body.error.code).toBe('unauthorized')
    }
  })
})

describe('groups: security', () => {
  it("another user's groups are invisible and untouchable; their space cannot host my groups", async () => {
    const alice = uniqueUser('alice')
    const bob = uniqueUser('bob')
    const space = await makeSpace(alice)
    const group = await makeGroup(alice, space.id, { name: 'Private' })
    const before = await snapshotUser(alice)
    expect((await api<{ items: Group[] }>('GET', '/v1/groups', { user: bob })).body.items).toEqual([])
    expect(
      (await api<{ items: Group[] }>('GET', `/v1/groups?spaceId=${space.id}`, { user: bob })).body.items
    ).toEqual([])
    expect((await api('PATCH', `/v1/groups/${group.id}`, { user: bob, body: { name: 'X' } })).status).toBe(
      404
    )
    expect((await api('DELETE', `/v1/groups/${group.id}`, { user: bob })).status).toBe(404)
    expect(
      (await api('POST', '/v1/groups', { user: bob, body: { spaceId: space.id, name: 'X' } })).status
    ).toBe(404)
    // Ids are per user: Alice's group id makes Bob's own group, answered as any fresh id.
    const same = await api<Group>('POST', '/v1/groups', {
      user: bob,
      body: { id: group.id, spaceId: (await makeSpace(bob)).id, name: 'Mine' }
    })
    expect(same.status).toBe(201)
    expect(JSON.stringify(same.body)).not.toContain('Private')
    expect(await snapshotUser(alice)).toBe(before)
  })

  it('reorder with ids of mixed owners fails whole', async () => {
    const alice = uniqueUser('alice')
    const bob = uniqueUser('bob')
    const aliceSpace = await makeSpace(alice)
    const aliceGroup = await makeGroup(alice, aliceSpace.id)
    const bobSpace = await makeSpace(bob)
    const bobGroups = [await makeGroup(bob, bobSpace.id), await makeGroup(bob, bobSpace.id)]
    const aliceBefore = await snapshotUser(alice)
    const bobBefore = await snapshotUser(bob)
    const res = await api('PUT', `/v1/spaces/${bobSpace.id}/groups/order`, {
      user: bob,
      body: { orderedIds: [bobGroups[1]?.id, aliceGroup.id, bobGroups[0]?.id] }
    })
    expect(res.status).toBe(404)
    expect(await snapshotUser(alice)).toBe(aliceBefore)
    expect(await idsOf('groups', { space_id: bobSpace.id })).toEqual(bobGroups.map((g) => g.id))
    // Bob's rows are untouched too, his version included: a failed write writes nothing.
    expect(await snapshotUser(bob)).toBe(bobBefore)
  })
})
