// The database is killed (SIGKILL: no shutdown, crash recovery on restart) in the middle of a 3,000-mutation
// push and of a 5,000-bookmark import. Afterwards the request's rows are all there or none are, and the
// client's retry of the very same request completes it exactly once.
import { afterAll, beforeAll, expect, it, describe as suite } from 'vitest'
import { sleep } from '../../scripts/lib/wrangler-dev.ts'
import { type Answer, isCleanAnswer, type ResilienceStack, startResilienceStack } from './lib/stack.ts'

let stack: ResilienceStack

beforeAll(async () => {
  stack = await startResilienceStack('killed')
})

afterAll(async () => {
  await stack?.stop()
})

/**
 * Sends the request and SIGKILLs the database as soon as a transaction of the Worker's is open (or once the
 * request has ended, if it was quicker than the poll). Returns the killed request's answer.
 */
async function killDuring(
  request: () => Promise<Answer>
): Promise<{ answer: Answer; midTransaction: boolean }> {
  const sql = stack.sql()
  let done = false
  const pending = request().finally(() => {
    done = true
  })
  let midTransaction = false
  const deadline = Date.now() + 30_000
  while (!done && Date.now() < deadline) {
    const open = await sql`select count(*)::int as n from pg_stat_activity
      where pid <> pg_backend_pid() and backend_type = 'client backend' and xact_start is not null
        and state <> 'idle'`
    if ((open[0]?.n ?? 0) > 0) {
      midTransaction = true
      break
    }
    await sleep(2)
  }
  await stack.killDb()
  const answer = await pending
  await stack.startDb()
  return { answer, midTransaction }
}

async function counts(user: string) {
  const [row] = await stack.sql()`select
      (select count(*)::int from spaces where user_id = ${user}) as spaces,
      (select count(*)::int from groups where user_id = ${user}) as groups,
      (select count(*)::int from bookmarks where user_id = ${user}) as bookmarks,
      (select count(*)::int from sync_mutations where user_id = ${user}) as outcomes,
      (select coalesce(max(sync_version), 0)::int from users where id = ${user}) as version`
  return row as { spaces: number; groups: number; bookmarks: number; outcomes: number; version: number }
}

suite('database killed in the middle of a write', () => {
  it('a 3,000-mutation push is all there or not at all, and its retry applies it exactly once', async () => {
    const user = 'user_killed_push'
    const body = {
      clientId: 'client_killed',
      mutations: [
        { mutationId: 'm_space', entity: 'space', op: 'create', data: { id: 'space_killed', name: 'S' } },
        {
          mutationId: 'm_group',
          entity: 'group',
          op: 'create',
          data: { id: 'group_killed', spaceId: 'space_killed', name: 'G' }
        },
        ...Array.from({ length: 2998 }, (_, i) => ({
          mutationId: `m_${i}`,
          entity: 'bookmark',
          op: 'create',
          data: {
            id: `bookmark_killed_${i}`,
            groupId: 'group_killed',
            title: `Bookmark ${i}`,
            url: `https://example.com/${i}`
          }
        }))
      ]
    }
    const { answer } = await killDuring(() => stack.call('POST', '/v1/sync/push', user, body))
    expect(isCleanAnswer(answer), JSON.stringify(answer).slice(0, 300)).toBe(true)

    expect((await stack.waitFor200('/v1/sync/status', user)).status).toBe(200)
    const after = await counts(user)
    const all = { spaces: 1, groups: 1, bookmarks: 2998, outcomes: 3000, version: 1 }
    const none = { spaces: 0, groups: 0, bookmarks: 0, outcomes: 0, version: 0 }
    expect([all, none]).toContainEqual(after)

    // The client never saw an answer it trusts (or saw one): it sends the very same batch again.
    const retry = await stack.call('POST', '/v1/sync/push', user, body)
    expect(retry.status).toBe(200)
    const results = (retry.body as { results: { status: string }[] }).results
    expect(results).toHaveLength(3000)
    expect(results.every((r) => r.status === 'applied')).toBe(true)
    expect(await counts(user)).toEqual(all)
    const [distinct] = await stack.sql()`select count(distinct id)::int as n from bookmarks
      where user_id = ${user} and group_id = 'group_killed' and deleted_at is null`
    expect(distinct?.n).toBe(2998)
  })

  it('a 5,000-bookmark import is all there or not at all, and its retry creates it exactly once', async () => {
    const user = 'user_killed_import'
    expect((await stack.call('POST', '/v1/spaces', user, { id: 'space_import', name: 'I' })).status).toBe(201)
    const group = await stack.call('POST', '/v1/groups', user, {
      id: 'group_import',
      spaceId: 'space_import',
      name: 'I'
    })
    expect(group.status).toBe(201)
    const body = {
      bookmarks: Array.from({ length: 5000 }, (_, i) => ({
        id: `bookmark_import_${i}`,
        groupId: 'group_import',
        title: `Imported ${i}`,
        url: `https://example.org/${i}`
      }))
    }
    const before = await counts(user)
    const { answer } = await killDuring(() => stack.call('POST', '/v1/bookmarks/bulk', user, body))
    expect(isCleanAnswer(answer), JSON.stringify(answer).slice(0, 300)).toBe(true)

    expect((await stack.waitFor200('/v1/spaces', user)).status).toBe(200)
    const after = await counts(user)
    expect([0, 5000]).toContain(after.bookmarks)
    // The import's version bump commits with its rows, or not at all.
    expect(after.version).toBe(after.bookmarks === 0 ? before.version : before.version + 1)

    // The same request again: it creates the 5,000 (first attempt rolled back) or finds them all taken.
    const retry = await stack.call('POST', '/v1/bookmarks/bulk', user, body)
    if (after.bookmarks === 0) expect(retry.status).toBe(201)
    else expect(retry.status).toBe(409)
    const final = await counts(user)
    expect(final.bookmarks).toBe(5000)
    const [positions] = await stack.sql()`select count(distinct position)::int as n from bookmarks
      where group_id = 'group_import' and deleted_at is null`
    expect(positions?.n).toBe(5000)
  })
})
