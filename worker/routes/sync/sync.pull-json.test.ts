// The pull's JSON is written by PostgreSQL (shared/api-json.ts), not by toApi: these tests hold it to what the
// REST routes answer for the same rows, field by field and in key order, and keep an empty pull small.
import { exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { api, makeBookmark, makeGroup, makeSpace, testSql, tokenFor, uniqueUser } from '../../test/helpers'
import type { PullBody } from './test-client'

type Item = { id: string } & Record<string, unknown>
type Entity = 'spaces' | 'groups' | 'bookmarks'

/** The pull's answer as the bytes the Worker sent, and parsed. */
async function pullText(user: string, cursor?: string) {
  const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''
  const res = await exports.default.fetch(`http://api.test/v1/sync/pull${query}`, {
    headers: { authorization: `Bearer ${await tokenFor(user)}` }
  })
  const text = await res.text()
  expect(res.status, text).toBe(200)
  return { text, body: JSON.parse(text) as PullBody, type: res.headers.get('content-type') }
}

/** Every item of `entity` the REST list route answers, archived ones included. */
async function restList(user: string, entity: Entity): Promise<Item[]> {
  const res = await api<{ items: Item[]; nextCursor: string | null }>(
    'GET',
    `/v1/${entity}?includeArchived=true&limit=1000`,
    { user }
  )
  expect(res.status).toBe(200)
  expect(res.body.nextCursor).toBeNull()
  return res.body.items
}

const byId = (items: Item[]) => [...items].sort((a, b) => (a.id < b.id ? -1 : 1))

/** Text that JSON escapes: quotes, backslashes, control characters, non-ASCII, an emoji, a line separator. */
const awkward = 'Quote " back\\slash\ttab\u0001 é ü 中文 😀 \u2028 </script>'

async function seedEveryShape(user: string) {
  const plain = await makeSpace(user, { name: 'Plain' })
  const coloured = await makeSpace(user, { name: awkward, icon: '🧪', color: '#3b82f6' })
  const withIcon = await makeGroup(user, coloured.id, { name: awkward, icon: '📖' })
  const noIcon = await makeGroup(user, plain.id, { name: 'No icon' })
  const full = await makeBookmark(user, withIcon.id, {
    title: awkward,
    url: 'https://example.com/a?q="x"&y=\\',
    faviconUrl: 'https://example.com/favicon.ico',
    description: `${awkward}\nsecond line`,
    tags: ['docs', 'q"uo\\te é😀', 'ünï'],
    isPinned: true
  })
  const bare = await makeBookmark(user, noIcon.id, { title: 'Bare', url: 'https://example.org/' })
  const archived = await makeBookmark(user, noIcon.id, { title: 'Old', url: 'https://example.org/old' })
  expect(
    (await api('PATCH', `/v1/bookmarks/${archived.id}`, { user, body: { isArchived: true } })).status
  ).toBe(200)
  expect((await api('PATCH', `/v1/spaces/${plain.id}`, { user, body: { isArchived: true } })).status).toBe(
    200
  )
  const sql = testSql()
  // Times whose text is easy to get wrong: microseconds that must be cut (not rounded) to milliseconds, and a
  // whole second, whose milliseconds must still be written (.000Z).
  await sql`update bookmarks set created_at = '2026-12-01 17:40:00.123999+00', updated_at = '2026-12-01 17:40:00+00'
    where user_id = ${user} and id = ${full.id}`
  await sql`update groups set created_at = '1999-12-31 23:59:59.9999+00' where user_id = ${user} and id = ${noIcon.id}`
  await sql`update spaces set updated_at = '2026-06-30 22:00:00.5+02' where user_id = ${user} and id = ${plain.id}`
  return { full, bare }
}

describe('GET /v1/sync/pull answers the JSON PostgreSQL writes', () => {
  it("a pull's spaces, groups and bookmarks equal the REST routes' objects, field by field and in key order", async () => {
    const user = uniqueUser()
    await seedEveryShape(user)
    const { body } = await pullText(user)
    for (const entity of ['spaces', 'groups', 'bookmarks'] as const) {
      const pulled = byId(body[entity] as Item[])
      const rest = byId(await restList(user, entity))
      expect(pulled.length, entity).toBeGreaterThan(0)
      expect(pulled, entity).toEqual(rest)
      // toEqual ignores key order and treats a missing key as undefined: the keys are compared on their own.
      expect(pulled.map(Object.keys), entity).toEqual(rest.map(Object.keys))
    }
    expect(body.bookmarks.find((b) => b.title === awkward)).toMatchObject({
      createdAt: '2026-12-01T17:40:00.123Z',
      updatedAt: '2026-12-01T17:40:00.000Z'
    })
  })

  it('an incremental pull carries the changed row as GET answers it, tombstones as ids', async () => {
    const user = uniqueUser()
    const { full, bare } = await seedEveryShape(user)
    const before = await pullText(user)
    const patched = await api<Item>('PATCH', `/v1/bookmarks/${full.id}`, {
      user,
      body: { title: `${awkward} again`, tags: [] }
    })
    expect(patched.status).toBe(200)
    expect((await api('DELETE', `/v1/bookmarks/${bare.id}`, { user })).status).toBe(204)
    const after = await pullText(user, before.body.cursor)
    expect(after.body.bookmarks).toEqual([patched.body])
    expect(Object.keys(after.body.bookmarks[0] ?? {})).toEqual(Object.keys(patched.body))
    expect(after.body.deleted).toEqual({ spaces: [], groups: [], bookmarks: [bare.id] })
  })

  it('the body is compact JSON, exactly what JSON.stringify writes for the same answer', async () => {
    const user = uniqueUser()
    await seedEveryShape(user)
    const { text, type } = await pullText(user)
    expect(type).toBe('application/json')
    expect(text).toBe(JSON.stringify(JSON.parse(text)))
  })

  it('a pull with nothing new is a few hundred bytes', async () => {
    const user = uniqueUser()
    await seedEveryShape(user)
    const full = await pullText(user)
    const empty = await pullText(user, full.body.cursor)
    expect(empty.body).toEqual({
      cursor: expect.any(String),
      hasMore: false,
      reset: false,
      spaces: [],
      groups: [],
      bookmarks: [],
      deleted: { spaces: [], groups: [], bookmarks: [] }
    })
    // The cursor (about 80 characters) and the empty lists: no rows, no padding. Measured at 220 bytes.
    expect(new TextEncoder().encode(empty.text).length).toBeLessThanOrEqual(300)
    // A user who never wrote anything gets the same small answer.
    const stranger = await pullText(uniqueUser())
    expect(new TextEncoder().encode(stranger.text).length).toBeLessThanOrEqual(300)
  })
})
