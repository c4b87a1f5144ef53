import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../../model/limits'
import { spreadPositions } from '../../../model/position'
import { createGroup, createSpace, moveBookmark, newBookmark, reorder } from './actions'
import { loadOutbox } from './cache'
import { createDataStore } from './data-store'
import { positionsAfter, sortedBookmarks } from './selectors'
import type { Mutation } from './types'

/** A stored group of 1,500 bookmarks, keyed one after the other as an import keys them. */
async function bigGroup(count = 1500) {
  const store = createDataStore()
  // Signed in: the outbox is what these tests read (signed out, changes keep none).
  await store.load('user_1')
  const space = createSpace(store, { name: 'Big', icon: '📁', color: null })
  const group = createGroup(store, space.id, { name: 'All', icon: null })
  const keys = positionsAfter([], count)
  const created = keys.map((key, i) =>
    newBookmark(store.state, group, { title: `B${i}`, url: `https://b${i}.example/`, description: null }, key)
  )
  await store.mutate(created.map((data) => ({ op: 'create' as const, entity: 'bookmark' as const, data })))
  return { store, group, created, count }
}

const shownIds = (store: ReturnType<typeof createDataStore>) =>
  sortedBookmarks(Object.values(store.snapshot().bookmarks)).map((b) => b.id)

describe('reorder: a drag writes the rows that move, each between its new neighbours', () => {
  it('moving one tile of 1,500 records one move of that tile, whatever the distance', async () => {
    const { store, group, created, count } = await bigGroup()
    const ids = created.map((b) => b.id)
    for (const wanted of [
      // The last tile dragged to the second place.
      [ids[0], ids[count - 1], ...ids.slice(1, count - 1)] as string[],
      // Then the first tile dragged to the end (it took two windows of the old reorder).
      [ids[count - 1], ...ids.slice(1, count - 1), ids[0]] as string[]
    ]) {
      const before = (await loadOutbox('user_1')).length
      await reorder(store, 'bookmark', group.id, wanted)
      const recorded = (await loadOutbox('user_1')).slice(before)
      expect(recorded).toHaveLength(1)
      const [move] = recorded as [Mutation]
      expect(move.op).toBe('move')
      expect(move.data).toMatchObject({ groupId: group.id })
      expect(shownIds(store)).toEqual(wanted)
    }
  })

  it('moving a bookmark to an index of another group records one move with a key between its neighbours', async () => {
    const { store, group, created } = await bigGroup(20)
    const other = createGroup(store, group.spaceId, { name: 'Other', icon: null })
    const before = (await loadOutbox('user_1')).length
    await moveBookmark(store, created[5]?.id as string, other.id)
    await moveBookmark(store, created[6]?.id as string, other.id, 0)
    const recorded = (await loadOutbox('user_1')).slice(before)
    expect(recorded.map((m) => [m.op, (m.data as { id: string }).id])).toEqual([
      ['move', created[5]?.id],
      ['move', created[6]?.id]
    ])
    const inOther = sortedBookmarks(store.groupBookmarks(other.id)).map((b) => b.id)
    expect(inOther).toEqual([created[6]?.id, created[5]?.id])
  })

  it('spreads the list anew when no key fits between the neighbours (two items that share a key)', async () => {
    const store = createDataStore()
    await store.load()
    const space = createSpace(store, { name: 'S', icon: '📁', color: null })
    const group = createGroup(store, space.id, { name: 'G', icon: null })
    // Two devices put a tile at one spot at once and made one key (only possible without jitter): a tie.
    const same = ['a1', 'a1', 'a2'].map((key, i) =>
      newBookmark(store.state, group, { title: `T${i}`, url: `https://t${i}.example/` }, key)
    )
    await store.mutate(same.map((data) => ({ op: 'create' as const, entity: 'bookmark' as const, data })))
    const [x, y, z] = shownIds(store) as [string, string, string]
    const before = (await loadOutbox('user_1')).length
    await reorder(store, 'bookmark', group.id, [x, z, y])
    const recorded = (await loadOutbox('user_1')).slice(before)
    expect(shownIds(store)).toEqual([x, z, y])
    // Every item that got a fresh rank key is one move; none is longer than the limit.
    const keys = recorded.map((m) => (m.data as { position: string }).position)
    expect(keys.every((key) => key.length <= LIMITS.position)).toBe(true)
    expect(sortedBookmarks(store.groupBookmarks(group.id)).map((b) => b.position)).toEqual(spreadPositions(3))
  })
})
