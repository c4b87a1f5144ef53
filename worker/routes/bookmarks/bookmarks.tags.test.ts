// Tags on bookmarks through every write path: REST create, bulk, update, sync push and migrate, and pulls.
import { describe, expect, it } from 'vitest'
import { api, type ErrorResponse, makeTree, uniqueId, uniqueUser } from '../../test/helpers'
import { mutationId, pull, push } from '../sync/test-client'
import type { Bookmark } from './bookmarks.schemas'

const link = (groupId: string, extra: Record<string, unknown> = {}) => ({
  groupId,
  title: 'MDN',
  url: 'https://developer.mozilla.org/',
  ...extra
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
    const listed = await api<Bookmark[]>('GET', `/v1/bookmarks?groupId=${group.id}`, { user })
    expect(listed.body.map((b) => b.tags)).toEqual([[], ['Rust', 'async io']])
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
