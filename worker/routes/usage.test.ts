// The account's usage counters (users.usage_*, kept by triggers) against its rows counted afresh, after storms of
// concurrent writes on every path: REST creates, bulk imports, updates, cascading deletes, pushes, migrations,
// the retention purge and DELETE /v1/me.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createDb, execute } from '../db/client'
import worker from '../index'
import { api, range, testSql, uniqueId, uniqueUser } from '../test/helpers'
import { countedUsage } from './shared/quota'
import { mutationId, push } from './sync/test-client'

/** The counters and the rows counted, side by side (both zero for an account without a row). */
async function usageOf(user: string) {
  const { db, pool } = createDb(env.HYPERDRIVE.connectionString)
  try {
    const [counted] = await execute(db, countedUsage(user))
    const [kept] = await testSql()`select usage_spaces as spaces, usage_groups as groups,
      usage_bookmarks as bookmarks, usage_bytes::float8 as bytes from users where id = ${user}`
    return { counted, kept: kept ?? { spaces: 0, groups: 0, bookmarks: 0, bytes: 0 } }
  } finally {
    await pool.end()
  }
}

async function expectExact(user: string) {
  const { counted, kept } = await usageOf(user)
  expect(kept).toEqual(counted)
  return counted as { spaces: number; groups: number; bookmarks: number; bytes: number }
}

async function runScheduled() {
  const ctx = createExecutionContext()
  await worker.scheduled(createScheduledController({ cron: '17 * * * *' }), env, ctx)
  await waitOnExecutionContext(ctx)
}

const text = (i: number) => `Títle ${i} ✓ ${'x'.repeat(i % 7)}`
const bookmark = (groupId: string, i: number) => ({
  groupId,
  title: text(i),
  url: `https://example.com/${i}/ünï`,
  description: i % 2 ? `Notes ${'ü'.repeat(i)}` : undefined,
  tags: i % 3 ? ['räd', `t${i}`] : []
})

/** A space of three groups with a few bookmarks each, through push (one request). */
async function seedTree(user: string) {
  const space = uniqueId('space')
  const groups = [uniqueId('group'), uniqueId('group'), uniqueId('group')] as const
  const bookmarks = range(6).map(() => uniqueId('bookmark'))
  const res = await push(user, [
    { mutationId: mutationId(), entity: 'space', op: 'create', data: { id: space, name: 'Späce' } },
    ...groups.map((id, i) => ({
      mutationId: mutationId(),
      entity: 'group',
      op: 'create',
      data: { id, spaceId: space, name: `Gröup ${i}`, icon: '📚' }
    })),
    ...bookmarks.map((id, i) => ({
      mutationId: mutationId(),
      entity: 'bookmark',
      op: 'create',
      data: { id, ...bookmark(groups[i % 3] as string, i) }
    }))
  ])
  expect(res.body.results.every((r) => r.status === 'applied')).toBe(true)
  return { space, groups, bookmarks }
}

/** One storm: every kind of write of one account at once, racing each other and the deletes of their parents. */
async function storm(user: string) {
  const a = await seedTree(user)
  const b = await seedTree(user)
  const otherSpace = b.space
  const requests: Promise<{ status: number }>[] = [
    ...range(4).map((i) => api('POST', '/v1/spaces', { user, body: { name: text(i), icon: '🌍' } })),
    ...range(4).map((i) =>
      api('POST', '/v1/groups', { user, body: { spaceId: i % 2 ? a.space : otherSpace, name: text(i) } })
    ),
    ...range(6).map((i) =>
      api('POST', '/v1/bookmarks', { user, body: bookmark(i % 2 ? a.groups[2] : b.groups[0], i) })
    ),
    // A bulk import into a group that a racing DELETE removes, and one into a group a racing space delete takes.
    api('POST', '/v1/bookmarks/bulk', {
      user,
      body: { bookmarks: range(200).map((i) => bookmark(a.groups[0], i)) }
    }),
    api('POST', '/v1/bookmarks/bulk', {
      user,
      body: { bookmarks: range(200).map((i) => bookmark(b.groups[1], i)) }
    }),
    api('DELETE', `/v1/groups/${a.groups[0]}`, { user }),
    api('DELETE', `/v1/spaces/${b.space}`, { user }),
    // Updates that grow and shrink text, and a move of a group to another space.
    ...a.bookmarks.map((id, i) =>
      api('PATCH', `/v1/bookmarks/${id}`, {
        user,
        body: i % 2 ? { title: 'T', tags: [] } : { description: 'ß'.repeat(50 + i), tags: ['a', 'b', 'c'] }
      })
    ),
    api('PATCH', `/v1/spaces/${a.space}`, { user, body: { name: 'Renamed späce 🚀' } }),
    api('PATCH', `/v1/groups/${a.groups[1]}`, { user, body: { spaceId: otherSpace, name: 'Moved' } }),
    api('DELETE', `/v1/bookmarks/${b.bookmarks[0]}`, { user }),
    // Pushes: creates, updates, deletes and moves of the same rows.
    push(user, [
      ...range(20).map((i) => ({
        mutationId: mutationId(),
        entity: 'bookmark',
        op: 'create',
        data: { id: uniqueId('bookmark'), ...bookmark(a.groups[i % 2 ? 1 : 2], i) }
      })),
      {
        mutationId: mutationId(),
        entity: 'bookmark',
        op: 'update',
        data: { id: a.bookmarks[1], title: 'A much longer title than before ✓✓✓' }
      },
      { mutationId: mutationId(), entity: 'bookmark', op: 'delete', data: { id: a.bookmarks[3] } },
      {
        mutationId: mutationId(),
        entity: 'group',
        op: 'update',
        data: { id: b.groups[0], name: 'Pushed név' }
      }
    ]),
    push(user, [
      { mutationId: mutationId(), entity: 'group', op: 'delete', data: { id: a.groups[1] } },
      {
        mutationId: mutationId(),
        entity: 'space',
        op: 'create',
        data: { id: uniqueId('space'), name: 'From push' }
      }
    ]),
    // An upload migration that overwrites rows the account has and adds new ones.
    api('POST', '/v1/sync/migrate', {
      user,
      body: {
        mode: 'upload',
        clientId: 'storm',
        spaces: [{ id: a.space, name: 'Uploaded name, longer than the others' }],
        groups: [{ id: uniqueId('group'), spaceId: a.space, name: 'Uploaded group' }],
        bookmarks: a.bookmarks.slice(4).map((id, i) => ({ id, ...bookmark(a.groups[1], i + 40) }))
      }
    })
  ]
  const answers = await Promise.all(requests)
  // Refusals (a parent deleted first: 404) are fine; a server error is not.
  for (const answer of answers) expect(answer.status).toBeLessThan(500)
}

describe('usage counters', () => {
  it('equal the rows counted afresh after storms of concurrent writes on every path', async () => {
    for (let round = 0; round < 3; round++) {
      const user = uniqueUser()
      await storm(user)
      const after = await expectExact(user)
      expect(after.bookmarks).toBeGreaterThan(0)

      // The retention purge deletes old tombstones (which never counted).
      await testSql()`update bookmarks set deleted_at = now() - interval '91 days'
        where user_id = ${user} and deleted_at is not null`
      await runScheduled()
      expect(await expectExact(user)).toEqual(after)

      // DELETE /v1/me racing writes: whatever lands after it is counted from zero.
      const again = await seedTree(user)
      const raced = await Promise.all([
        api('DELETE', '/v1/me', { user }),
        api('POST', '/v1/bookmarks/bulk', {
          user,
          body: { bookmarks: range(100).map((i) => bookmark(again.groups[0], i)) }
        }),
        api('POST', '/v1/spaces', { user, body: { name: 'After?' } })
      ])
      for (const answer of raced) expect(answer.status).toBeLessThan(500)
      await expectExact(user)
    }
  }, 120_000)
})
