import { createMemo, createRoot } from 'solid-js'
import { describe, expect, it, vi } from 'vitest'
import { bookmark, group, space } from '../../test/fixtures'
import {
  createBookmark,
  createGroup,
  createSpace,
  moveBookmark,
  moveGroup,
  remove,
  updateBookmark
} from './actions'
import { applyMutation, removeEntity, upsertEntity } from './apply'
import { loadData } from './cache'
import { createDataStore, type DataStore } from './data-store'
import { replaceWithServer } from './sync/apply-remote'
import type { Bookmark, DataState, MutationInput } from './types'

/** What the index says of every group and of the archive is what a scan of the whole table says. */
function expectIndexed(store: DataStore) {
  const table = Object.values(store.snapshot().bookmarks)
  const groupIds = new Set([...table.map((b) => b.groupId), ...Object.keys(store.state.groups)])
  for (const groupId of groupIds) {
    const indexed = store.groupBookmarks(groupId)
    expect(indexed.map((b) => b.id).sort(), groupId).toEqual(
      table
        .filter((b) => b.groupId === groupId)
        .map((b) => b.id)
        .sort()
    )
    // The very objects of the table, not copies: tiles keyed by them are not rebuilt.
    for (const b of indexed) expect(store.snapshot().bookmarks[b.id]).toBe(b)
  }
  expect(store.archivedBookmarks()).toBe(table.filter((b) => b.isArchived).length)
}

/** A loaded store with a space of two groups (three bookmarks in the first) and a second space of one group. */
async function seeded() {
  const store = createDataStore()
  await store.load()
  const work = createSpace(store, { name: 'Work', icon: '💼', color: null })
  const home = createSpace(store, { name: 'Home', icon: '🏠', color: null })
  const docs = createGroup(store, work.id, { name: 'Docs', icon: null })
  const tools = createGroup(store, work.id, { name: 'Tools', icon: null })
  const reading = createGroup(store, home.id, { name: 'Reading', icon: null })
  const marks = ['MDN', 'Solid', 'Vite'].map(
    (title) =>
      createBookmark(store, docs.id, { title, url: `https://${title.toLowerCase()}.dev/` }) as Bookmark
  )
  await store.saved()
  return { store, work, home, docs, tools, reading, marks }
}

const places = (data: DataState) =>
  Object.fromEntries(
    Object.values(data.bookmarks).map((b) => [
      b.id,
      { groupId: b.groupId, spaceId: b.spaceId, position: b.position }
    ])
  )

describe('the bookmark index', () => {
  it('knows each group’s bookmarks and the archived count through creates, moves, archives and deletes', async () => {
    const { store, docs, tools, reading, marks } = await seeded()
    const [mdn, solid, vite] = marks as [Bookmark, Bookmark, Bookmark]
    expectIndexed(store)
    expect(store.groupBookmarks(docs.id)).toHaveLength(3)

    // A new bookmark goes after the group's last, archived ones counted, as the order rule says.
    updateBookmark(store, vite.id, { isArchived: true })
    expect(store.archivedBookmarks()).toBe(1)
    const added = createBookmark(store, docs.id, { title: 'Web.dev', url: 'https://web.dev/' })
    const keys = store.groupBookmarks(docs.id).map((b) => b.position)
    expect(keys.every((key) => key === added?.position || key < (added?.position as string))).toBe(true)
    expectIndexed(store)

    await moveBookmark(store, mdn.id, tools.id)
    expect(store.groupBookmarks(tools.id).map((b) => b.id)).toEqual([mdn.id])
    expectIndexed(store)

    // A group moved to another space carries its bookmarks, which stay in their group.
    await moveGroup(store, tools.id, reading.spaceId)
    expect(store.groupBookmarks(tools.id)[0]?.spaceId).toBe(reading.spaceId)
    expectIndexed(store)

    remove(store, 'bookmark', solid.id)
    expectIndexed(store)
    // Deleting a group takes its bookmarks, the archived one with them, and keeps them all for Undo.
    const inDocs = store.groupBookmarks(docs.id).map((b) => b.id)
    expect(inDocs).toHaveLength(2)
    const removed = remove(store, 'group', docs.id)
    expect(removed.bookmarks.map((b) => b.id).sort()).toEqual(inDocs.sort())
    expect(store.groupBookmarks(docs.id)).toEqual([])
    expect(store.archivedBookmarks()).toBe(0)
    expectIndexed(store)
    await store.saved()
  })

  it('reruns a view of one group for that group’s changes only', async () => {
    const { store, docs, tools, marks } = await seeded()
    const other = createBookmark(store, tools.id, { title: 'Biome', url: 'https://biomejs.dev/' }) as Bookmark
    let runs = 0
    const dispose = createRoot((dispose) => {
      const view = createMemo(() => {
        runs++
        return store.groupBookmarks(docs.id)
      })
      view()
      return dispose
    })
    expect(runs).toBe(1)
    updateBookmark(store, other.id, { title: 'Biome.js' })
    createBookmark(store, tools.id, { title: 'Oxc', url: 'https://oxc.rs/' })
    expect(runs).toBe(1)
    updateBookmark(store, (marks[0] as Bookmark).id, { isPinned: true })
    expect(runs).toBe(2)
    // A move touches both groups.
    await moveBookmark(store, other.id, docs.id)
    expect(runs).toBe(3)
    dispose()
    await store.saved()
  })

  it('follows server changes, a complete replacement included, through applyRemote', async () => {
    const { store, docs, tools, marks } = await seeded()
    const g = store.state.groups[docs.id] as (typeof store.state.groups)[string]
    await store.applyRemote((draft) => {
      upsertEntity(draft, 'bookmark', bookmark('bookmark_server', g, 9, { isArchived: true }))
      removeEntity(draft, 'bookmark', (marks[1] as Bookmark).id)
    })
    expect(store.archivedBookmarks()).toBe(1)
    expectIndexed(store)

    // A full pull replaces the table and rebases the outbox on it: a move appended after that must land after the
    // new table's bookmarks, not after those of the table it replaced.
    const data = store.snapshot()
    const server = ['x', 'y', 'z', 'w'].map((id, order) => bookmark(`bookmark_${id}`, g, order))
    await store.applyRemote((draft) => {
      replaceWithServer(draft, {
        spaces: Object.values(data.spaces),
        groups: Object.values(data.groups),
        bookmarks: [...server, bookmark('bookmark_t', store.state.groups[tools.id] as typeof g, 0)]
      })
      applyMutation(
        draft,
        { op: 'move', entity: 'bookmark', data: { id: 'bookmark_t', groupId: docs.id, position: 'z0' } },
        'now'
      )
    })
    expect(store.state.bookmarks.bookmark_t).toMatchObject({ groupId: docs.id, position: 'z0' })
    expect(store.archivedBookmarks()).toBe(0)
    expectIndexed(store)
    // The stored copy agrees (the cache answers the same lookups from its own records).
    expect(places((await loadData('local')) as DataState)).toEqual(places(store.snapshot()))
  })

  it('follows a reload after another tab’s change', async () => {
    const { store, docs, tools, marks } = await seeded()
    const other = createDataStore()
    await other.load()
    expectIndexed(other)
    await moveBookmark(store, (marks[0] as Bookmark).id, tools.id)
    await store.saved()
    await vi.waitFor(() => expect(other.groupBookmarks(tools.id)).toHaveLength(1))
    expect(other.groupBookmarks(docs.id)).toHaveLength(2)
    expectIndexed(other)
    // The unchanged bookmarks are the objects the tab had, so none of their tiles is rebuilt.
    expect(other.snapshot().bookmarks[(marks[1] as Bookmark).id]).toBe(
      other.groupBookmarks(docs.id).find((b) => b.id === (marks[1] as Bookmark).id)
    )
  })

  it('lands moves, reorders and deletes as a scan of the whole table would, in memory and stored', async () => {
    const { store, docs, tools, reading, marks } = await seeded()
    const before = structuredClone(store.snapshot())
    const [mdn, solid, vite] = (marks as Bookmark[]).map((b) => b.id) as [string, string, string]
    const changes: MutationInput[] = [
      { op: 'move', entity: 'bookmark', data: { id: mdn, groupId: tools.id, position: 'a5' } },
      { op: 'move', entity: 'bookmark', data: { id: vite, groupId: tools.id, position: 'a3' } },
      { op: 'move', entity: 'bookmark', data: { id: mdn, groupId: tools.id, position: 'a1' } },
      { op: 'move', entity: 'group', data: { id: docs.id, spaceId: reading.spaceId, position: 'a9' } },
      { op: 'move', entity: 'bookmark', data: { id: solid, groupId: reading.id, position: 'Zz' } },
      { op: 'delete', entity: 'group', data: { id: tools.id } }
    ]
    await store.mutate(changes)
    // The same changes on a plain copy, which has no index: every list is found by scanning.
    for (const m of changes) applyMutation(before, m, 'now')
    expect(places(store.snapshot())).toEqual(places(before))
    expectIndexed(store)
    const reopened = createDataStore()
    await reopened.load()
    expect(places(reopened.snapshot())).toEqual(places(before))
    expectIndexed(reopened)
  })

  it('is rebuilt with the data when a store loads another account', async () => {
    const { store } = await seeded()
    await store.load('user_2')
    expect(Object.keys(store.snapshot().bookmarks)).toEqual([])
    expectIndexed(store)
    const s = space('space_2')
    const g = group('group_2', s.id)
    await store.applyRemote((draft) => {
      upsertEntity(draft, 'space', s)
      upsertEntity(draft, 'group', g)
      upsertEntity(draft, 'bookmark', bookmark('bookmark_2', g))
    })
    await store.load('local')
    expect(store.groupBookmarks(g.id)).toEqual([])
    expectIndexed(store)
  })
})
