// Odd requests get a 4xx in the one error shape, never a 500 and never a write.
import { describe, expect, it } from 'vitest'
import { api, type ErrorResponse, makeTree, range, snapshotUser, uniqueId, uniqueUser } from '../test/helpers'

describe('validation: odd bodies', () => {
  it('answers 400 for empty, null, array, scalar and malformed JSON bodies on every write route', async () => {
    const user = uniqueUser()
    const { space, group, bookmarks } = await makeTree(user, 1)
    const before = await snapshotUser(user)
    const routes: [string, string][] = [
      ['POST', '/v1/spaces'],
      ['PATCH', `/v1/spaces/${space.id}`],
      ['PUT', '/v1/spaces/order'],
      ['POST', '/v1/groups'],
      ['PATCH', `/v1/groups/${group.id}`],
      ['PUT', `/v1/spaces/${space.id}/groups/order`],
      ['POST', '/v1/bookmarks'],
      ['POST', '/v1/bookmarks/bulk'],
      ['PATCH', `/v1/bookmarks/${bookmarks[0]?.id}`],
      ['PUT', `/v1/groups/${group.id}/bookmarks/order`]
    ]
    for (const [method, path] of routes) {
      for (const body of ['', 'null', '[]', '42', '"x"', '{', '{"a":1,}']) {
        const res = await api<ErrorResponse>(method, path, {
          user,
          body,
          headers: { 'content-type': 'application/json' }
        })
        expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400)
        expect(res.body.error.code).toBe('validation_failed')
      }
    }
    expect(await snapshotUser(user)).toBe(before)
  })

  it('answers 400 for malformed ids in the path, before touching the database', async () => {
    const user = uniqueUser()
    for (const [method, path] of [
      ['PATCH', '/v1/spaces/group_abc'],
      ['DELETE', '/v1/spaces/space_'],
      ['DELETE', `/v1/groups/group_${'x'.repeat(65)}`],
      ['PATCH', '/v1/bookmarks/bookmark_a%20b'],
      ['PUT', "/v1/spaces/space_1'--/groups/order"]
    ] as const) {
      const res = await api<ErrorResponse>(method, path, {
        user,
        body: method === 'DELETE' ? undefined : { name: 'x', orderedIds: [uniqueId('group')] }
      })
      expect(res.status, `${method} ${path}`).toBe(400)
      expect(res.body.error.issues?.[0]?.path).toMatch(/^(id|spaceId)$/)
    }
  })

  it('caps reorders at 1,000 ids and refuses repeated ids', async () => {
    const user = uniqueUser()
    const tooMany = range(1001).map(() => uniqueId('space'))
    const res = await api<ErrorResponse>('PUT', '/v1/spaces/order', { user, body: { orderedIds: tooMany } })
    expect(res.status).toBe(400)
    expect(res.body.error.issues?.[0]?.path).toBe('orderedIds')
  })

  it('stores names and titles with any Unicode, trimmed', async () => {
    const user = uniqueUser()
    const res = await api<{ name: string }>('POST', '/v1/spaces', {
      user,
      body: { name: '  Ünïcødé 🚀 名前 \u202e  ' }
    })
    expect(res.status).toBe(201)
    expect(res.body.name).toBe('Ünïcødé 🚀 名前 \u202e')
  })

  it('treats SQL in values as plain text', async () => {
    const user = uniqueUser()
    const name = "x'); drop table spaces; --"
    const res = await api<{ id: string; name: string }>('POST', '/v1/spaces', { user, body: { name } })
    expect(res.status).toBe(201)
    const list = await api<{ items: { name: string }[] }>('GET', '/v1/spaces', { user })
    expect(list.body.items.map((s) => s.name)).toEqual([name])
  })
})
