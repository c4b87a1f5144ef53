import { describe, expect, it } from 'vitest'
import { rankPosition } from '../../../model/position'
import {
  api,
  type ErrorResponse,
  idsOf,
  makeBookmark,
  makeGroup,
  makeSpace,
  makeTree,
  placesOf,
  range,
  snapshotUser,
  testSql,
  uniqueId,
  uniqueUser
} from '../../test/helpers'
import { mutationId, pull, push } from '../sync/test-client'
import type { Bookmark } from './bookmarks.schemas'

type BulkResult = { created: number; bookmarks: Bookmark[] }
type BookmarkPage = { items: Bookmark[]; nextCursor: string | null }

/** Every page of a bookmark list, followed by nextCursor. */
async function listAll(user: string, query: string) {
  const items: Bookmark[] = []
  let cursor: string | null = null
  do {
    const next: string = cursor ? `&cursor=${cursor}` : ''
    const page = await api<BookmarkPage>('GET', `/v1/bookmarks?limit=1000&${query}${next}`, { user })
    expect(page.status).toBe(200)
    items.push(...page.body.items)
    cursor = page.body.nextCursor
  } while (cursor)
  return items
}

const link = (groupId: string, extra: Record<string, unknown> = {}) => ({
  groupId,
  title: 'MDN',
  url: 'https://developer.mozilla.org/',
  ...extra
})

describe('bookmarks: happy path', () => {
  it('POST /v1/bookmarks creates at the end of its group, in the group’s space, and returns 201', async () => {
    const user = uniqueUser()
    const space = await makeSpace(user)
    const group = await makeGroup(user, space.id)
    const a = await api<Bookmark>('POST', '/v1/bookmarks', { user, body: link(group.id) })
    const b = await api<Bookmark>('POST', '/v1/bookmarks', {
      user,
      body: link(group.id, {
        title: 'Docs',
        faviconUrl: 'https://developer.mozilla.org/favicon.ico',
        description: 'Reference',
        isPinned: true
      })
    })
    expect(a.status).toBe(201)
    expect(a.body).toMatchObject({
      groupId: group.id,
      spaceId: space.id,
      title: 'MDN',
      url: 'https://developer.mozilla.org/',
      faviconUrl: null,
      description: null,
      isPinned: false,
      isArchived: false
    })
    expect(a.body.id).toMatch(/^bookmark_[A-Za-z0-9]{20}$/)
    expect(b.body).toMatchObject({ isPinned: true, description: 'Reference' })
    expect(b.body.position > a.body.position).toBe(true)
    expect(a.body).not.toHaveProperty('userId')
    expect(a.body).not.toHaveProperty('deletedAt')
  })

  it('POST /v1/bookmarks keeps a client-made id and accepts the group’s own spaceId', async () => {
    const user = uniqueUser()
    const { space, group } = await makeTree(user, 0)
    const id = uniqueId('bookmark')
    const res = await api<Bookmark>('POST', '/v1/bookmarks', {
      user,
      body: link(group.id, { id, spaceId: space.id })
    })
    expect(res.status).toBe(201)
    expect(res.body.id).toBe(id)
  })

  it('GET /v1/bookmarks lists all, by group and by space; archived only with includeArchived', async () => {
    const user = uniqueUser()
    const s1 = await makeSpace(user)
    const s2 = await makeSpace(user)
    const g1 = await makeGroup(user, s1.id)
    const g2 = await makeGroup(user, s1.id)
    const g3 = await makeGroup(user, s2.id)
    const b1 = await makeBookmark(user, g1.id, { title: 'one' })
    await makeBookmark(user, g1.id, { title: 'two' })
    await makeBookmark(user, g2.id, { title: 'three' })
    await makeBookmark(user, g3.id, { title: 'four' })
    const titles = async (query: string) =>
      (await api<{ items: Bookmark[] }>('GET', `/v1/bookmarks${query}`, { user })).body.items.map(
        (b) => b.title
      )
    expect((await titles('')).sort()).toEqual(['four', 'one', 'three', 'two'])
    expect(await titles(`?groupId=${g1.id}`)).toEqual(['one', 'two'])
    expect((await titles(`?spaceId=${s1.id}`)).sort()).toEqual(['one', 'three', 'two'])
    expect(await titles(`?spaceId=${s2.id}&groupId=${g3.id}`)).toEqual(['four'])
    expect(await titles(`?spaceId=${s2.id}&groupId=${g1.id}`)).toEqual([])
    await api('PATCH', `/v1/bookmarks/${b1.id}`, { user, body: { isArchived: true } })
    expect(await titles(`?groupId=${g1.id}`)).toEqual(['two'])
    expect(await titles(`?groupId=${g1.id}&includeArchived=true`)).toEqual(['one', 'two'])
  })

  it('PATCH /v1/bookmarks/{id} changes only the named fields: title, url, pinned, archived, description', async () => {
    const user = uniqueUser()
    const { bookmarks } = await makeTree(user, 1)
    const id = bookmarks[0]?.id
    const res = await api<Bookmark>('PATCH', `/v1/bookmarks/${id}`, {
      user,
      body: { title: 'New', url: 'https://example.org/x', isPinned: true, description: 'd' }
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      id,
      title: 'New',
      url: 'https://example.org/x',
      isPinned: true,
      description: 'd'
    })
    const archived = await api<Bookmark>('PATCH', `/v1/bookmarks/${id}`, {
      user,
      body: { isArchived: true, isPinned: false, description: null }
    })
    expect(archived.body).toMatchObject({
      title: 'New',
      isArchived: true,
      isPinned: false,
      description: null
    })
  })

  it('PATCH /v1/bookmarks/{id} with groupId moves it to the end of that group and into its space; no other row changes', async () => {
    const user = uniqueUser()
    const { space, group, bookmarks } = await makeTree(user, 3)
    const otherSpace = await makeSpace(user)
    const target = await makeGroup(user, otherSpace.id)
    const there = await makeBookmark(user, target.id)
    const moving = bookmarks[0]?.id ?? ''
    const stayed = await placesOf('bookmarks', { group_id: group.id })
    const res = await api<Bookmark>('PATCH', `/v1/bookmarks/${moving}`, {
      user,
      body: { groupId: target.id, title: 'Moved' }
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ groupId: target.id, spaceId: otherSpace.id, title: 'Moved' })
    expect(await placesOf('bookmarks', { group_id: group.id })).toEqual(stayed.slice(1))
    expect(await idsOf('bookmarks', { group_id: target.id })).toEqual([there.id, moving])
    const left = await api<{ items: Bookmark[] }>('GET', `/v1/bookmarks?groupId=${group.id}`, { user })
    expect(left.body.items.map((b) => b.id)).toEqual([bookmarks[1]?.id, bookmarks[2]?.id])
    expect(
      (await api<{ items: Bookmark[] }>('GET', `/v1/bookmarks?spaceId=${space.id}`, { user })).body.items
    ).toHaveLength(2)
  })

  it('moving a group to another space carries its bookmarks’ spaceId', async () => {
    const user = uniqueUser()
    const { group, bookmarks } = await makeTree(user, 2)
    const to = await makeSpace(user)
    expect((await api('PATCH', `/v1/groups/${group.id}`, { user, body: { spaceId: to.id } })).status).toBe(
      200
    )
    const moved = await api<{ items: Bookmark[] }>('GET', `/v1/bookmarks?spaceId=${to.id}`, { user })
    expect(moved.body.items.map((b) => b.id)).toEqual(bookmarks.map((b) => b.id))
    const rows = await testSql()`select space_id from bookmarks where group_id = ${group.id}`
    expect(rows.every((r) => r.space_id === to.id)).toBe(true)
  })

  it('PUT /v1/groups/{groupId}/bookmarks/order spreads the list in the new order (rank keys)', async () => {
    const user = uniqueUser()
    const { group, bookmarks } = await makeTree(user, 4)
    const [a, b, c, d] = bookmarks.map((x) => x.id)
    const res = await api<{ updated: number }>('PUT', `/v1/groups/${group.id}/bookmarks/order`, {
      user,
      body: { orderedIds: [c, a] }
    })
    expect(res.status).toBe(200)
    const list = await api<{ items: Bookmark[] }>('GET', `/v1/bookmarks?groupId=${group.id}`, { user })
    expect(list.body.items.map((x) => [x.id, x.position])).toEqual([
      [c, rankPosition(0)],
      [a, rankPosition(1)],
      [b, rankPosition(2)],
      [d, rankPosition(3)]
    ])
    // Every key changed (from the keys their creates got): a bulk operation, like a sort.
    expect(res.body.updated).toBe(4)
  })

  it('DELETE /v1/bookmarks/{id} answers 204 and leaves a tombstone', async () => {
    const user = uniqueUser()
    const { bookmarks } = await makeTree(user, 1)
    const id = bookmarks[0]?.id
    expect((await api('DELETE', `/v1/bookmarks/${id}`, { user })).status).toBe(204)
    const [row] = await testSql()`select deleted_at from bookmarks where id = ${id ?? ''}`
    expect(row?.deleted_at).not.toBeNull()
    expect(
      (await api<{ items: Bookmark[] }>('GET', '/v1/bookmarks?includeArchived=true', { user })).body.items
    ).toEqual([])
    expect((await api('DELETE', `/v1/bookmarks/${id}`, { user })).status).toBe(404)
    expect((await api('PATCH', `/v1/bookmarks/${id}`, { user, body: { title: 'x' } })).status).toBe(404)
  })
})

describe('bookmarks: bulk import', () => {
  it('POST /v1/bookmarks/bulk imports 5,000 bookmarks (~2 MB) in one request, orders dense per group', async () => {
    const user = uniqueUser()
    const space = await makeSpace(user)
    const g1 = await makeGroup(user, space.id)
    const g2 = await makeGroup(user, space.id)
    const first = await makeBookmark(user, g1.id) // g1 already holds one, so its imports come after it
    const description = 'x'.repeat(300)
    const list = range(5000).map((i) => ({
      ...(i % 2 === 0 ? { id: uniqueId('bookmark') } : {}),
      groupId: i % 3 === 0 ? g2.id : g1.id,
      title: `Bookmark ${i}`,
      url: `https://example.com/${i}`,
      description
    }))
    const body = JSON.stringify({ bookmarks: list })
    expect(body.length).toBeGreaterThan(1.8 * 1024 * 1024)
    const res = await api<BulkResult>('POST', '/v1/bookmarks/bulk', { user, body })
    expect(res.status).toBe(201)
    expect(res.body.created).toBe(5000)
    expect(res.body.bookmarks).toHaveLength(5000)
    expect(res.body.bookmarks.map((b) => b.title)).toEqual(list.map((b) => b.title))
    const inG2 = list.filter((b) => b.groupId === g2.id).length
    const ids = (group: string) => res.body.bookmarks.filter((b) => b.groupId === group).map((b) => b.id)
    expect(await idsOf('bookmarks', { group_id: g1.id })).toEqual([first.id, ...ids(g1.id)])
    expect(await idsOf('bookmarks', { group_id: g2.id })).toEqual(ids(g2.id))
    expect(ids(g2.id)).toHaveLength(inG2)
    // Input order is the order inside each group.
    const g2List = await listAll(user, `groupId=${g2.id}`)
    expect(g2List.map((b) => b.title)).toEqual(list.filter((b) => b.groupId === g2.id).map((b) => b.title))
  })

  it('bulk answers each bookmark exactly as GET /v1/bookmarks lists it, field by field and in key order', async () => {
    // The bulk answer is JSON that PostgreSQL writes (shared/api-json.ts); GET maps rows with toApi.
    const user = uniqueUser()
    const { group } = await makeTree(user, 0)
    const list = [
      { groupId: group.id, title: 'Plain', url: 'https://example.com/' },
      {
        groupId: group.id,
        title: 'Quote " back\\slash\ttab é 😀 \u2028',
        url: 'https://example.com/a?q="x"',
        faviconUrl: 'https://example.com/favicon.ico',
        description: 'two\nlines',
        tags: ['q"uote', 'ünï'],
        isPinned: true
      }
    ]
    const res = await api<BulkResult>('POST', '/v1/bookmarks/bulk', { user, body: { bookmarks: list } })
    expect(res.status).toBe(201)
    expect(res.body.created).toBe(2)
    const listed = await listAll(user, `groupId=${group.id}`)
    expect(res.body.bookmarks).toEqual(listed)
    expect(res.body.bookmarks.map((b) => Object.keys(b))).toEqual(listed.map((b) => Object.keys(b)))
  })

  it('bulk is all or nothing: one foreign group fails the whole batch with 404', async () => {
    const user = uniqueUser()
    const other = uniqueUser('other')
    const { group } = await makeTree(user, 0)
    const foreign = await makeTree(other, 0)
    const before = await snapshotUser(user)
    const otherBefore = await snapshotUser(other)
    const res = await api<ErrorResponse>('POST', '/v1/bookmarks/bulk', {
      user,
      body: { bookmarks: [link(group.id), link(foreign.group.id), link(group.id)] }
    })
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('not_found')
    // Not even the caller's version moved.
    expect(await snapshotUser(user)).toBe(before)
    expect(await snapshotUser(other)).toBe(otherBefore)
  })

  it('bulk is all or nothing: one taken id fails the whole batch with 409', async () => {
    const user = uniqueUser()
    const other = uniqueUser('other')
    const { group, bookmarks } = await makeTree(user, 1)
    await makeTree(other, 1)
    const before = await snapshotUser(user)
    const otherBefore = await snapshotUser(other)
    const res = await api<ErrorResponse>('POST', '/v1/bookmarks/bulk', {
      user,
      body: { bookmarks: [link(group.id), link(group.id, { id: bookmarks[0]?.id, title: 'Again' })] }
    })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('conflict')
    expect(JSON.stringify(res.body)).not.toContain('Example')
    // A unique violation aborts the statement: not even the caller's version moved.
    expect(await snapshotUser(user)).toBe(before)
    expect(await snapshotUser(other)).toBe(otherBefore)
  })

  it('bulk refuses a spaceId that is not the group’s space, repeated ids, an empty or oversized batch', async () => {
    const user = uniqueUser()
    const { group } = await makeTree(user, 0)
    const otherSpace = await makeSpace(user)
    const wrongSpace = await api('POST', '/v1/bookmarks/bulk', {
      user,
      body: { bookmarks: [link(group.id, { spaceId: otherSpace.id })] }
    })
    expect(wrongSpace.status).toBe(404)
    const id = uniqueId('bookmark')
    const repeated = await api<ErrorResponse>('POST', '/v1/bookmarks/bulk', {
      user,
      body: { bookmarks: [link(group.id, { id }), link(group.id, { id })] }
    })
    expect(repeated.status).toBe(400)
    expect(repeated.body.error.issues?.[0]?.path).toBe('bookmarks')
    expect((await api('POST', '/v1/bookmarks/bulk', { user, body: { bookmarks: [] } })).status).toBe(400)
    const tooMany = range(5001).map(() => ({ groupId: group.id, title: 't', url: 'https://a.b/' }))
    const over = await api<ErrorResponse>('POST', '/v1/bookmarks/bulk', {
      user,
      body: { bookmarks: tooMany }
    })
    expect(over.status).toBe(400)
    expect(over.body.error.message).toMatch(/5000/)
    expect(await idsOf('bookmarks', { group_id: group.id })).toEqual([])
  })

  it('bulk names the failing item’s path in a validation error', async () => {
    const user = uniqueUser()
    const { group } = await makeTree(user, 0)
    const res = await api<ErrorResponse>('POST', '/v1/bookmarks/bulk', {
      user,
      body: { bookmarks: [link(group.id), link(group.id, { url: 'javascript:alert(1)' })] }
    })
    expect(res.status).toBe(400)
    expect(res.body.error.issues?.[0]?.path).toBe('bookmarks.1.url')
  })
})

describe('bookmarks: errors', () => {
  it('validates URLs with a clear message: must parse, allowed schemes only, at most 2048 characters', async () => {
    const user = uniqueUser()
    const { group } = await makeTree(user, 0)
    const post = (url: unknown) =>
      api<ErrorResponse>('POST', '/v1/bookmarks', { user, body: link(group.id, { url }) })
    const notUrl = await post('example.com')
    expect(notUrl.status).toBe(400)
    expect(notUrl.body.error.issues).toEqual([
      { path: 'url', message: 'Must be a full URL such as https://example.com' }
    ])
    for (const url of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:msgbox']) {
      const res = await post(url)
      expect(res.status, url).toBe(400)
      expect(res.body.error.issues?.[0]?.message).toMatch(/^Must use one of: http: https:/)
    }
    const long = await post(`https://example.com/${'a'.repeat(2048)}`)
    expect(long.status).toBe(400)
    expect(long.body.error.issues?.[0]?.path).toBe('url')
    expect((await post('')).body.error.issues?.[0]?.message).toBe('Must not be empty')
    expect((await post(42)).status).toBe(400)
    for (const url of ['https://example.com', 'chrome://extensions', 'file:///tmp/a.html', 'mailto:a@b.c']) {
      expect((await post(url)).status, url).toBe(201)
    }
    const badFavicon = await api<ErrorResponse>('POST', '/v1/bookmarks', {
      user,
      body: link(group.id, { faviconUrl: 'javascript:x' })
    })
    expect(badFavicon.body.error.issues?.[0]?.path).toBe('faviconUrl')
  })

  it('enforces the title and description limits and rejects unknown fields', async () => {
    const user = uniqueUser()
    const { group, bookmarks } = await makeTree(user, 1)
    for (const [extra, path] of [
      [{ title: '' }, 'title'],
      [{ title: 'x'.repeat(501) }, 'title'],
      [{ description: 'x'.repeat(2001) }, 'description'],
      [{ isPinned: 'yes' }, 'isPinned'],
      [{ colour: 'red' }, '(root)'],
      // An old extension's integer order: the clear 400 to update (client_outdated).
      [{ order: 3 }, 'order'],
      [{ position: 'not a key' }, 'position'],
      [{ groupId: 'space_1' }, 'groupId']
    ] as const) {
      const res = await api<ErrorResponse>('POST', '/v1/bookmarks', { user, body: link(group.id, extra) })
      expect(res.status, JSON.stringify(extra)).toBe(400)
      expect(res.body.error.issues?.[0]?.path, JSON.stringify(extra)).toBe(path)
    }
    const id = bookmarks[0]?.id
    expect((await api('PATCH', `/v1/bookmarks/${id}`, { user, body: {} })).status).toBe(400)
    expect((await api('PATCH', `/v1/bookmarks/${id}`, { user, body: { url: 'nope' } })).status).toBe(400)
    expect(
      (await api('PATCH', `/v1/bookmarks/${id}`, { user, body: { spaceId: uniqueId('space') } })).status
    ).toBe(400)
    expect((await api('GET', '/v1/bookmarks?groupId=x', { user })).status).toBe(400)
  })

  it('answers 404 for a missing group on create, move and reorder, and a missing bookmark', async () => {
    const user = uniqueUser()
    const { group, bookmarks } = await makeTree(user, 1)
    const nowhere = uniqueId('group')
    expect((await api('POST', '/v1/bookmarks', { user, body: link(nowhere) })).status).toBe(404)
    const id = bookmarks[0]?.id
    const move = await api<ErrorResponse>('PATCH', `/v1/bookmarks/${id}`, {
      user,
      body: { groupId: nowhere }
    })
    expect(move.status).toBe(404)
    expect(move.body.error.message).toBe('Target group not found')
    const missing = uniqueId('bookmark')
    expect((await api('PATCH', `/v1/bookmarks/${missing}`, { user, body: { title: 'x' } })).status).toBe(404)
    expect((await api('DELETE', `/v1/bookmarks/${missing}`, { user })).status).toBe(404)
    const order = await api('PUT', `/v1/groups/${group.id}/bookmarks/order`, {
      user,
      body: { orderedIds: [id, missing] }
    })
    expect(order.status).toBe(404)
    expect(await idsOf('bookmarks', { group_id: group.id })).toEqual([id])
  })

  it('answers 409 for a taken bookmark id', async () => {
    const user = uniqueUser()
    const { group, bookmarks } = await makeTree(user, 1)
    const res = await api<ErrorResponse>('POST', '/v1/bookmarks', {
      user,
      body: link(group.id, { id: bookmarks[0]?.id })
    })
    expect(res.status).toBe(409)
  })

  it('answers 401 without a token on every bookmarks route', async () => {
    const id = uniqueId('bookmark')
    for (const [method, path] of [
      ['GET', '/v1/bookmarks'],
      ['POST', '/v1/bookmarks'],
      ['POST', '/v1/bookmarks/bulk'],
      ['PATCH', `/v1/bookmarks/${id}`],
      ['DELETE', `/v1/bookmarks/${id}`],
      ['PUT', `/v1/groups/${uniqueId('group')}/bookmarks/order`]
    ] as const) {
      const res = await api<ErrorResponse>(method, path, { body: method === 'GET' ? undefined : {} })
      expect(res.status, `${method} ${path}`).toBe(401)
      expect(res.body.error.code).toBe('unauthorized')
    }
  })
})

describe('bookmarks: security', () => {
  it("another user's bookmarks and groups are invisible and untouchable", async () => {
    const alice = uniqueUser('alice')
    const bob = uniqueUser('bob')
    const a = await makeTree(alice, 2)
    const b = await makeTree(bob, 1)
    const before = await snapshotUser(alice)
    const aId = a.bookmarks[0]?.id
    expect(
      (await api<{ items: Bookmark[] }>('GET', '/v1/bookmarks', { user: bob })).body.items.map((x) => x.id)
    ).toEqual([b.bookmarks[0]?.id])
    expect(
      (await api<{ items: Bookmark[] }>('GET', `/v1/bookmarks?groupId=${a.group.id}`, { user: bob })).body
        .items
    ).toEqual([])
    expect(
      (await api<{ items: Bookmark[] }>('GET', `/v1/bookmarks?spaceId=${a.space.id}`, { user: bob })).body
        .items
    ).toEqual([])
    expect((await api('PATCH', `/v1/bookmarks/${aId}`, { user: bob, body: { title: 'x' } })).status).toBe(404)
    expect((await api('DELETE', `/v1/bookmarks/${aId}`, { user: bob })).status).toBe(404)
    expect((await api('POST', '/v1/bookmarks', { user: bob, body: link(a.group.id) })).status).toBe(404)
    const intoTheirs = await api('PATCH', `/v1/bookmarks/${b.bookmarks[0]?.id}`, {
      user: bob,
      body: { groupId: a.group.id }
    })
    expect(intoTheirs.status).toBe(404)
    const order = await api('PUT', `/v1/groups/${a.group.id}/bookmarks/order`, {
      user: bob,
      body: { orderedIds: a.bookmarks.map((x) => x.id).reverse() }
    })
    expect(order.status).toBe(404)
    expect(await snapshotUser(alice)).toBe(before)
    // Bob's own bookmark stayed where it was.
    const [row] = await testSql()`select group_id from bookmarks where id = ${b.bookmarks[0]?.id ?? ''}`
    expect(row?.group_id).toBe(b.group.id)
  })
})

describe('bookmark tags', () => {
  it('POST /v1/bookmarks stores tags cleaned (no #, one copy each) and defaults to none', async () => {
    const user = uniqueUser()
    const { group } = await makeTree(user, 0)
    const plain = await api<Bookmark>('POST', '/v1/bookmarks', { user, body: link(group.id) })
    expect(plain.body.tags).toEqual([])
    const tagged = await api<Bookmark>('POST', '/v1/bookmarks', {
      user,
      body: link(group.id, { tags: ['#Rust', 'rust', ' async  io '] })
    })
    expect(tagged.status).toBe(201)
    expect(tagged.body.tags).toEqual(['Rust', 'async io'])
    const listed = await api<{ items: Bookmark[] }>('GET', `/v1/bookmarks?groupId=${group.id}`, { user })
    expect(listed.body.items.map((b) => b.tags)).toEqual([[], ['Rust', 'async io']])
  })

  it('PATCH /v1/bookmarks/{id} replaces tags, and bulk create keeps each bookmark’s own', async () => {
    const user = uniqueUser()
    const { group } = await makeTree(user, 0)
    const bulk = await api<{ bookmarks: Bookmark[] }>('POST', '/v1/bookmarks/bulk', {
      user,
      body: { bookmarks: [link(group.id, { tags: ['a'] }), link(group.id, { tags: ['b', 'c'] })] }
    })
    expect(bulk.body.bookmarks.map((b) => b.tags)).toEqual([['a'], ['b', 'c']])
    const [first] = bulk.body.bookmarks
    const patched = await api<Bookmark>('PATCH', `/v1/bookmarks/${first?.id}`, {
      user,
      body: { tags: ['x'] }
    })
    expect(patched.body.tags).toEqual(['x'])
  })

  it('refuses with 400 a tag with a comma, an over-long tag and more tags than the limit', async () => {
    const user = uniqueUser()
    const { group } = await makeTree(user, 0)
    for (const tags of [['a,b'], ['x'.repeat(41)], Array.from({ length: 21 }, (_, i) => `t${i}`), ['']]) {
      const res = await api<ErrorResponse>('POST', '/v1/bookmarks', { user, body: link(group.id, { tags }) })
      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
    }
  })

  it('sync push creates and updates tags, and a pull returns them', async () => {
    const user = uniqueUser()
    const { group } = await makeTree(user, 0)
    const id = uniqueId('bookmark')
    const create = {
      mutationId: mutationId(),
      entity: 'bookmark',
      op: 'create',
      data: { id, groupId: group.id, title: 'T', url: 'https://t.example/', tags: ['one'] }
    }
    const first = await push(user, [create])
    expect(first.body.results[0]?.status).toBe('applied')
    expect((await pull(user)).body.bookmarks.find((b) => b.id === id)?.tags).toEqual(['one'])
    const { cursor } = (await pull(user)).body
    const update = {
      mutationId: mutationId(),
      entity: 'bookmark',
      op: 'update',
      data: { id, tags: ['two', 'three'] }
    }
    expect((await push(user, [update])).body.results[0]?.status).toBe('applied')
    const since = (await pull(user, cursor)).body
    expect(since.bookmarks.map((b) => [b.id, b.tags])).toEqual([[id, ['two', 'three']]])
  })

  it('migrate uploads tags', async () => {
    const user = uniqueUser()
    const [spaceId, groupId, id] = [uniqueId('space'), uniqueId('group'), uniqueId('bookmark')]
    const body = {
      mode: 'upload',
      clientId: 'c1',
      spaces: [{ id: spaceId, name: 'S' }],
      groups: [{ id: groupId, spaceId, name: 'G' }],
      bookmarks: [{ id, groupId, title: 'T', url: 'https://t.example/', tags: ['kept'] }]
    }
    expect((await api('POST', '/v1/sync/migrate', { user, body })).status).toBe(200)
    expect((await pull(user)).body.bookmarks.map((b) => b.tags)).toEqual([['kept']])
  })
})
