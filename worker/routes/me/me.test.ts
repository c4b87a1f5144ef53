import { describe, expect, it } from 'vitest'
import { api, type ErrorResponse, makeTree, snapshotUser, testSql, uniqueUser } from '../../test/helpers'

type Me = {
  id: string
  email: string | null
  createdAt: string | null
  counts: { spaces: number; groups: number; bookmarks: number }
}

describe('me: happy path', () => {
  it('GET /v1/me answers for a new user with zero counts and no row yet', async () => {
    const user = uniqueUser()
    const res = await api<Me>('GET', '/v1/me', { user })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      id: user,
      email: null,
      name: null,
      avatarUrl: null,
      createdAt: null,
      counts: { spaces: 0, groups: 0, bookmarks: 0 }
    })
    // A read creates nothing.
    expect(await testSql()`select 1 from users where id = ${user}`).toHaveLength(0)
  })

  it('GET /v1/me counts live spaces, groups and bookmarks, not tombstones', async () => {
    const user = uniqueUser()
    const a = await makeTree(user, 3)
    await makeTree(user, 1)
    await api('DELETE', `/v1/bookmarks/${a.bookmarks[0]?.id}`, { user })
    const res = await api<Me>('GET', '/v1/me', { user })
    expect(res.body.counts).toEqual({ spaces: 2, groups: 2, bookmarks: 3 })
    expect(new Date(res.body.createdAt ?? '').toISOString()).toBe(res.body.createdAt)
  })

  it('DELETE /v1/me deletes every row of the user, and only that user’s', async () => {
    const user = uniqueUser()
    const other = uniqueUser('other')
    await makeTree(user, 2)
    await makeTree(other, 2)
    const otherBefore = await snapshotUser(other)
    const res = await api('DELETE', '/v1/me', { user })
    expect(res.status).toBe(204)
    const sql = testSql()
    for (const table of ['spaces', 'groups', 'bookmarks']) {
      expect(await sql`select 1 from ${sql(table)} where user_id = ${user}`, table).toHaveLength(0)
    }
    expect(await sql`select 1 from users where id = ${user}`).toHaveLength(0)
    expect(await snapshotUser(other)).toBe(otherBefore)
    expect((await api<Me>('GET', '/v1/me', { user })).body.counts).toEqual({
      spaces: 0,
      groups: 0,
      bookmarks: 0
    })
    // Deleting again is not an error.
    expect((await api('DELETE', '/v1/me', { user })).status).toBe(204)
  })
})

describe('me: errors', () => {
  it('answers 401 without a token on GET and DELETE', async () => {
    for (const method of ['GET', 'DELETE']) {
      const res = await api<ErrorResponse>(method, '/v1/me')
      expect(res.status).toBe(401)
      expect(res.body.error.code).toBe('unauthorized')
    }
  })
})
