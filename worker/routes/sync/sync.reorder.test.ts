// Lists in a push: reorders refused as REST refuses them (empty, or an id repeated), as outcomes with a reason
// that change nothing while the rest of the batch applies; a moved group's bookmarks follow its final place.
import { describe, expect, it } from 'vitest'
import { api, snapshotUser, uniqueId, uniqueUser } from '../../test/helpers'
import { mutationId, pull, push, seedGroup } from './test-client'

const reorder = (entity: string, data: Record<string, unknown>) => ({
  mutationId: mutationId(),
  entity,
  op: 'reorder',
  data
})

describe('push reorders are refused as REST refuses them', () => {
  it('an empty orderedIds or a repeated id is rejected with a reason and changes nothing', async () => {
    const user = uniqueUser()
    const { space, group, bookmarks } = await seedGroup(user, 3)
    const [a, b] = bookmarks as [string, string]
    // REST answers 400 for both.
    for (const orderedIds of [[], [a, b, a]]) {
      const rest = await api('PUT', `/v1/groups/${group}/bookmarks/order`, { user, body: { orderedIds } })
      expect(rest.status).toBe(400)
    }
    const before = await snapshotUser(user, { withUserRow: false })
    const res = await push(user, [
      reorder('bookmark', { parentId: group, orderedIds: [] }),
      reorder('bookmark', { parentId: group, orderedIds: [b, a, b] }),
      reorder('group', { parentId: space, orderedIds: [] }),
      reorder('space', { orderedIds: [space, space] })
    ])
    expect(res.status).toBe(200)
    expect(res.body.results.map((r) => [r.status, r.reason])).toEqual([
      ['rejected', 'empty_order'],
      ['rejected', 'repeated_id'],
      ['rejected', 'empty_order'],
      ['rejected', 'repeated_id']
    ])
    // Nothing was stamped or renumbered: other devices have nothing to pull.
    expect(await snapshotUser(user, { withUserRow: false })).toBe(before)
  })

  it('a refused reorder does not stop the valid mutations around it', async () => {
    const user = uniqueUser()
    const { group, bookmarks } = await seedGroup(user, 3)
    const [a, b, c] = bookmarks as [string, string, string]
    const res = await push(user, [
      reorder('bookmark', { parentId: group, orderedIds: [] }),
      reorder('bookmark', { parentId: group, orderedIds: [c, b, a] })
    ])
    expect(res.body.results.map((r) => r.status)).toEqual(['rejected', 'applied'])
    const orders = (await pull(user)).body.bookmarks.sort((x, y) => x.order - y.order).map((x) => x.id)
    expect(orders).toEqual([c, b, a])
  })
})

describe('push moves and deletes in one batch', () => {
  it('a group moved out of a space deleted later in the batch keeps its bookmarks, in its new space', async () => {
    const user = uniqueUser()
    const from = await seedGroup(user, 3)
    const to = await seedGroup(user, 0)
    const res = await push(user, [
      { mutationId: mutationId(), entity: 'group', op: 'move', data: { id: from.group, spaceId: to.space } },
      { mutationId: mutationId(), entity: 'space', op: 'delete', data: { id: from.space } }
    ])
    expect(res.body.results.map((r) => r.status)).toEqual(['applied', 'applied'])
    const state = (await pull(user)).body
    expect(state.groups.find((g) => g.id === from.group)?.spaceId).toBe(to.space)
    expect(state.bookmarks.map((b) => [b.id, b.spaceId]).sort()).toEqual(
      from.bookmarks.map((id) => [id, to.space]).sort()
    )
  })
})

describe('a group moved in the same push that deletes its old space', () => {
  // Found by write-paths.test.ts (seed -675084865): the push answered 500 (bookmarks_user_space_group_fk), and
  // without the second delete the bookmark was deleted with the old space although its group had left it.
  it('keeps its bookmarks, which moved with it; deleting its new space too takes them all, and answers 200', async () => {
    const user = uniqueUser()
    const ids = {
      s0: uniqueId('space'),
      s1: uniqueId('space'),
      g0: uniqueId('group'),
      b0: uniqueId('bookmark')
    }
    const m = (entity: string, op: string, data: Record<string, unknown>) => ({
      mutationId: mutationId(),
      entity,
      op,
      data
    })
    const batch = [
      m('space', 'create', { id: ids.s0, name: 's0' }),
      m('space', 'create', { id: ids.s1, name: 's1' }),
      m('group', 'create', { id: ids.g0, spaceId: ids.s0, name: 'g0' }),
      m('bookmark', 'create', { id: ids.b0, groupId: ids.g0, title: 'b0', url: 'https://example.com/b0' }),
      m('group', 'move', { id: ids.g0, spaceId: ids.s1 }),
      m('space', 'delete', { id: ids.s0 })
    ]
    const kept = await push(user, batch)
    expect(kept.status).toBe(200)
    const after = await pull(user)
    expect(after.body.bookmarks.map((b: { id: string; spaceId: string }) => [b.id, b.spaceId])).toEqual([
      [ids.b0, ids.s1]
    ])

    const other = uniqueUser()
    const gone = await push(other, [
      ...batch.map((x) => ({ ...x, mutationId: mutationId() })),
      m('space', 'delete', { id: ids.s1 })
    ])
    expect(gone.status).toBe(200)
    expect((await pull(other)).body.bookmarks).toEqual([])
  })
})
