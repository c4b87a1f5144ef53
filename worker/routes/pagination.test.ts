// Every list route answers pages: `limit` (default and most in model/limits.ts PAGE_SIZE), an opaque `nextCursor`,
// a stable order, and a 400 for any cursor or limit it did not make.

import { describe, expect, it } from 'vitest'
import { PAGE_SIZE } from '../../model/limits'
import { byPosition } from '../../model/rules'
import { rankKey } from '../../test/rank-key.ts'
import { api, type ErrorResponse, makeGroup, makeSpace, range, testSql, uniqueUser } from '../test/helpers'

type Page = {
  items: { id: string; position: string; spaceId?: string; groupId?: string }[]
  nextCursor: string | null
}

/** Follows `nextCursor` from the first page to the last; returns every page. */
async function allPages(user: string, path: string, limit?: number) {
  const pages: Page[] = []
  let cursor: string | null = null
  do {
    const query = new URLSearchParams()
    if (limit) query.set('limit', String(limit))
    if (cursor) query.set('cursor', cursor)
    const sep = path.includes('?') ? '&' : '?'
    const res = await api<Page>('GET', `${path}${query.size > 0 ? sep + query : ''}`, { user })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    pages.push(res.body)
    cursor = res.body.nextCursor
  } while (cursor && pages.length < 100)
  return pages
}

const ids = (pages: Page[]) => pages.flatMap((p) => p.items.map((item) => item.id))

/**
 * A space with `groups` groups and `bookmarks` bookmarks in each, straight in PostgreSQL. Every bookmark of a
 * group has the same position key, so only the id can break the tie.
 */
async function seedTree(user: string, groups: number, bookmarks: number) {
  const sql = testSql()
  await sql`insert into users (id) values (${user}) on conflict do nothing`
  await sql`insert into spaces (id, user_id, name, position) values (${`space_${user}`}, ${user}, 'S', 'a0')`
  await sql`insert into groups (id, user_id, space_id, name, position)
    select 'group_' || ${user} || '_' || g, ${user}, ${`space_${user}`}, 'G', ${rankKey(sql, sql`g`)}
    from generate_series(1, ${groups}::int) g`
  await sql`insert into bookmarks (id, user_id, space_id, group_id, title, url, position)
    select 'bookmark_' || ${user} || '_' || g || '_' || b, ${user}, ${`space_${user}`}, 'group_' || ${user} || '_' || g,
      'B', 'https://b.example/', 'c000'
    from generate_series(1, ${groups}::int) g, generate_series(1, ${bookmarks}::int) b`
}

describe('pagination', () => {
  it(`GET /v1/spaces answers ${PAGE_SIZE.default} by default, then the rest after nextCursor, in order`, async () => {
    const user = uniqueUser()
    const sql = testSql()
    await sql`insert into users (id) values (${user})`
    await sql`insert into spaces (id, user_id, name, position)
      select 'space_' || ${user} || '_' || lpad(i::text, 4, '0'), ${user}, 'S', ${rankKey(sql, sql`i / 2`)}
      from generate_series(0, ${PAGE_SIZE.default}::int) i`
    const pages = await allPages(user, '/v1/spaces')
    expect(pages.map((p) => p.items.length)).toEqual([PAGE_SIZE.default, 1])
    expect(pages.at(-1)?.nextCursor).toBeNull()
    const listed = pages.flatMap((p) => p.items)
    // By position, ties by id: the seeded ids sort as they were made.
    expect(listed.map((s) => s.id)).toEqual(
      range(PAGE_SIZE.default + 1).map((i) => `space_${user}_${String(i).padStart(4, '0')}`)
    )
  })

  it('GET /v1/spaces?limit=2 walks every space once, and an archived one only with includeArchived', async () => {
    const user = uniqueUser()
    const made = []
    for (const i of range(5)) made.push(await makeSpace(user, { name: `S${i}` }))
    await api('PATCH', `/v1/spaces/${made[2]?.id}`, { user, body: { isArchived: true } })
    expect(ids(await allPages(user, '/v1/spaces', 2))).toEqual(
      made.filter((_, i) => i !== 2).map((s) => s.id)
    )
    const withArchived = await allPages(user, '/v1/spaces?includeArchived=true', 2)
    expect(withArchived.map((p) => p.items.length)).toEqual([2, 2, 1])
    expect(ids(withArchived)).toEqual(made.map((s) => s.id))
  })

  it('GET /v1/groups pages through all groups by space then position, and one space’s with spaceId', async () => {
    const user = uniqueUser()
    const s1 = await makeSpace(user)
    const s2 = await makeSpace(user)
    const inS2 = [await makeGroup(user, s2.id), await makeGroup(user, s2.id)]
    const inS1 = [await makeGroup(user, s1.id), await makeGroup(user, s1.id), await makeGroup(user, s1.id)]
    const all = await allPages(user, '/v1/groups', 2)
    expect(all.map((p) => p.items.length)).toEqual([2, 2, 1])
    const bySpace = [...all.flatMap((p) => p.items)].sort((a, b) =>
      a.spaceId === b.spaceId ? byPosition(a, b) : (a.spaceId ?? '') < (b.spaceId ?? '') ? -1 : 1
    )
    expect(ids(all)).toEqual(bySpace.map((g) => g.id))
    expect(new Set(ids(all))).toEqual(new Set([...inS1, ...inS2].map((g) => g.id)))
    expect(ids(await allPages(user, `/v1/groups?spaceId=${s1.id}`, 2))).toEqual(inS1.map((g) => g.id))
  })

  it('GET /v1/bookmarks pages by group, position and id: tied keys neither repeat nor skip a bookmark', async () => {
    const user = uniqueUser()
    await seedTree(user, 3, 7)
    const everything = await allPages(user, '/v1/bookmarks', 4)
    expect(everything).toHaveLength(6)
    const listed = ids(everything)
    expect(listed).toHaveLength(21)
    expect(new Set(listed).size).toBe(21)
    expect(listed).toEqual([...listed].sort())
    const group = `group_${user}_2`
    const inGroup = ids(await allPages(user, `/v1/bookmarks?groupId=${group}`, 3))
    expect(inGroup).toEqual(
      range(7)
        .map((b) => `bookmark_${user}_2_${b + 1}`)
        .sort()
    )
    const inSpace = ids(await allPages(user, `/v1/bookmarks?spaceId=space_${user}`, 10))
    expect(inSpace).toEqual(listed)
  })

  it(`limit is 1 to ${PAGE_SIZE.max}: anything else is a 400`, async () => {
    const user = uniqueUser()
    for (const path of ['/v1/spaces', '/v1/groups', '/v1/bookmarks']) {
      expect((await api('GET', `${path}?limit=${PAGE_SIZE.max}`, { user })).status).toBe(200)
      for (const limit of ['0', '-1', String(PAGE_SIZE.max + 1), '1.5', 'x', '1e3000']) {
        const res = await api<ErrorResponse>('GET', `${path}?limit=${limit}`, { user })
        expect(res.status, `${path} limit=${limit}`).toBe(400)
        expect(res.body.error.code).toBe('validation_failed')
      }
    }
  })

  it('a cursor the route did not make is a 400, never a 500', async () => {
    const user = uniqueUser()
    await seedTree(user, 2, 3)
    await makeSpace(user)
    const b64 = (value: unknown) =>
      btoa(JSON.stringify(value)).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '')
    const spacesCursor = (await api<Page>('GET', '/v1/spaces?limit=1', { user })).body.nextCursor
    const groupsCursor = (await api<Page>('GET', '/v1/groups?limit=1', { user })).body.nextCursor
    expect(spacesCursor).toBeTruthy()
    expect(groupsCursor).toBeTruthy()
    const forged = [
      'garbage',
      '!!!',
      'x'.repeat(501),
      b64({}),
      b64([]),
      b64(null),
      b64('s'),
      b64({ l: 'b', o: 2 ** 40, i: 'bookmark_x', p: 'group_x' }),
      b64({ l: 'b', o: 1e308, i: 'bookmark_x', p: 'group_x' }),
      b64({ l: 'b', o: -(2 ** 31) - 1, i: 'bookmark_x', p: 'group_x' }),
      b64({ l: 'b', o: 0.5, i: 'bookmark_x', p: 'group_x' }),
      b64({ l: 'b', o: 0, i: 'x'.repeat(200), p: 'group_x' }),
      b64({ l: 'b', o: 0, i: 'bookmark_\u0000', p: 'group_x' }),
      b64({ l: 'b', o: 0, i: 'bookmark_x', p: 7 }),
      b64({ l: 'b', o: '0', i: 'bookmark_x', p: 'group_x' }),
      // Positions are keys now: an old cursor's integer, a key with a character keys never hold, a long one.
      b64({ l: 'b', o: 3, i: 'bookmark_x', p: 'group_x' }),
      b64({ l: 'b', o: 'a0 1', i: 'bookmark_x', p: 'group_x' }),
      b64({ l: 'b', o: `a${'1'.repeat(300)}`, i: 'bookmark_x', p: 'group_x' })
    ]
    for (const cursor of forged) {
      for (const path of ['/v1/spaces', '/v1/groups', '/v1/bookmarks']) {
        const res = await api<ErrorResponse>('GET', `${path}?cursor=${encodeURIComponent(cursor)}`, { user })
        expect(res.status, `${path} ${cursor}`).toBe(400)
        expect(res.body.error.code).toBe('validation_failed')
      }
    }
    // One list's cursor is no cursor of another.
    expect((await api('GET', `/v1/bookmarks?cursor=${groupsCursor}`, { user })).status).toBe(400)
    expect((await api('GET', `/v1/groups?cursor=${spacesCursor}`, { user })).status).toBe(400)
  })
})
