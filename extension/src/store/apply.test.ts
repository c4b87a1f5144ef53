import { describe, expect, it } from 'vitest'
import { bookmark, group, space } from '../../test/fixtures'
import { applyMutation, removeEntity, upsertEntity } from './apply'
import { sortedBookmarks } from './selectors'
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

  it('reorder sets order by position and ignores items of another parent', () => {
    const state = seed()
    applyMutation(
      state,
      {
        op: 'reorder',
        entity: 'bookmark',
        data: { parentId: 'group_1', orderedIds: ['bookmark_c', 'bookmark_z', 'bookmark_a', 'bookmark_b'] }
      },
      at
    )
    expect(ids(state, 'group_1')).toEqual(['bookmark_c', 'bookmark_a', 'bookmark_b'])
    expect(state.bookmarks.bookmark_z?.order).toBe(0)
  })

  it('reorder puts siblings left out of the list after the listed ones, in their order, as the server does', () => {
    const state = seed()
    applyMutation(
      state,
      { op: 'reorder', entity: 'bookmark', data: { parentId: 'group_1', orderedIds: ['bookmark_b'] } },
      at
    )
    expect(ids(state, 'group_1')).toEqual(['bookmark_b', 'bookmark_a', 'bookmark_c'])
    expect(['bookmark_b', 'bookmark_a', 'bookmark_c'].map((id) => state.bookmarks[id]?.order)).toEqual([
      0, 1, 2
    ])
  })

  it('moving a bookmark into another space’s group inserts it at the index and follows the group’s space', () => {
    const state = seed()
    applyMutation(
      state,
      { op: 'move', entity: 'bookmark', data: { id: 'bookmark_b', groupId: 'group_3', index: 0 } },
      at
    )
    expect(ids(state, 'group_3')).toEqual(['bookmark_b', 'bookmark_z'])
    expect(state.bookmarks.bookmark_b).toMatchObject({ groupId: 'group_3', spaceId: 'space_2' })
    expect(ids(state, 'group_1')).toEqual(['bookmark_a', 'bookmark_c'])
  })

  it('moving a group to another space carries its bookmarks along', () => {
    const state = seed()
    applyMutation(
      state,
      { op: 'move', entity: 'group', data: { id: 'group_1', spaceId: 'space_2', index: 1 } },
      at
    )
    expect(state.groups.group_1).toMatchObject({ spaceId: 'space_2', order: 1 })
    expect(state.groups.group_3?.order).toBe(0)
    expect(state.bookmarks.bookmark_a?.spaceId).toBe('space_2')
  })

  it('a move without an index goes after every sibling, archived ones too', () => {
    const state = seed()
    upsertEntity(state, 'group', { ...group('group_4', 'space_2', 1), isArchived: true })
    upsertEntity(state, 'group', group('group_5', 'space_2', 2))
    applyMutation(state, { op: 'move', entity: 'group', data: { id: 'group_1', spaceId: 'space_2' } }, at)
    expect(state.groups.group_1).toMatchObject({ spaceId: 'space_2', order: 3 })
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
