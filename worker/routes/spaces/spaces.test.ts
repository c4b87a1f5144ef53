import { describe, expect, it } from 'vitest'
import { positionProblem, rankPosition } from '../../../model/position'
import { api, type ErrorResponse, testSql, uniqueId, uniqueUser } from '../../test/helpers'
import type { Space } from './spaces.schemas'

const create = (user: string, body: Record<string, unknown>) =>
  api<Space>('POST', '/v1/spaces', { user, body })

describe('spaces: happy path', () => {
  it('POST /v1/spaces creates at the end of the list with defaults and returns 201', async () => {
    const user = uniqueUser()
    const a = await create(user, { name: 'Work' })
    const b = await create(user, { name: 'Home', icon: '🏠', color: '#22c55e' })
    expect(a.status).toBe(201)
    expect(a.body).toMatchObject({ name: 'Work', icon: '📁', color: null, isArchived: false })
    expect(a.body.id).toMatch(/^space_[A-Za-z0-9]{20}$/)
    expect(b.body).toMatchObject({ name: 'Home', icon: '🏠', color: '#22c55e' })
    // At the end: the second one's key sorts after the first's.
    expect(positionProblem(a.body.position)).toBeUndefined()
    expect(b.body.position > a.body.position).toBe(true)
    expect(new Date(a.body.createdAt).toISOString()).toBe(a.body.createdAt)
    expect(a.body).not.toHaveProperty('userId')
  })

  it('POST /v1/spaces keeps a client-made id', async () => {
    const user = uniqueUser()
    const id = uniqueId('space')
    const res = await create(user, { id, name: 'Offline' })
    expect(res.status).toBe(201)
    expect(res.body.id).toBe(id)
  })

  it('GET /v1/spaces lists in order and hides archived unless asked', async () => {
    const user = uniqueUser()
    const a = await create(user, { name: 'A' })
    await create(user, { name: 'B' })
    await api('PATCH', `/v1/spaces/${a.body.id}`, { user, body: { isArchived: true } })
    const visible = await api<{ items: Space[] }>('GET', '/v1/spaces', { user })
    expect(visible.status).toBe(200)
    expect(visible.body.items.map((s) => s.name)).toEqual(['B'])
    const all = await api<{ items: Space[] }>('GET', '/v1/spaces?includeArchived=true', { user })
    expect(all.body.items.map((s) => s.name)).toEqual(['A', 'B'])
  })

  it('PATCH /v1/spaces/{id} changes only the named fields', async () => {
    const user = uniqueUser()
    const space = await create(user, { name: 'Old', icon: '🧪', color: 'red' })
    const res = await api<Space>('PATCH', `/v1/spaces/${space.body.id}`, {
      user,
      body: { name: 'New', color: null }
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ name: 'New', icon: '🧪', color: null })
  })

  it('PUT /v1/spaces/order spreads the list in the new order, unlisted spaces keep their relative order after', async () => {
    const user = uniqueUser()
    const ids: string[] = []
    for (const name of ['A', 'B', 'C', 'D']) ids.push((await create(user, { name })).body.id)
    const res = await api<{ updated: number }>('PUT', '/v1/spaces/order', {
      user,
      body: { orderedIds: [ids[2], ids[0]] }
    })
    expect(res.status).toBe(200)
    const list = await api<{ items: Space[] }>('GET', '/v1/spaces', { user })
    expect(list.body.items.map((s) => [s.name, s.position])).toEqual([
      ['C', rankPosition(0)],
      ['A', rankPosition(1)],
      ['B', rankPosition(2)],
      ['D', rankPosition(3)]
    ])
    // The list is spread anew (rank keys): every row whose key changed is rewritten, D's too (it had the key its
    // create got). The same reorder again changes nothing.
    expect(res.body.updated).toBe(4)
    const again = await api<{ updated: number }>('PUT', '/v1/spaces/order', {
      user,
      body: { orderedIds: [ids[2], ids[0]] }
    })
    expect(again.body.updated).toBe(0)
  })

  it('DELETE /v1/spaces/{id} answers 204, hides the space and tombstones its subtree', async () => {
    const user = uniqueUser()
    const space = await create(user, { name: 'Gone' })
    const del = await api('DELETE', `/v1/spaces/${space.body.id}`, { user })
    expect(del.status).toBe(204)
    expect(
      (await api<{ items: Space[] }>('GET', '/v1/spaces?includeArchived=true', { user })).body.items
    ).toEqual([])
    const [row] = await testSql()`select deleted_at, version from spaces where id = ${space.body.id}`
    expect(row?.deleted_at).not.toBeNull()
    expect((await api('DELETE', `/v1/spaces/${space.body.id}`, { user })).status).toBe(404)
  })
})

describe('spaces: errors', () => {
  it('rejects an empty or too long name with 400 and the field path', async () => {
    const user = uniqueUser()
    const empty = await api<ErrorResponse>('POST', '/v1/spaces', { user, body: { name: '  ' } })
    expect(empty.status).toBe(400)
    expect(empty.body.error.code).toBe('validation_failed')
    expect(empty.body.error.issues?.[0]?.path).toBe('name')
    const long = await api<ErrorResponse>('POST', '/v1/spaces', { user, body: { name: 'x'.repeat(101) } })
    expect(long.status).toBe(400)
  })

  it('rejects unknown fields, malformed ids, bad colours and malformed JSON with 400', async () => {
    const user = uniqueUser()
    for (const body of [
      { name: 'A', userId: 'x' },
      { name: 'A', id: 'group_1' },
      { name: 'A', color: 'url(x)' },
      '{"name":'
    ]) {
      const res = await api<ErrorResponse>('POST', '/v1/spaces', { user, body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
    }
  })

  it('rejects a non-JSON body with 415 and an empty PATCH with 400', async () => {
    const user = uniqueUser()
    const text = await api<ErrorResponse>('POST', '/v1/spaces', {
      user,
      body: 'name=A',
      headers: { 'content-type': 'application/x-www-form-urlencoded' }
    })
    expect(text.status).toBe(415)
    const space = await create(user, { name: 'A' })
    expect((await api('PATCH', `/v1/spaces/${space.body.id}`, { user, body: {} })).status).toBe(400)
  })

  it('answers 409 when the id is taken, and 404 for unknown ids', async () => {
    const user = uniqueUser()
    const space = await create(user, { name: 'A' })
    const again = await api<ErrorResponse>('POST', '/v1/spaces', {
      user,
      body: { id: space.body.id, name: 'B' }
    })
    expect(again.status).toBe(409)
    const missing = uniqueId('space')
    expect((await api('PATCH', `/v1/spaces/${missing}`, { user, body: { name: 'X' } })).status).toBe(404)
    expect((await api('DELETE', `/v1/spaces/${missing}`, { user })).status).toBe(404)
    const order = await api('PUT', '/v1/spaces/order', {
      user,
      body: { orderedIds: [space.body.id, missing] }
    })
    expect(order.status).toBe(404)
  })

  it('answers 401 without a token', async () => {
    const res = await api<ErrorResponse>('GET', '/v1/spaces')
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('unauthorized')
  })
})

describe('spaces: security', () => {
  it("another user's space is invisible and untouchable, even by id", async () => {
    const alice = uniqueUser('alice')
    const bob = uniqueUser('bob')
    const space = await create(alice, { name: 'Private' })
    expect((await api<{ items: Space[] }>('GET', '/v1/spaces', { user: bob })).body.items).toEqual([])
    const patch = await api<ErrorResponse>('PATCH', `/v1/spaces/${space.body.id}`, {
      user: bob,
      body: { name: 'Pwned' }
    })
    expect(patch.status).toBe(404)
    expect((await api('DELETE', `/v1/spaces/${space.body.id}`, { user: bob })).status).toBe(404)
    expect(
      (await api('PUT', '/v1/spaces/order', { user: bob, body: { orderedIds: [space.body.id] } })).status
    ).toBe(404)
    // Ids are per user: Alice's id is a free id to Bob, answered as any fresh one, and makes Bob's own space.
    const same = await api<Space>('POST', '/v1/spaces', {
      user: bob,
      body: { id: space.body.id, name: 'Mine' }
    })
    expect(same.status).toBe(201)
    expect(JSON.stringify(same.body)).not.toContain('Private')
    const mine = await api<{ items: Space[] }>('GET', '/v1/spaces', { user: alice })
    expect(mine.body.items).toMatchObject([{ id: space.body.id, name: 'Private' }])
    const his = await api<{ items: Space[] }>('GET', '/v1/spaces', { user: bob })
    expect(his.body.items).toMatchObject([{ id: space.body.id, name: 'Mine' }])
  })
})
