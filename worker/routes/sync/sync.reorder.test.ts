// Lists in a push: a moved group's bookmarks follow its final place, whatever the batch deletes after the move.
// (Moves by position key, and the old `reorder` op's 400: sync.positions.test.ts.)
import { describe, expect, it } from 'vitest'
import { uniqueId, uniqueUser } from '../../test/helpers'
import { mutationId, pull, push, seedGroup } from './test-client'

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
