import { describe, expect, it } from 'vitest'
import { bookmark, group } from '../../test/fixtures'
import {
  createBookmark,
  createGroup,
  createSpace,
  remove,
  reorder,
  restoreRemoved,
  updateSpace
} from './actions'
import { removeEntity, upsertEntity } from './apply'
import { loadData, loadOutbox } from './cache'
import { createDataStore } from './data-store'

describe('the mutation path', () => {
  it('persists every change to IndexedDB and, signed in, records it in the outbox in the push API’s shape', async () => {
    const store = createDataStore()
    await store.load('user_1')
    const space = createSpace(store, { name: 'Work', icon: '💼', color: null })
    const group = createGroup(store, space.id, { name: 'Docs', icon: null })
    const bookmark = createBookmark(store, group.id, {
      title: 'MDN',
      url: 'https://developer.mozilla.org/',
      description: null
    })
    updateSpace(store, space.id, { name: 'Job', icon: '💼' })
    await store.saved()

    expect(space.id).toMatch(/^space_[A-Za-z0-9_-]{16,}$/)
    const saved = await loadData('user_1')
    expect(saved?.spaces[space.id]?.name).toBe('Job')
    expect(saved?.bookmarks[bookmark?.id ?? '']?.url).toBe('https://developer.mozilla.org/')

    const outbox = await loadOutbox('user_1')
    expect(outbox.map((m) => `${m.op} ${m.entity}`)).toEqual([
      'create space',
      'create group',
      'create bookmark',
      'update space'
    ])
    expect(outbox[0]?.data).toEqual(space)
    // An update names only what changed.
    expect(outbox[3]?.data).toEqual({ id: space.id, name: 'Job' })
    expect(new Set(outbox.map((m) => m.mutationId)).size).toBe(4)
  })

  it('records a reorder (a move of one row with its key) and a delete in the agreed shapes and keeps accounts apart', async () => {
    const store = createDataStore()
    await store.load('user_1')
    const a = createSpace(store, { name: 'A', icon: '📁', color: null })
    const b = createSpace(store, { name: 'B', icon: '📁', color: null })
    await reorder(store, 'space', null, [b.id, a.id])
    remove(store, 'space', a.id)
    await store.saved()
    const outbox = await loadOutbox('user_1')
    expect(outbox.slice(2).map(({ op, data }) => ({ op, data }))).toEqual([
      { op: 'move', data: { id: b.id, position: expect.any(String) } },
      { op: 'delete', data: { id: a.id } }
    ])
    const moved = outbox[2]?.data as { position: string }
    expect(moved.position < a.position).toBe(true)
    expect(await loadOutbox('local')).toEqual([])
  })

  it('a reload finds the same data, and Undo brings a deleted space back with its content under new ids', async () => {
    const store = createDataStore()
    await store.load()
    const space = createSpace(store, { name: 'Home', icon: '🏠', color: '#4f46e5' })
    const group = createGroup(store, space.id, { name: 'News', icon: null })
    createBookmark(store, group.id, { title: 'BBC', url: 'https://bbc.co.uk/', description: null })
    const removed = remove(store, 'space', space.id)
    await store.saved()
    expect(Object.keys(store.state.spaces)).toEqual([])
    restoreRemoved(store, removed)
    await store.saved()

    const again = createDataStore()
    await again.load()
    const [restored] = Object.values(again.state.spaces)
    expect(restored).toMatchObject({ name: 'Home', icon: '🏠', color: '#4f46e5' })
    expect(restored?.id).not.toBe(space.id)
    const [bbc] = Object.values(again.state.bookmarks)
    expect(bbc).toMatchObject({ title: 'BBC', spaceId: restored?.id })
    expect(again.state.groups[bbc?.groupId ?? '']?.spaceId).toBe(restored?.id)
  })

  it('a change made while only the cached start view is shown waits for the saved data and applies on top', async () => {
    const first = createDataStore()
    await first.load()
    const kept = createSpace(first, { name: 'Kept', icon: '📁', color: null })
    await first.saved()

    const store = createDataStore()
    store.showView({ spaces: {}, groups: {}, bookmarks: {} })
    const early = createSpace(store, { name: 'Early', icon: '📁', color: null })
    await store.load()
    await store.saved()
    const saved = await loadData('local')
    expect(Object.keys(saved?.spaces ?? {}).sort()).toEqual([kept.id, early.id].sort())
    expect(Object.keys(store.state.spaces).sort()).toEqual([kept.id, early.id].sort())
  })
})

describe('two open new tabs', () => {
  it('keep both of their changes when they save at the same moment', async () => {
    const tabA = createDataStore()
    const tabB = createDataStore()
    await Promise.all([tabA.load('user_1'), tabB.load('user_1')])
    createSpace(tabA, { name: 'From A', icon: '📁', color: null })
    createSpace(tabB, { name: 'From B', icon: '📁', color: null })
    await Promise.all([tabA.saved(), tabB.saved()])
    const saved = await loadData('user_1')
    expect(
      Object.values(saved?.spaces ?? {})
        .map((s) => s.name)
        .sort()
    ).toEqual(['From A', 'From B'])
    expect(await loadOutbox('user_1')).toHaveLength(2)
  })
})

describe('server changes (for the sync engine)', () => {
  it('apply and persist without entering the outbox', async () => {
    const store = createDataStore()
    await store.load('user_1')
    const local = createSpace(store, { name: 'Local', icon: '📁', color: null })
    await store.saved()
    const at = '2026-03-03T00:00:00.000Z'
    await store.applyRemote((draft) => {
      upsertEntity(draft, 'space', {
        ...local,
        id: 'space_remote',
        name: 'From server',
        createdAt: at,
        updatedAt: at
      })
      upsertEntity(draft, 'group', group('group_remote', 'space_remote'))
      upsertEntity(draft, 'bookmark', bookmark('bookmark_remote', group('group_remote', 'space_remote')))
      removeEntity(draft, 'space', local.id)
    })
    expect(Object.keys(store.state.spaces)).toEqual(['space_remote'])
    expect(Object.keys(store.snapshot().bookmarks)).toEqual(['bookmark_remote'])
    const saved = await loadData('user_1')
    expect(Object.keys(saved?.spaces ?? {})).toEqual(['space_remote'])
    expect(Object.keys(saved?.bookmarks ?? {})).toEqual(['bookmark_remote'])
    expect((await loadOutbox('user_1')).map((m) => m.op)).toEqual(['create'])
  })
})
