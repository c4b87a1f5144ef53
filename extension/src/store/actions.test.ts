import { describe, expect, it } from 'vitest'
import { byPosition, reordered } from '../../../model/rules'
import { createGroup, createSpace, MAX_ORDERED_IDS, newBookmark, reorder, shortestReorder } from './actions'
import { loadOutbox } from './cache'
import { createDataStore } from './data-store'
import { sortedBookmarks } from './selectors'

describe('shortestReorder', () => {
  it('lists only the ids up to the last one that moved', () => {
    expect(shortestReorder(['a', 'b', 'c', 'd'], ['a', 'c', 'b', 'd'])).toEqual(['a', 'c'])
    expect(shortestReorder(['a', 'b', 'c', 'd'], ['d', 'a', 'b', 'c'])).toEqual(['d'])
    expect(shortestReorder(['a', 'b'], ['a', 'b'])).toEqual([])
  })
})

/** A stored group of 500 bookmarks more than one reorder may list. */
async function bigGroup() {
  const store = createDataStore()
  await store.load()
  const space = createSpace(store, { name: 'Big', icon: '📁', color: null })
  const group = createGroup(store, space.id, { name: 'All', icon: null })
  const count = MAX_ORDERED_IDS + 500
  const created = Array.from({ length: count }, (_, i) =>
    newBookmark(store.state, group, { title: `B${i}`, url: `https://b${i}.example/`, description: null }, i)
  )
  await store.mutate(created.map((data) => ({ op: 'create' as const, entity: 'bookmark' as const, data })))
  return { store, group, created, count }
}

describe('reorder in a group larger than the API’s list limit', () => {
  it('records a short list that still yields the wanted order', async () => {
    const { store, group, created, count } = await bigGroup()
    const ids = created.map((b) => b.id)
    const wanted = [ids[0], ids[count - 1], ...ids.slice(1, count - 1)] as string[]
    await reorder(store, 'bookmark', group.id, wanted)
    const recorded = (await loadOutbox('local')).at(-1)
    expect(recorded?.data).toEqual({ parentId: group.id, orderedIds: [ids[0], ids[count - 1]] })
    const shown = sortedBookmarks(Object.values(store.snapshot().bookmarks)).map((b) => b.id)
    expect(shown).toEqual(wanted)
  })

  it('records reorders of at most the limit when no short list will do, e.g. the first tile dragged to the end', async () => {
    const { store, group, created, count } = await bigGroup()
    const before = (await loadOutbox('local')).length
    const ids = created.map((b) => b.id)
    const wanted = [...ids.slice(1), ids[0]] as string[]
    await reorder(store, 'bookmark', group.id, wanted)
    const recorded = (await loadOutbox('local')).slice(before)
    expect(recorded.map((m) => (m.data as { orderedIds: string[] }).orderedIds.length)).toEqual([
      MAX_ORDERED_IDS,
      count - 1 - MAX_ORDERED_IDS
    ])
    const shown = sortedBookmarks(Object.values(store.snapshot().bookmarks)).map((b) => b.id)
    expect(shown).toEqual(wanted)
    // The server applies the same windows with the same rule (model/rules.ts reordered), one after the other.
    let order = ids.map((id, i) => ({ id, order: i }))
    for (const m of recorded) {
      const changed = new Map(reordered(order, (m.data as { orderedIds: string[] }).orderedIds))
      order = order.map((item) => ({ id: item.id, order: changed.get(item) ?? item.order }))
    }
    expect(order.sort(byPosition).map((item) => item.id)).toEqual(wanted)
  })
})
