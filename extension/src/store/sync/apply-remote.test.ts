import { describe, expect, it } from 'vitest'
import { bookmark, group, space } from '../../../test/fixtures'
import { upsertEntity } from '../apply'
import { type DataState, emptyState, type Mutation } from '../types'
import { applyServerChanges, remoteUpdate, replaceUpdate } from './apply-remote'

const at = '2026-03-03T00:00:00.000Z'
const s1 = space('space_1', 0)
const s2 = space('space_2', 1)
const g1 = group('group_1', s1.id, 0)
const g2 = group('group_2', s2.id, 0)
const b1 = bookmark('bookmark_1', g1, 0)
const b2 = bookmark('bookmark_2', g1, 1)

function seed(): DataState {
  const state = emptyState()
  for (const s of [s1, s2]) upsertEntity(state, 'space', s)
  for (const g of [g1, g2]) upsertEntity(state, 'group', g)
  for (const b of [b1, b2]) upsertEntity(state, 'bookmark', b)
  return state
}

const none = { spaces: [], groups: [], bookmarks: [] }

describe('applyServerChanges', () => {
  it('replaces changed rows and removes tombstones with their subtree', () => {
    const state = seed()
    applyServerChanges(state, {
      ...none,
      bookmarks: [{ ...b1, title: 'From the server' }],
      deleted: { spaces: ['space_2'], groups: [], bookmarks: [] }
    })
    expect(state.bookmarks.bookmark_1?.title).toBe('From the server')
    expect(Object.keys(state.spaces)).toEqual(['space_1'])
    expect(Object.keys(state.groups)).toEqual(['group_1'])
  })

  it('keeps a child that moved out of a parent deleted in the same page', () => {
    const state = seed()
    applyServerChanges(state, {
      ...none,
      groups: [{ ...g1, spaceId: s2.id }],
      bookmarks: [
        { ...b1, spaceId: s2.id },
        { ...b2, spaceId: s2.id }
      ],
      deleted: { spaces: ['space_1'], groups: [], bookmarks: [] }
    })
    expect(Object.keys(state.spaces)).toEqual(['space_2'])
    expect(state.groups.group_1?.spaceId).toBe('space_2')
    expect(Object.keys(state.bookmarks).sort()).toEqual(['bookmark_1', 'bookmark_2'])
  })

  it('an empty page changes nothing', () => {
    const state = seed()
    applyServerChanges(state, { ...none, deleted: { spaces: [], groups: [], bookmarks: [] } })
    expect(state).toEqual(seed())
  })
})

describe('pending outbox on top of server data', () => {
  const pending: Mutation[] = [
    { mutationId: 'm1', op: 'update', entity: 'bookmark', data: { id: 'bookmark_1', title: 'Local edit' } },
    { mutationId: 'm2', op: 'create', entity: 'bookmark', data: bookmark('bookmark_new', g1, 2) }
  ]

  it('an incremental page does not undo local changes the server has not seen yet', () => {
    const state = seed()
    remoteUpdate(
      { ...none, bookmarks: [{ ...b1, url: 'https://moved.example.com/' }], deleted: none },
      pending,
      at
    )(state)
    expect(state.bookmarks.bookmark_1).toMatchObject({
      title: 'Local edit',
      url: 'https://moved.example.com/'
    })
    expect(state.bookmarks.bookmark_new).toBeDefined()
  })

  it('a reset replaces local data but keeps the outbox applied', () => {
    const state = seed()
    replaceUpdate({ spaces: [s1], groups: [g1], bookmarks: [b1] }, pending, at)(state)
    expect(Object.keys(state.spaces)).toEqual(['space_1'])
    expect(Object.keys(state.groups)).toEqual(['group_1'])
    expect(Object.keys(state.bookmarks).sort()).toEqual(['bookmark_1', 'bookmark_new'])
    expect(state.bookmarks.bookmark_1?.title).toBe('Local edit')
  })

  it('the same update gives the same result on two copies (memory and IndexedDB)', () => {
    const memory = seed()
    const stored = seed()
    const update = replaceUpdate({ spaces: [s1], groups: [g1], bookmarks: [b1, b2] }, pending, at)
    update(memory)
    update(stored)
    expect(memory).toEqual(stored)
    const edited = memory.bookmarks.bookmark_1
    if (edited) edited.title = 'changed'
    expect(stored.bookmarks.bookmark_1?.title).toBe('Local edit')
  })
})
