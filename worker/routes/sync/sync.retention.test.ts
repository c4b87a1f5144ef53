// Retention: the scheduled purge drops pushed-mutation outcomes and tombstones past their windows, and a device
// whose cursor is older than a purged tombstone gets `reset: true` instead of missing that delete.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import worker from '../../index'
import { testSql, uniqueUser } from '../../test/helpers'
import { mutationId, pull, push, seedGroup } from './test-client'

/** Runs the Worker's Cron Trigger handler once, as the runtime would, and waits for its work. */
async function runScheduled() {
  const ctx = createExecutionContext()
  await worker.scheduled(createScheduledController({ cron: '17 * * * *' }), env, ctx)
  await waitOnExecutionContext(ctx)
}

const del = (entity: string, id: string) => ({ mutationId: mutationId(), entity, op: 'delete', data: { id } })

async function seed(user: string) {
  const { res, ...ids } = await seedGroup(user, 3)
  expect(res.body.results.every((r) => r.status === 'applied')).toBe(true)
  return { ...ids, mutationIds: res.body.results.map((r) => r.mutationId) }
}

describe('retention of outcomes and tombstones', () => {
  it('purges outcomes older than 30 days and tombstones older than 90, and keeps everything newer', async () => {
    const user = uniqueUser()
    const sql = testSql()
    const { bookmarks, mutationIds } = await seed(user)
    const [old, recent, live] = bookmarks as [string, string, string]
    await push(user, [del('bookmark', old)])
    await push(user, [del('bookmark', recent)])
    // Age some rows as if time had passed: the seed's outcomes by 31 days, one tombstone by 91.
    await sql`update sync_mutations set created_at = now() - interval '31 days'
      where user_id = ${user} and mutation_id in ${sql(mutationIds)}`
    await sql`update bookmarks set deleted_at = now() - interval '91 days' where user_id = ${user} and id = ${old}`
    await sql`update bookmarks set deleted_at = now() - interval '89 days' where user_id = ${user} and id = ${recent}`
    const outcomesBefore = await sql`select count(*)::int as n from sync_mutations where user_id = ${user}`

    await runScheduled()

    const rows =
      await sql`select id, deleted_at is not null as gone from bookmarks where user_id = ${user} order by id`
    expect(rows.map((r) => [r.id, r.gone]).sort()).toEqual(
      [
        [recent, true],
        [live, false]
      ].sort()
    )
    const [{ n } = { n: -1 }] =
      await sql`select count(*)::int as n from sync_mutations where user_id = ${user}`
    expect(n).toBe((outcomesBefore[0]?.n as number) - mutationIds.length)
    // The live tree is untouched.
    expect(await sql`select 1 from spaces where user_id = ${user} and deleted_at is null`).toHaveLength(1)
  })

  it('a cursor from before a purged tombstone gets reset: true; one after it continues', async () => {
    const user = uniqueUser()
    const sql = testSql()
    const { bookmarks } = await seed(user)
    const [old, recent, live] = bookmarks as [string, string, string]
    const beforeDelete = (await pull(user)).body.cursor
    await push(user, [del('bookmark', old)])
    const afterDelete = (await pull(user)).body.cursor
    await push(user, [del('bookmark', recent)])
    await sql`update bookmarks set deleted_at = now() - interval '91 days' where user_id = ${user} and id = ${old}`

    // Nothing purged yet: the old cursor still continues and sees both tombstones.
    expect((await pull(user, beforeDelete)).body).toMatchObject({
      reset: false,
      deleted: { bookmarks: expect.arrayContaining([old, recent]) }
    })
    await runScheduled()

    // That cursor would now miss the purged delete: a full snapshot instead, without the deleted bookmark.
    const stale = await pull(user, beforeDelete)
    expect(stale.body.reset).toBe(true)
    expect(stale.body.bookmarks.map((b) => b.id)).toEqual([live])
    // A cursor that already saw the purged delete continues incrementally.
    const current = await pull(user, afterDelete)
    expect(current.body).toMatchObject({ reset: false, deleted: { bookmarks: [recent] } })
  })

  it('a scheduled run with nothing to purge changes nothing', async () => {
    const user = uniqueUser()
    await seed(user)
    const sql = testSql()
    const before = await sql`select to_jsonb(u) as row from users u where id = ${user}`
    await runScheduled()
    expect(await sql`select to_jsonb(u) as row from users u where id = ${user}`).toEqual(before)
  })
})
