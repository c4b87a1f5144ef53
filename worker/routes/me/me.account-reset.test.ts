// DELETE /v1/me lasts: a push made before the deletion (another device's outbox, a replay of a lost answer)
// is refused with `account_reset` and recreates nothing, and a device's stale cursor resets on its next pull.
import { describe, expect, it } from 'vitest'
import { api, testSql, uniqueId, uniqueUser } from '../../test/helpers'
import { mutationId, pull, push } from '../sync/test-client'

const spaceCreate = (id: string, name = 'Space') => ({
  mutationId: mutationId(),
  entity: 'space',
  op: 'create',
  data: { id, name }
})

async function storedRows(user: string) {
  const sql = testSql()
  const [row] = await sql`select
    (select count(*)::int from users where id = ${user}) as users,
    (select count(*)::int from spaces where user_id = ${user}) as spaces,
    (select count(*)::int from groups where user_id = ${user}) as groups,
    (select count(*)::int from bookmarks where user_id = ${user}) as bookmarks,
    (select count(*)::int from sync_mutations where user_id = ${user}) as outcomes`
  return row
}
const nothing = { users: 0, spaces: 0, groups: 0, bookmarks: 0, outcomes: 0 }

describe('DELETE /v1/me lasts', () => {
  it('another device’s outbox from before the deletion is refused with account_reset and recreates nothing', async () => {
    const user = uniqueUser()
    const spaceId = uniqueId('space')
    const groupId = uniqueId('group')
    await push(user, [spaceCreate(spaceId)])
    const seen = (await pull(user)).body.cursor
    // Made offline on the other device, on top of what it had pulled.
    const outbox = [
      { mutationId: mutationId(), entity: 'space', op: 'update', data: { id: spaceId, name: 'Offline' } },
      {
        mutationId: mutationId(),
        entity: 'group',
        op: 'create',
        data: { id: groupId, spaceId, name: 'Offline group' }
      },
      spaceCreate(uniqueId('space'), 'Offline space')
    ]
    expect((await api('DELETE', '/v1/me', { user })).status).toBe(204)

    const res = await push(user, outbox, 'other-device', seen)
    expect(res.status).toBe(200)
    expect(res.body.results).toEqual(
      outbox.map((m) => ({ mutationId: m.mutationId, status: 'rejected', reason: 'account_reset' }))
    )
    expect(await storedRows(user)).toEqual(nothing)
    // Its next pull with that cursor replaces its data with the account as it is now: empty.
    const after = await pull(user, seen)
    expect(after.body).toMatchObject({ reset: true, spaces: [], groups: [], bookmarks: [] })
    // From the new cursor on, the device writes to the new account as usual.
    const fresh = await push(user, [spaceCreate(uniqueId('space'))], 'other-device', after.body.cursor)
    expect(fresh.body.results[0]?.status).toBe('applied')
  })

  it('a push replayed after the deletion (its answer was lost) does not create its data again', async () => {
    const user = uniqueUser()
    const seen = (await pull(user)).body.cursor // before the account had any row
    const batch = [spaceCreate(uniqueId('space'))]
    expect((await push(user, batch, 'a', seen)).body.results[0]?.status).toBe('applied')
    expect((await api('DELETE', '/v1/me', { user })).status).toBe(204)
    const replay = await push(user, batch, 'a', seen)
    expect(replay.body.results[0]).toMatchObject({ status: 'rejected', reason: 'account_reset' })
    expect(await storedRows(user)).toEqual(nothing)
  })

  it('a cursor from before a deletion of an empty account is refused too; each deletion starts a new life', async () => {
    const user = uniqueUser()
    const before = (await pull(user)).body.cursor
    expect((await api('DELETE', '/v1/me', { user })).status).toBe(204)
    const res = await push(user, [spaceCreate(uniqueId('space'))], 'a', before)
    expect(res.body.results[0]?.reason).toBe('account_reset')
    expect(await storedRows(user)).toEqual(nothing)

    // After a second deletion, a cursor from between the two is from the past as well.
    const between = (await pull(user, before)).body
    expect(between.reset).toBe(true)
    expect(
      (await push(user, [spaceCreate(uniqueId('space'))], 'a', between.cursor)).body.results[0]?.status
    ).toBe('applied')
    expect((await api('DELETE', '/v1/me', { user })).status).toBe(204)
    const late = await push(user, [spaceCreate(uniqueId('space'))], 'a', between.cursor)
    expect(late.body.results[0]?.reason).toBe('account_reset')
    expect(await storedRows(user)).toEqual(nothing)
  })

  it('a deletion racing a push from before it: the push applies before the deletion or is refused, never after it', async () => {
    for (let round = 0; round < 8; round++) {
      const user = uniqueUser()
      await push(user, [spaceCreate(uniqueId('space'))])
      const seen = (await pull(user)).body.cursor
      const batch = Array.from({ length: 50 }, () => spaceCreate(uniqueId('space')))
      const [pushed, deleted] = await Promise.all([
        push(user, batch, 'racer', seen),
        api('DELETE', '/v1/me', { user })
      ])
      expect(deleted.status).toBe(204)
      expect(pushed.status).toBe(200)
      // Either order is fine; what may never happen is data that outlives the deletion.
      expect(await storedRows(user)).toEqual(nothing)
    }
  })

  it('a first deletion of an account with no rows, racing a push from before it: never data after it, many times over', async () => {
    for (let round = 0; round < 40; round++) {
      const user = uniqueUser()
      // The device's cursor from before anything was stored: no row of the account exists yet.
      const seen = (await api<{ cursor: string }>('GET', '/v1/sync/status', { user })).body.cursor
      const batch = Array.from({ length: 5 }, () => spaceCreate(uniqueId('space')))
      const [pushed, deleted] = await Promise.all([
        push(user, batch, 'racer', seen),
        api('DELETE', '/v1/me', { user })
      ])
      expect(deleted.status).toBe(204)
      expect(pushed.status).toBe(200)
      expect(await storedRows(user)).toEqual(nothing)
    }
  })
})
