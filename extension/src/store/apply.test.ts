import { describe, expect, it } from 'vitest'
import { positionBetween } from '../../../model/position'
import { bookmark, group, space } from '../../test/fixtures'
import { applyMutation, removeEntity, upsertEntity } from './apply'
import { sortedBookmarks, sortedGroups } from './selectors'
import { type DataState, emptyState } from './types'

const at = '2026-02-02T00:00:00.000Z'

function seed(): DataState {
  const state = emptyState()
  const s1 = space('space_1', 0)
  const s2 = space('space_2', 1)
  const g1 = group('group_1', s1.id, 0)
  const g2 = group('group_2', s1.id, 1)
  const g3 = group('group_3', s2.id, 0)
  for (const s of [s1, s2]) upsertEntity(state, 'space', s)
  for (const g of [g1, g2, g3]) upsertEntity(state, 'group', g)
  for (const [i, id] of ['a', 'b', 'c'].entries())
    upsertEntity(state, 'bookmark', bookmark(`bookmark_${id}`, g1, i))
  upsertEntity(state, 'bookmark', bookmark('bookmark_z', g3, 0))
  return state
}

const ids = (state: DataState, groupId: string) =>
  sortedBookmarks(Object.values(state.bookmarks).filter((b) => b.groupId === groupId)).map((b) => b.id)

describe('applyMutation', () => {
  it('update changes only the named fields and stamps updatedAt', () => {
    const state = seed()
    applyMutation(state, { op: 'update', entity: 'bookmark', data: { id: 'bookmark_a', title: 'New' } }, at)
    expect(state.bookmarks.bookmark_a).toMatchObject({
      title: 'New',
      url: 'https://bookmark_a.example.com/',
      updatedAt: at
    })
  })

  it('deleting a space removes its groups and bookmarks, nothing else', () => {
    const state = seed()
    applyMutation(state, { op: 'delete', entity: 'space', data: { id: 'space_1' } }, at)
    expect(Object.keys(state.spaces)).toEqual(['space_2'])
    expect(Object.keys(state.groups)).toEqual(['group_3'])
    expect(Object.keys(state.bookmarks)).toEqual(['bookmark_z'])
  })

  it('a move takes the key it carries and changes no other entity', () => {
    const state = seed()
    const before = { ...state.bookmarks }
    applyMutation(
      state,
      { op: 'move', entity: 'bookmark', data: { id: 'bookmark_c', groupId: 'group_1', position: 'Zz' } },
      at
    )
    expect(ids(state, 'group_1')).toEqual(['bookmark_c', 'bookmark_a', 'bookmark_b'])
    expect(state.bookmarks.bookmark_c?.position).toBe('Zz')
    for (const id of ['bookmark_a', 'bookmark_b', 'bookmark_z']) expect(state.bookmarks[id]).toBe(before[id])
  })

  it('moving a bookmark into another space’s group puts it at its key and follows the group’s space', () => {
    const state = seed()
    const first = state.bookmarks.bookmark_z?.position as string
    applyMutation(
      state,
      {
        op: 'move',
        entity: 'bookmark',
        data: { id: 'bookmark_b', groupId: 'group_3', position: positionBetween(null, first) as string }
      },
      at
    )
    expect(ids(state, 'group_3')).toEqual(['bookmark_b', 'bookmark_z'])
    expect(state.bookmarks.bookmark_b).toMatchObject({ groupId: 'group_3', spaceId: 'space_2' })
    expect(ids(state, 'group_1')).toEqual(['bookmark_a', 'bookmark_c'])
  })

  it('moving a group to another space carries its bookmarks along', () => {
    const state = seed()
    const after = positionBetween(state.groups.group_3?.position as string, null) as string
    applyMutation(
      state,
      { op: 'move', entity: 'group', data: { id: 'group_1', spaceId: 'space_2', position: after } },
      at
    )
    expect(state.groups.group_1).toMatchObject({ spaceId: 'space_2', position: after })
    expect(sortedGroups(state, 'space_2').map((g) => g.id)).toEqual(['group_3', 'group_1'])
    expect(state.bookmarks.bookmark_a?.spaceId).toBe('space_2')
  })

  it('a group moved within its space changes no bookmark, as the server changes none', () => {
    const state = seed()
    const before = { ...state.bookmarks }
    const last = positionBetween(state.groups.group_2?.position as string, null) as string
    applyMutation(
      state,
      { op: 'move', entity: 'group', data: { id: 'group_1', spaceId: 'space_1', position: last } },
      at
    )
    expect(sortedGroups(state, 'space_1').map((g) => g.id)).toEqual(['group_2', 'group_1'])
    for (const id of Object.keys(before)) expect(state.bookmarks[id]).toBe(before[id])
  })

  it('a move saved by an older version (no key) changes the parent and keeps the key it had', () => {
    const state = seed()
    const key = state.groups.group_1?.position
    applyMutation(
      state,
      { op: 'move', entity: 'group', data: { id: 'group_1', spaceId: 'space_2' } } as never,
      at
    )
    expect(state.groups.group_1).toMatchObject({ spaceId: 'space_2', position: key })
  })

  it('pinned bookmarks sort first whatever their order', () => {
    const state = seed()
    applyMutation(state, { op: 'update', entity: 'bookmark', data: { id: 'bookmark_c', isPinned: true } }, at)
    expect(ids(state, 'group_1')).toEqual(['bookmark_c', 'bookmark_a', 'bookmark_b'])
  })

  it('a server tombstone removes the subtree without a mutation (removeEntity)', () => {
    const state = seed()
    removeEntity(state, 'group', 'group_1')
    expect(state.groups.group_1).toBeUndefined()
    expect(Object.keys(state.bookmarks)).toEqual(['bookmark_z'])
  })
})
