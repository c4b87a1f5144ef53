// Per-account quotas (model/limits.ts QUOTAS) on every path that creates rows: REST creates, bulk import, push
// and migrate. Accounts are filled to just under a quota with SQL, so no test makes 100,000 requests.

import { describe, expect, it } from 'vitest'
import { QUOTAS } from '../../model/limits'
import { rankKey } from '../../test/rank-key.ts'
import { api, type ErrorResponse, range, snapshotUser, testSql, uniqueId, uniqueUser } from '../test/helpers'
import { mutationId, push } from './sync/test-client'

/** The seeded account's one space and one group (where seeded groups and bookmarks live). */
const seededIds = (user: string) => ({ space: `space_${user}`, group: `group_${user}` })

/**
 * Fills an account with live rows straight in PostgreSQL: `spaces` spaces (at least the one that holds the
 * seeded groups), `groups` groups (at least one) and `bookmarks` bookmarks spread over the groups (a push
 * loads the whole list it adds to, so no list gets all of them), with descriptions of `description.first`
 * bytes (the first bookmark) and `description.rest` (the others) when given.
 */
async function seed(
  user: string,
  counts: {
    spaces?: number
    groups?: number
    bookmarks?: number
    description?: { first: number; rest: number }
  }
) {
  const sql = testSql()
  const { space, group } = seededIds(user)
  const spaces = Math.max(1, counts.spaces ?? 1)
  const groups = Math.max(1, counts.groups ?? 1)
  const bookmarks = counts.bookmarks ?? 0
  await sql`insert into users (id) values (${user})`
  await sql`insert into spaces (id, user_id, name, position)
    select case when i = 0 then ${space} else ${space} || '_' || i end, ${user}, 'S', ${rankKey(sql, sql`i`)}
    from generate_series(0, ${spaces - 1}::int) i`
  await sql`insert into groups (id, user_id, space_id, name, position)
    select case when i = 0 then ${group} else ${group} || '_' || i end, ${user}, ${space}, 'G', ${rankKey(sql, sql`i`)}
    from generate_series(0, ${groups - 1}::int) i`
  if (bookmarks === 0) return
  const { first = 0, rest = 0 } = counts.description ?? {}
  await sql`insert into bookmarks (id, user_id, space_id, group_id, title, url, description, position)
    select 'bookmark_' || ${user} || '_' || i, ${user}, ${space},
      case when i % ${groups}::int = 0 then ${group} else ${group} || '_' || (i % ${groups}::int) end, 'B',
      'https://b.example/',
      case when ${first}::int > 0 and i = 0 then repeat('x', ${first}::int)
        when ${rest}::int > 0 and i > 0 then repeat('x', ${rest}::int) end, ${rankKey(sql, sql`i / ${groups}::int`)}
    from generate_series(0, ${bookmarks - 1}::int) i`
  // Fresh statistics, so the first request plans for 100,000 rows rather than an empty table.
  await sql`analyze bookmarks`
}

/**
 * What a refused write must leave as it was: the account's sync version (every write bumps it) and its live rows.
 * (A full snapshotUser of 100,000 rows or 100 MB of text would cost more than the test.)
 */
async function fingerprint(user: string) {
  const sql = testSql()
  const [row] = await sql`select (select sync_version from users where id = ${user}) as version,
    (select count(*) from spaces where user_id = ${user}) as spaces,
    (select count(*) from groups where user_id = ${user}) as groups,
    (select count(*) from bookmarks where user_id = ${user}) as bookmarks`
  return JSON.stringify(row)
}

const liveCount = async (table: 'spaces' | 'groups' | 'bookmarks', user: string) => {
  const sql = testSql()
  const [row] =
    await sql`select count(*)::int as n from ${sql(table)} where user_id = ${user} and deleted_at is null`
  return row?.n as number
}

const bookmarkBody = (groupId: string, extra: Record<string, unknown> = {}) => ({
  groupId,
  title: 'Small',
  url: 'https://small.example/',
  ...extra
})

const quotaRefusal = (res: { status: number; body: unknown }) => {
  expect(res.status).toBe(403)
  const { error } = res.body as ErrorResponse
  expect(error.code).toBe('quota_exceeded')
  return error.message
}

describe('quotas: REST creates', () => {
  it('POST /v1/spaces answers 403 quota_exceeded at 1,000 live spaces, naming the quota and the count', async () => {
    const user = uniqueUser()
    await seed(user, { spaces: QUOTAS.spaces - 1 })
    const last = await api('POST', '/v1/spaces', { user, body: { name: 'The last one' } })
    expect(last.status).toBe(201)
    const before = await snapshotUser(user)
    const message = quotaRefusal(await api('POST', '/v1/spaces', { user, body: { name: 'One too many' } }))
    expect(message).toMatch(/space/i)
    expect(message).toContain('1,000')
    // A refused create changes nothing, not even the account's sync version.
    expect(await snapshotUser(user)).toBe(before)
    // Tombstones do not count: deleting a space makes room for one.
    expect((await api('DELETE', `/v1/spaces/${seededIds(user).space}_1`, { user })).status).toBe(204)
    expect((await api('POST', '/v1/spaces', { user, body: { name: 'Fits again' } })).status).toBe(201)
    expect(await liveCount('spaces', user)).toBe(QUOTAS.spaces)
  })

  it('POST /v1/groups answers 403 quota_exceeded at 10,000 live groups', async () => {
    const user = uniqueUser()
    await seed(user, { groups: QUOTAS.groups - 1 })
    const spaceId = seededIds(user).space
    expect((await api('POST', '/v1/groups', { user, body: { spaceId, name: 'Last' } })).status).toBe(201)
    const message = quotaRefusal(
      await api('POST', '/v1/groups', { user, body: { spaceId, name: 'Too many' } })
    )
    expect(message).toMatch(/group/i)
    expect(message).toContain('10,000')
    // A missing space is still a 404, not a quota answer.
    const missing = await api<ErrorResponse>('POST', '/v1/groups', {
      user,
      body: { spaceId: uniqueId('space'), name: 'Nowhere' }
    })
    expect(missing.status).toBe(404)
    expect(await liveCount('groups', user)).toBe(QUOTAS.groups)
  })

  it('bookmarks: a bulk import past 100,000 is refused whole; one that fits exactly is stored; then POST is 403', async () => {
    const user = uniqueUser()
    await seed(user, { groups: 100, bookmarks: QUOTAS.bookmarks - 2 })
    const groupId = seededIds(user).group
    const before = await fingerprint(user)
    const three = range(3).map((i) => bookmarkBody(groupId, { title: `Import ${i}` }))
    const message = quotaRefusal(
      await api('POST', '/v1/bookmarks/bulk', { user, body: { bookmarks: three } })
    )
    expect(message).toMatch(/bookmark/i)
    expect(message).toContain('100,000')
    expect(message).toContain('99,998')
    expect(await fingerprint(user)).toBe(before)

    const two = await api<{ created: number }>('POST', '/v1/bookmarks/bulk', {
      user,
      body: { bookmarks: three.slice(0, 2) }
    })
    expect(two.status).toBe(201)
    expect(two.body.created).toBe(2)
    quotaRefusal(await api('POST', '/v1/bookmarks', { user, body: bookmarkBody(groupId) }))
    expect(await liveCount('bookmarks', user)).toBe(QUOTAS.bookmarks)
  }, 60_000)

  it('bytes: creates past 100 MB of text are refused with 403 naming the storage quota, on every kind', async () => {
    const user = uniqueUser()
    // 1,000 bookmarks of 'B' + 'https://b.example/' (19 bytes) and a long description, the space ('S' + '📁',
    // 5 bytes) and the group ('G', 1 byte): 294 bytes under the quota.
    const room = 294
    const descriptions = QUOTAS.bytes - room - 1000 * 19 - 6
    const each = Math.floor(descriptions / 1000)
    await seed(user, { bookmarks: 1000, description: { first: descriptions - 999 * each, rest: each } })
    const { space, group } = seededIds(user)
    // 'Small' + 'https://small.example/' is 27 bytes: it fits.
    expect((await api('POST', '/v1/bookmarks', { user, body: bookmarkBody(group) })).status).toBe(201)
    const before = await fingerprint(user)
    const message = quotaRefusal(
      await api('POST', '/v1/bookmarks', {
        user,
        body: bookmarkBody(group, { description: 'y'.repeat(room) })
      })
    )
    expect(message).toMatch(/storage|text/i)
    expect(message).toContain('100 MB')
    // 100 characters of CJK text are 300 bytes.
    const wide = '字'.repeat(100)
    quotaRefusal(await api('POST', '/v1/spaces', { user, body: { name: wide } }))
    quotaRefusal(await api('POST', '/v1/groups', { user, body: { spaceId: space, name: wide } }))
    expect(await fingerprint(user)).toBe(before)
  }, 60_000)
})

describe('quotas: sync', () => {
  it('push: a create past the quota is rejected with a reason naming it; a delete in the same batch makes room', async () => {
    const user = uniqueUser()
    await seed(user, { groups: 100, bookmarks: QUOTAS.bookmarks - 1 })
    const groupId = seededIds(user).group
    const create = (id: string) => ({
      mutationId: mutationId(),
      entity: 'bookmark',
      op: 'create',
      data: { id, groupId, title: 'Pushed', url: 'https://pushed.example/' }
    })
    const [b1, b2, b3] = [uniqueId('bookmark'), uniqueId('bookmark'), uniqueId('bookmark')]
    const first = await push(user, [create(b1), create(b2)])
    expect(first.status).toBe(200)
    expect(first.body.results.map((r) => [r.status, r.reason])).toEqual([
      ['applied', undefined],
      ['rejected', 'bookmark_quota_exceeded']
    ])
    expect(await liveCount('bookmarks', user)).toBe(QUOTAS.bookmarks)
    const second = await push(user, [
      { mutationId: mutationId(), entity: 'bookmark', op: 'delete', data: { id: b1 } },
      create(b3)
    ])
    expect(second.body.results.map((r) => r.status)).toEqual(['applied', 'applied'])
    expect(await liveCount('bookmarks', user)).toBe(QUOTAS.bookmarks)
  }, 60_000)

  it('push: a space past the storage quota is rejected as storage_quota_exceeded', async () => {
    const user = uniqueUser()
    const descriptions = QUOTAS.bytes - 10 - 19 - 6
    await seed(user, { bookmarks: 1, description: { first: descriptions, rest: 0 } })
    const res = await push(user, [
      {
        mutationId: mutationId(),
        entity: 'space',
        op: 'create',
        data: { id: uniqueId('space'), name: 'Eleven byte' }
      }
    ])
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', reason: 'storage_quota_exceeded' })
  })

  it('POST /v1/sync/migrate past a quota answers 403 quota_exceeded and stores nothing', async () => {
    const user = uniqueUser()
    await seed(user, { spaces: QUOTAS.spaces - 1 })
    const before = await snapshotUser(user)
    const spaces = [uniqueId('space'), uniqueId('space')].map((id) => ({ id, name: 'Local' }))
    for (const mode of ['merge', 'upload']) {
      const res = await api('POST', '/v1/sync/migrate', { user, body: { mode, clientId: 'c1', spaces } })
      const message = quotaRefusal(res)
      expect(message).toMatch(/space/i)
      expect(message).toContain('1,000')
      expect(await snapshotUser(user)).toBe(before)
    }
    // One more fits.
    const one = await api<{ created: { spaces: number } }>('POST', '/v1/sync/migrate', {
      user,
      body: { mode: 'merge', clientId: 'c1', spaces: spaces.slice(0, 1) }
    })
    expect(one.status).toBe(200)
    expect(one.body.created.spaces).toBe(1)
  })

  it('concurrent REST creates and pushes near the quota never pass it', async () => {
    const user = uniqueUser()
    const free = 5
    await seed(user, { spaces: QUOTAS.spaces - free })
    const attempts = await Promise.all(
      range(20).map(async (i) => {
        const id = uniqueId('space')
        if (i % 2 === 0)
          return (await api('POST', '/v1/spaces', { user, body: { id, name: `R${i}` } })).status
        const res = await push(
          user,
          [{ mutationId: mutationId(), entity: 'space', op: 'create', data: { id, name: `P${i}` } }],
          `client_${i}`
        )
        expect(res.status).toBe(200)
        return res.body.results[0]?.status === 'applied' ? 201 : 403
      })
    )
    expect(attempts.filter((s) => s === 201)).toHaveLength(free)
    expect(attempts.filter((s) => s !== 201 && s !== 403)).toEqual([])
    expect(await liveCount('spaces', user)).toBe(QUOTAS.spaces)
  }, 60_000)
})

describe('quotas: updates', () => {
  /**
   * An account `room` bytes under the bytes quota: 1,000 bookmarks of 'B' + 'https://b.example/' (19 bytes), the
   * first (`bookmark_<user>_0`) with a description of nearly 100 MB, the space (5 bytes) and the group (1 byte).
   */
  async function nearlyFull(user: string, room: number) {
    const description = QUOTAS.bytes - room - 1000 * 19 - 6
    await seed(user, { bookmarks: 1000, description: { first: description, rest: 0 } })
    return { ...seededIds(user), bookmark: `bookmark_${user}_0`, plain: `bookmark_${user}_1` }
  }

  it('PATCH that grows text past the bytes quota answers 403 quota_exceeded and changes nothing; shrinking always works', async () => {
    const user = uniqueUser()
    const { space, group, bookmark } = await nearlyFull(user, 100)
    // The rows these PATCHes name, without the 100 MB description (reading it twice was most of this test's time),
    // and the account's version and counts: any write anywhere in the account bumps the version.
    const named = async () => {
      const [row] = await testSql()`select
        (select to_jsonb(b) - 'description' from bookmarks b where b.user_id = ${user} and b.id = ${bookmark}) as b,
        (select to_jsonb(s) from spaces s where s.user_id = ${user} and s.id = ${space}) as s,
        (select to_jsonb(g) from groups g where g.user_id = ${user} and g.id = ${group}) as g`
      return JSON.stringify(row) + (await fingerprint(user))
    }
    const before = await named()
    // 'B' becomes 102 bytes: 101 more, one past the room.
    const message = quotaRefusal(
      await api('PATCH', `/v1/bookmarks/${bookmark}`, { user, body: { title: `B${'x'.repeat(101)}` } })
    )
    expect(message).toMatch(/storage/i)
    expect(message).toContain('nothing was changed')
    // Other fields named with the text are not applied either.
    quotaRefusal(
      await api('PATCH', `/v1/bookmarks/${bookmark}`, {
        user,
        body: { isPinned: true, tags: ['t'.repeat(40), 'u'.repeat(40), 'v'.repeat(21)] }
      })
    )
    quotaRefusal(await api('PATCH', `/v1/spaces/${space}`, { user, body: { name: `S${'字'.repeat(34)}` } }))
    quotaRefusal(
      await api('PATCH', `/v1/groups/${group}`, { user, body: { name: 'G'.repeat(100), icon: '🎉' } })
    )
    expect(await named()).toBe(before)
    // Exactly the room fits; then the account is full, and only a change that does not grow it goes through.
    const fits = await api('PATCH', `/v1/bookmarks/${bookmark}`, {
      user,
      body: { title: `B${'x'.repeat(100)}` }
    })
    expect(fits.status).toBe(200)
    quotaRefusal(await api('PATCH', `/v1/spaces/${space}`, { user, body: { name: 'S1' } }))
    expect((await api('PATCH', `/v1/spaces/${space}`, { user, body: { name: 'T' } })).status).toBe(200)
    expect(
      (await api('PATCH', `/v1/bookmarks/${bookmark}`, { user, body: { title: 'Short', isPinned: true } }))
        .status
    ).toBe(200)
  }, 60_000)

  it('push: an update that grows text past the bytes quota is rejected as storage_quota_exceeded, alone', async () => {
    const user = uniqueUser()
    const { group, bookmark } = await nearlyFull(user, 50)
    const update = (id: string, data: Record<string, unknown>, entity = 'bookmark') => ({
      mutationId: mutationId(),
      entity,
      op: 'update',
      data: { id, ...data }
    })
    const res = await push(user, [
      update(bookmark, { title: 'B'.repeat(52) }),
      // A shrink frees room for the next update in the same batch.
      update(bookmark, { description: null }),
      update(group, { name: `G${'x'.repeat(60)}` }, 'group')
    ])
    expect(res.body.results.map((r) => [r.status, r.reason])).toEqual([
      ['rejected', 'storage_quota_exceeded'],
      ['applied', undefined],
      ['applied', undefined]
    ])
    const sql = testSql()
    const [row] = await sql`select title from bookmarks where user_id = ${user} and id = ${bookmark}`
    expect(row?.title).toBe('B')
  }, 60_000)

  it('POST /v1/sync/migrate (upload) whose values grow the account past the bytes quota answers 403 and stores nothing', async () => {
    const user = uniqueUser()
    const { group, plain } = await nearlyFull(user, 10)
    const before = await fingerprint(user)
    const res = await api('POST', '/v1/sync/migrate', {
      user,
      body: {
        mode: 'upload',
        clientId: 'c1',
        bookmarks: [{ id: plain, groupId: group, title: 'B'.repeat(30), url: 'https://b.example/' }]
      }
    })
    expect(quotaRefusal(res)).toMatch(/storage/i)
    expect(await fingerprint(user)).toBe(before)
  }, 60_000)
})
