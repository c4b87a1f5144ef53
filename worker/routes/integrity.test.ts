// Invariants across routes: deletes cascade as tombstones, and reorders and moves keep every list dense.
import { describe, expect, it } from 'vitest'
import {
  api,
  makeBookmark,
  makeGroup,
  makeSpace,
  ordersOf,
  range,
  testSql,
  uniqueUser
} from '../test/helpers'

describe('delete cascades', () => {
  it('deleting a space tombstones its groups and bookmarks with the same version, and nothing else', async () => {
    const user = uniqueUser()
    const gone = await makeSpace(user)
    const kept = await makeSpace(user)
    const g1 = await makeGroup(user, gone.id)
    const g2 = await makeGroup(user, gone.id)
    await makeBookmark(user, g1.id)
    await makeBookmark(user, g2.id)
    await makeBookmark(user, g2.id)
    const keptGroup = await makeGroup(user, kept.id)
    const keptBookmark = await makeBookmark(user, keptGroup.id)
    expect((await api('DELETE', `/v1/spaces/${gone.id}`, { user })).status).toBe(204)

    const sql = testSql()
    const [u] = await sql`select sync_version from users where id = ${user}`
    const rows = await sql`
      select 'space' as kind, id, deleted_at, version from spaces where user_id = ${user}
      union all select 'group', id, deleted_at, version from groups where user_id = ${user}
      union all select 'bookmark', id, deleted_at, version from bookmarks where user_id = ${user}`
    const dead = rows.filter((r) => r.deleted_at !== null)
    expect(dead.map((r) => r.kind).sort()).toEqual([
      'bookmark',
      'bookmark',
      'bookmark',
      'group',
      'group',
      'space'
    ])
    expect(new Set(dead.map((r) => Number(r.version)))).toEqual(new Set([Number(u?.sync_version)]))
    const alive = rows.filter((r) => r.deleted_at === null).map((r) => r.id)
    expect(alive.sort()).toEqual([kept.id, keptGroup.id, keptBookmark.id].sort())
    // Its children are gone from every list and every route.
    expect(
      (await api<unknown[]>('GET', `/v1/groups?spaceId=${gone.id}&includeArchived=true`, { user })).body
    ).toEqual([])
    expect((await api<unknown[]>('GET', `/v1/bookmarks?spaceId=${gone.id}`, { user })).body).toEqual([])
    expect((await api('PATCH', `/v1/groups/${g1.id}`, { user, body: { name: 'x' } })).status).toBe(404)
    expect(
      (
        await api('POST', '/v1/bookmarks', {
          user,
          body: { groupId: g1.id, title: 't', url: 'https://a.b/' }
        })
      ).status
    ).toBe(404)
  })
})

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed
  return (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state % n
  }
}

describe('orders stay dense and consistent', () => {
  it('through a random mix of creates, reorders and moves of groups and bookmarks', async () => {
    const user = uniqueUser()
    const next = random(42)
    const spaces = [await makeSpace(user), await makeSpace(user)].map((s) => s.id)
    const groups: string[] = []
    const bookmarks: string[] = []
    for (let i = 0; i < 4; i++) groups.push((await makeGroup(user, spaces[i % 2] ?? '')).id)
    for (let i = 0; i < 12; i++) bookmarks.push((await makeBookmark(user, groups[i % 4] ?? '')).id)
    const pick = <T>(list: T[]) => list[next(list.length)] as T

    const sql = testSql()
    const checkDense = async (step: string) => {
      const lists = await sql`
        select 'g:' || space_id as list, json_agg("order" order by "order") as orders
          from groups where user_id = ${user} and deleted_at is null group by space_id
        union all
        select 'b:' || group_id, json_agg("order" order by "order")
          from bookmarks where user_id = ${user} and deleted_at is null group by group_id`
      for (const { list, orders } of lists) expect(orders, `${step}: ${list}`).toEqual(range(orders.length))
      // Every bookmark's space is its group's space.
      const [{ n }] = (await sql`select count(*)::int as n from bookmarks b join groups g on g.id = b.group_id
        where b.user_id = ${user} and b.space_id <> g.space_id`) as unknown as [{ n: number }]
      expect(n, step).toBe(0)
    }

    for (let step = 0; step < 30; step++) {
      const op = next(5)
      let res: { status: number }
      let label: string
      if (op === 0) {
        label = 'move bookmark'
        res = await api('PATCH', `/v1/bookmarks/${pick(bookmarks)}`, {
          user,
          body: { groupId: pick(groups) }
        })
      } else if (op === 1) {
        label = 'move group'
        res = await api('PATCH', `/v1/groups/${pick(groups)}`, { user, body: { spaceId: pick(spaces) } })
      } else if (op === 2) {
        label = 'reorder bookmarks'
        const group = pick(groups)
        const [rows] = [await sql`select id from bookmarks where group_id = ${group} and deleted_at is null`]
        const ids = rows.map((r) => r.id as string).filter(() => next(2) === 0)
        res = ids.length
          ? await api('PUT', `/v1/groups/${group}/bookmarks/order`, {
              user,
              body: { orderedIds: ids.reverse() }
            })
          : { status: 200 }
      } else if (op === 3) {
        label = 'reorder groups'
        const space = pick(spaces)
        const rows = await sql`select id from groups where space_id = ${space} and deleted_at is null`
        const ids = rows.map((r) => r.id as string).reverse()
        res = ids.length
          ? await api('PUT', `/v1/spaces/${space}/groups/order`, { user, body: { orderedIds: ids } })
          : { status: 200 }
      } else {
        label = 'create bookmark'
        const created = await makeBookmark(user, pick(groups))
        bookmarks.push(created.id)
        res = { status: 200 }
      }
      expect(res.status, `${step} ${label}`).toBe(200)
      await checkDense(`${step} ${label}`)
    }
  })
})

describe('concurrent writes of one user', () => {
  it('ten simultaneous creates in one group all land, and one reorder makes the list dense again', async () => {
    const user = uniqueUser()
    const space = await makeSpace(user)
    const group = await makeGroup(user, space.id)
    const created = await Promise.all(
      range(10).map((i) =>
        api<{ id: string }>('POST', '/v1/bookmarks', {
          user,
          body: { groupId: group.id, title: `t${i}`, url: 'https://example.com/' }
        })
      )
    )
    expect(created.map((r) => r.status)).toEqual(range(10).map(() => 201))
    const listed = await api<{ id: string }[]>('GET', `/v1/bookmarks?groupId=${group.id}`, { user })
    expect(listed.body.map((b) => b.id).sort()).toEqual(created.map((r) => r.body.id).sort())
    // Listing order is deterministic (order, then createdAt), so a client can send it back as is.
    const again = await api<{ id: string }[]>('GET', `/v1/bookmarks?groupId=${group.id}`, { user })
    expect(again.body.map((b) => b.id)).toEqual(listed.body.map((b) => b.id))
    const res = await api('PUT', `/v1/groups/${group.id}/bookmarks/order`, {
      user,
      body: { orderedIds: listed.body.map((b) => b.id) }
    })
    expect(res.status).toBe(200)
    expect(await ordersOf('bookmarks', { group_id: group.id })).toEqual(range(10))
  })

  // Positions come from the statement's snapshot; a write that raced another of the same user is detected
  // in the statement (shared/writes.ts freshnessCheck) and run again, so lists stay dense under concurrency.
  it('twenty simultaneous creates in one group get dense orders without a reorder', async () => {
    const user = uniqueUser()
    const space = await makeSpace(user)
    const group = await makeGroup(user, space.id)
    await Promise.all(
      range(20).map((i) =>
        api('POST', '/v1/bookmarks', {
          user,
          body: { groupId: group.id, title: `t${i}`, url: 'https://a.b/' }
        })
      )
    )
    expect(await ordersOf('bookmarks', { group_id: group.id })).toEqual(range(20))
  })

  it('a burst of simultaneous creates, moves and reorders leaves every list dense', async () => {
    const user = uniqueUser()
    const space = await makeSpace(user)
    const other = await makeSpace(user)
    const g1 = await makeGroup(user, space.id)
    const g2 = await makeGroup(user, space.id)
    const seeded = [] as string[]
    for (let i = 0; i < 6; i++) seeded.push((await makeBookmark(user, i % 2 ? g2.id : g1.id)).id)
    const results = await Promise.all([
      ...range(6).map((i) =>
        api('POST', '/v1/bookmarks', {
          user,
          body: { groupId: i % 2 ? g1.id : g2.id, title: 'x', url: 'https://a.b/' }
        })
      ),
      ...range(3).map((i) =>
        api('POST', '/v1/groups', { user, body: { spaceId: i % 2 ? space.id : other.id, name: 'G' } })
      ),
      ...range(3).map(() => api('POST', '/v1/spaces', { user, body: { name: 'S' } })),
      api('PATCH', `/v1/bookmarks/${seeded[0]}`, { user, body: { groupId: g2.id } }),
      api('PATCH', `/v1/bookmarks/${seeded[1]}`, { user, body: { groupId: g1.id } }),
      api('PATCH', `/v1/groups/${g2.id}`, { user, body: { spaceId: other.id } }),
      api('PUT', `/v1/groups/${g1.id}/bookmarks/order`, { user, body: { orderedIds: [seeded[4]] } }),
      api('PUT', '/v1/spaces/order', { user, body: { orderedIds: [other.id] } })
    ])
    expect(results.map((r) => r.status).filter((s) => s !== 200 && s !== 201)).toEqual([])
    const lists = await testSql()`
      select 's' as list, json_agg("order" order by "order") as orders from spaces
        where user_id = ${user} and deleted_at is null
      union all select 'g:' || space_id, json_agg("order" order by "order") from groups
        where user_id = ${user} and deleted_at is null group by space_id
      union all select 'b:' || group_id, json_agg("order" order by "order") from bookmarks
        where user_id = ${user} and deleted_at is null group by group_id`
    for (const { list, orders } of lists) expect(orders, list).toEqual(range(orders.length))
  })
})
