// Idempotency keys bind their payload: a mutation id replayed with another body is a conflict, migrate counts
// only what it wrote, and push and migrate ids live in separate namespaces.
import { describe, expect, it } from 'vitest'
import { api, snapshotUser, testSql, uniqueId, uniqueUser } from '../../test/helpers'
import { mutationId, pull, push } from './test-client'

type MigrateBody = {
  created: { spaces: number; groups: number; bookmarks: number }
  kept: number
  updated: number
  rejected: { mutationId: string; status: string; reason?: string }[]
}

const migrate = (user: string, body: Record<string, unknown>) =>
  api<MigrateBody>('POST', '/v1/sync/migrate', { user, body })

describe('sync idempotency: a mutation id is bound to its payload', () => {
  it('a repeated mutationId with a different payload answers conflict and changes nothing; the same payload still gets its stored outcome', async () => {
    const user = uniqueUser()
    const spaceId = uniqueId('space')
    const id = mutationId()
    const create = { mutationId: id, entity: 'space', op: 'create', data: { id: spaceId, name: 'First' } }
    expect((await push(user, [create])).body.results).toEqual([{ mutationId: id, status: 'applied' }])
    // Same id, another body: another space, or the same space with another name.
    const otherSpace = uniqueId('space')
    const changed = await push(user, [
      { ...create, data: { id: otherSpace, name: 'Second' } },
      { mutationId: mutationId(), entity: 'space', op: 'update', data: { id: spaceId, name: 'Later' } }
    ])
    expect(changed.status).toBe(200)
    expect(changed.body.results[0]).toEqual({ mutationId: id, status: 'rejected', reason: 'conflict' })
    expect(changed.body.results[1]?.status).toBe('applied')
    expect(await testSql()`select 1 from spaces where user_id = ${user} and id = ${otherSpace}`).toHaveLength(
      0
    )

    const renamed = await push(user, [{ ...create, data: { id: spaceId, name: 'Renamed' } }])
    expect(renamed.body.results).toEqual([{ mutationId: id, status: 'rejected', reason: 'conflict' }])
    expect((await pull(user)).body.spaces.map((s) => s.name)).toEqual(['Later'])

    // The very same body is a replay: the stored outcome, nothing written (the update above aside).
    const replay = await push(user, [create])
    expect(replay.body.results).toEqual([{ mutationId: id, status: 'applied' }])
    const afterReplay = await snapshotUser(user, { withUserRow: false })
    await push(user, [create])
    expect(await snapshotUser(user, { withUserRow: false })).toBe(afterReplay)
  })

  it('a replayed rejection with another payload is a conflict too, and the first body still replays its rejection', async () => {
    const user = uniqueUser()
    const id = mutationId()
    const update = {
      mutationId: id,
      entity: 'space',
      op: 'update',
      data: { id: uniqueId('space'), name: 'Nowhere' }
    }
    expect((await push(user, [update])).body.results[0]).toMatchObject({ reason: 'not_found' })
    const other = await push(user, [{ ...update, data: { ...update.data, name: 'Elsewhere' } }])
    expect(other.body.results[0]).toEqual({ mutationId: id, status: 'rejected', reason: 'conflict' })
    expect((await push(user, [update])).body.results[0]).toMatchObject({ reason: 'not_found' })
  })
})

describe('sync idempotency: migrate', () => {
  const body = (
    clientId: string,
    spaceId: string,
    groupId: string,
    bookmarkIds: string[],
    mode = 'upload'
  ) => ({
    mode,
    clientId,
    spaces: [{ id: spaceId, name: 'Local space' }],
    groups: [{ id: groupId, spaceId, name: 'Local group' }],
    bookmarks: bookmarkIds.map((id, i) => ({
      id,
      groupId,
      title: `Local ${i}`,
      url: `https://local.example/${i}`
    }))
  })

  it('a second identical migrate reports nothing created: what the first one stored is kept', async () => {
    for (const mode of ['upload', 'merge']) {
      const user = uniqueUser()
      const ids = [uniqueId('bookmark'), uniqueId('bookmark')]
      const request = body('c1', uniqueId('space'), uniqueId('group'), ids, mode)
      const first = await migrate(user, request)
      expect(first.body, mode).toMatchObject({ created: { spaces: 1, groups: 1, bookmarks: 2 }, updated: 0 })
      const before = await snapshotUser(user, { withUserRow: false })
      const second = await migrate(user, request)
      expect(second.status).toBe(200)
      expect(second.body, mode).toMatchObject({
        created: { spaces: 0, groups: 0, bookmarks: 0 },
        kept: 4,
        updated: 0,
        rejected: []
      })
      expect(await snapshotUser(user, { withUserRow: false }), mode).toBe(before)
    }
  })

  it('a second upload with changed values gives the account those values (updated), not a stale replay', async () => {
    const user = uniqueUser()
    const [spaceId, groupId, bookmarkId] = [uniqueId('space'), uniqueId('group'), uniqueId('bookmark')]
    await migrate(user, body('c2', spaceId, groupId, [bookmarkId]))
    const edited = body('c2', spaceId, groupId, [bookmarkId])
    edited.bookmarks[0] = { ...(edited.bookmarks[0] as (typeof edited.bookmarks)[number]), title: 'Edited' }
    const again = await migrate(user, edited)
    expect(again.body).toMatchObject({ created: { spaces: 0, groups: 0, bookmarks: 0 }, updated: 1, kept: 2 })
    expect((await pull(user)).body.bookmarks.map((b) => b.title)).toEqual(['Edited'])
  })

  it('push and migrate ids cannot collide: a push id shaped like a migrate id does not answer for the migrate', async () => {
    const user = uniqueUser()
    const [spaceId, groupId] = [uniqueId('space'), uniqueId('group')]
    // A push whose mutation id is exactly the id migrate derives for this space.
    const decoy = uniqueId('space')
    const pushed = await push(user, [
      {
        mutationId: `migrate:c3:space:${spaceId}`,
        entity: 'space',
        op: 'create',
        data: { id: decoy, name: 'Decoy' }
      }
    ])
    expect(pushed.body.results[0]?.status).toBe('applied')
    const res = await migrate(user, body('c3', spaceId, groupId, []))
    expect(res.body).toMatchObject({ created: { spaces: 1, groups: 1, bookmarks: 0 }, rejected: [] })
    const spaces = (await pull(user)).body.spaces.map((s) => s.id).sort()
    expect(spaces).toEqual([spaceId, decoy].sort())
  })
})
