// Invariants across routes: deletes cascade as tombstones, and reorders and moves keep every list dense.

import { describe, expect, it } from 'vitest'
import { positionProblem, spreadPositions } from '../../model/position'
import {
  api,
  makeBookmark,
  makeGroup,
  makeSpace,
  placesOf,
  range,
  testSql,
  uniqueId,
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
      (await api<{ items: unknown[] }>('GET', `/v1/groups?spaceId=${gone.id}&includeArchived=true`, { user }))
        .body.items
    ).toEqual([])
    expect(
      (await api<{ items: unknown[] }>('GET', `/v1/bookmarks?spaceId=${gone.id}`, { user })).body.items
    ).toEqual([])
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

describe('positions stay valid and consistent', () => {
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
        select 'g:' || space_id as list, json_agg(position order by position) as keys
          from groups where user_id = ${user} and deleted_at is null group by space_id
        union all
        select 'b:' || group_id, json_agg(position order by position)
          from bookmarks where user_id = ${user} and deleted_at is null group by group_id`
      // Every list in one total order: valid keys, no two alike.
      for (const { list, keys } of lists as unknown as { list: string; keys: string[] }[]) {
        expect(new Set(keys).size, `${step}: ${list}`).toBe(keys.length)
        expect(
          keys.filter((key) => positionProblem(key) !== undefined),
          `${step}: ${list}`
        ).toEqual([])
      }
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
    const listed = await api<{ items: { id: string }[] }>('GET', `/v1/bookmarks?groupId=${group.id}`, {
      user
    })
    expect(listed.body.items.map((b) => b.id).sort()).toEqual(created.map((r) => r.body.id).sort())
    // Listing order is deterministic (position, then id), so a client can send it back as is.
    const again = await api<{ items: { id: string }[] }>('GET', `/v1/bookmarks?groupId=${group.id}`, { user })
    expect(again.body.items.map((b) => b.id)).toEqual(listed.body.items.map((b) => b.id))
    const res = await api('PUT', `/v1/groups/${group.id}/bookmarks/order`, {
      user,
      body: { orderedIds: listed.body.items.map((b) => b.id) }
    })
    expect(res.status).toBe(200)
    const after = await placesOf('bookmarks', { group_id: group.id })
    expect(after.map((r) => r.id)).toEqual(listed.body.items.map((b) => b.id))
    expect(after.map((r) => r.position)).toEqual(spreadPositions(10))
  })

  // Keys come from the statement's snapshot (a list's last key, the clock) and random digits; a write that raced
  // another of the same user is detected in the statement (shared/writes.ts freshnessCheck) and run again.
  it('twenty simultaneous creates in one group get twenty different keys, each after the list’s end', async () => {
    const user = uniqueUser()
    const space = await makeSpace(user)
    const group = await makeGroup(user, space.id)
    const first = await api<{ id: string; position: string }>('POST', '/v1/bookmarks', {
      user,
      body: { groupId: group.id, title: 'first', url: 'https://a.b/' }
    })
    const created = await Promise.all(
      range(20).map((i) =>
        api<{ id: string; position: string }>('POST', '/v1/bookmarks', {
          user,
          body: { groupId: group.id, title: `t${i}`, url: 'https://a.b/' }
        })
      )
    )
    expect(created.map((r) => r.status)).toEqual(range(20).map(() => 201))
    const places = await placesOf('bookmarks', { group_id: group.id })
    expect(places[0]?.id).toBe(first.body.id)
    expect(new Set(places.map((r) => r.position)).size).toBe(21)
    expect(
      places
        .slice(1)
        .map((r) => r.id)
        .sort()
    ).toEqual(created.map((r) => r.body.id).sort())
  })

  it('a burst of simultaneous creates, moves and reorders leaves every list with valid keys, no two alike', async () => {
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
      select 's' as list, json_agg(position order by position) as keys from spaces
        where user_id = ${user} and deleted_at is null
      union all select 'g:' || space_id, json_agg(position order by position) from groups
        where user_id = ${user} and deleted_at is null group by space_id
      union all select 'b:' || group_id, json_agg(position order by position) from bookmarks
        where user_id = ${user} and deleted_at is null group by group_id`
    for (const { list, keys } of lists as unknown as { list: string; keys: string[] }[]) {
      expect(new Set(keys).size, list).toBe(keys.length)
      expect(
        keys.filter((key) => positionProblem(key) !== undefined),
        list
      ).toEqual([])
    }
  })
})

/**
 * Live rows under a tombstoned parent, for one user, read straight from PostgreSQL: a group in a deleted
 * space, a bookmark in a deleted group or space. Always none.
 */
async function liveUnderDeleted(user: string) {
  return testSql()`
    select 'group in deleted space' as what, g.id from groups g
      join spaces s on s.user_id = g.user_id and s.id = g.space_id
      where g.user_id = ${user} and g.deleted_at is null and s.deleted_at is not null
    union all
    select 'bookmark in deleted group', b.id from bookmarks b
      join groups g on g.user_id = b.user_id and g.id = b.group_id
      where b.user_id = ${user} and b.deleted_at is null and g.deleted_at is not null
    union all
    select 'bookmark in deleted space', b.id from bookmarks b
      join spaces s on s.user_id = b.user_id and s.id = b.space_id
      where b.user_id = ${user} and b.deleted_at is null and s.deleted_at is not null`
}

let seq = 0
const m = (entity: string, op: string, data: Record<string, unknown>) => ({
  mutationId: `m_race_${Date.now().toString(36)}_${seq++}`,
  entity,
  op,
  data
})
const push = (user: string, mutations: unknown[], clientId = 'client_race') =>
  api<{ results: { status: string; reason?: string }[] }>('POST', '/v1/sync/push', {
    user,
    body: { clientId, mutations }
  })

/** `count` spaces, each with one group, made in one push; returns their ids. */
async function seedSpaces(user: string, count: number) {
  const trees = range(count).map(() => ({ space: uniqueId('space'), group: uniqueId('group') }))
  const res = await push(
    user,
    trees.flatMap((t) => [
      m('space', 'create', { id: t.space, name: 'S' }),
      m('group', 'create', { id: t.group, spaceId: t.space, name: 'G' })
    ])
  )
  expect(res.status).toBe(200)
  return trees
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const statuses = (results: { status: number }[]) => [...new Set(results.map((r) => r.status))].sort()

// A delete waits for the user's row lock while a write of the same user commits; it must then see that
// write's rows (shared/writes.ts freshnessCheck in tombstone), or they stay live under a deleted parent.
describe('race-safe cascades: REST deletes against concurrent writes', () => {
  it('40 group creates racing 40 space deletes leave no live group under a deleted space', async () => {
    const user = uniqueUser('race')
    const trees = await seedSpaces(user, 40)
    const results = await Promise.all(
      trees.flatMap((t, i) => {
        const create = () =>
          api('POST', '/v1/groups', { user, body: { spaceId: t.space, name: `racing ${i}` } })
        const remove = () => api('DELETE', `/v1/spaces/${t.space}`, { user })
        return i % 2 ? [create(), remove()] : [remove(), create()]
      })
    )
    expect(statuses(results).filter((s) => ![201, 204, 404].includes(s))).toEqual([])
    expect(await liveUnderDeleted(user)).toEqual([])
  })

  it('a bulk import racing the delete of its group leaves no live bookmark in the deleted group', async () => {
    const user = uniqueUser('race')
    for (const delay of [0, 15, 40, 80, 150]) {
      const [tree] = await seedSpaces(user, 1)
      const group = tree?.group ?? ''
      const bookmarks = range(2_000).map((i) => ({
        groupId: group,
        title: `b${i}`,
        url: `https://x.example/${i}`
      }))
      const [imported, deleted] = await Promise.all([
        api('POST', '/v1/bookmarks/bulk', { user, body: { bookmarks } }),
        sleep(delay).then(() => api('DELETE', `/v1/groups/${group}`, { user }))
      ])
      expect([201, 404], `import, delete after ${delay} ms`).toContain(imported.status)
      expect(deleted.status, `delete after ${delay} ms`).toBe(204)
      expect(await liveUnderDeleted(user), `delete after ${delay} ms`).toEqual([])
    }
  })

  it('pushes, REST creates, moves and bulk imports racing space and group deletes, many times over', async () => {
    const user = uniqueUser('race')
    for (let round = 0; round < 6; round++) {
      const trees = await seedSpaces(user, 6)
      const [keep, ...racing] = trees
      if (!keep) throw new Error('no tree')
      const work = racing.flatMap((t, i) => [
        push(user, [
          m('group', 'create', { id: uniqueId('group'), spaceId: t.space, name: 'pushed' }),
          m('bookmark', 'create', {
            id: uniqueId('bookmark'),
            groupId: t.group,
            title: 'p',
            url: 'https://p.example/'
          })
        ]),
        api('POST', '/v1/bookmarks', {
          user,
          body: { groupId: t.group, title: 'rest', url: 'https://r.example/' }
        }),
        api('POST', '/v1/bookmarks/bulk', {
          user,
          body: {
            bookmarks: range(50).map((j) => ({ groupId: t.group, title: `${j}`, url: 'https://b.example/' }))
          }
        }),
        api('PATCH', `/v1/groups/${keep.group}`, { user, body: { spaceId: t.space } }),
        i % 2
          ? api('DELETE', `/v1/spaces/${t.space}`, { user })
          : api('DELETE', `/v1/groups/${t.group}`, { user }),
        push(user, [m(i % 2 ? 'group' : 'space', 'delete', { id: i % 2 ? t.group : t.space })])
      ])
      const results = await Promise.all(work)
      expect(
        statuses(results).filter((s) => ![200, 201, 204, 404].includes(s)),
        `round ${round}`
      ).toEqual([])
      expect(await liveUnderDeleted(user), `round ${round}`).toEqual([])
    }
  })
})
