import { describe, expect, it } from 'vitest'
import { createGroup, createSpace, newBookmark } from '../../store/actions'
import { loadData, loadOutbox } from '../../store/cache'
import { createDataStore, type DataStore } from '../../store/data-store'
import type { Bookmark, Group } from '../../store/types'
import { defaultKeep, findDuplicates } from './find-duplicates'
import { mergeDuplicates } from './merge-duplicates'

/** A signed-in store (so that changes reach the outbox) with two groups in two spaces. */
async function library() {
  const store = createDataStore()
  await store.load('user_1')
  const work = createSpace(store, { name: 'Work', icon: '💼', color: null })
  const home = createSpace(store, { name: 'Home', icon: '🏠', color: null })
  const docs = createGroup(store, work.id, { name: 'Docs', icon: null })
  const read = createGroup(store, home.id, { name: 'Read', icon: null })
  return { store, docs, read }
}

let day = 1
/** Saves bookmarks in one batch, each a day after the last, so that "oldest" is well defined. */
async function save(store: DataStore, group: Group, list: Partial<Bookmark>[]): Promise<Bookmark[]> {
  const made = list.map((fields) => {
    const at = `2026-01-${String(day++).padStart(2, '0')}T00:00:00.000Z`
    return {
      ...newBookmark(store.state, group, { title: fields.title ?? 'Untitled', url: fields.url ?? '' }),
      ...fields,
      createdAt: at,
      updatedAt: at
    }
  })
  await store.mutate(made.map((data) => ({ op: 'create' as const, entity: 'bookmark' as const, data })))
  return made
}

const urlsOf = (store: DataStore) =>
  findDuplicates(store.snapshot()).map((set) => set.bookmarks.map((b) => b.url))

describe('findDuplicates', () => {
  it('groups links the way imports match them: scheme, www, host case, trailing slash and utm_ ignored', async () => {
    const { store, docs, read } = await library()
    await save(store, docs, [
      { url: 'https://example.com/guide' },
      { url: 'http://www.Example.COM/guide/' },
      { url: 'https://example.com/guide?utm_source=news&utm_medium=mail' },
      { url: 'https://example.com/Guide' },
      { url: 'https://other.example/' },
      { url: 'https://example.com/guide?page=2' }
    ])
    await save(store, read, [{ url: 'https://other.example' }, { url: 'https://solo.example/' }])
    expect(urlsOf(store)).toEqual([
      [
        'https://example.com/guide',
        'http://www.Example.COM/guide/',
        'https://example.com/guide?utm_source=news&utm_medium=mail'
      ],
      ['https://other.example/', 'https://other.example']
    ])
  })

  it('lists the biggest sets first and each set oldest first, archived copies included', async () => {
    const { store, docs, read } = await library()
    await save(store, docs, [{ url: 'https://a.example/' }, { url: 'https://b.example/', isArchived: true }])
    await save(store, read, [
      { url: 'https://b.example/' },
      { url: 'https://a.example/' },
      { url: 'https://b.example/' }
    ])
    const sets = findDuplicates(store.snapshot())
    expect(sets.map((s) => [s.key, s.bookmarks.length])).toEqual([
      ['https://b.example', 3],
      ['https://a.example', 2]
    ])
    const dates = sets[0]?.bookmarks.map((b) => b.createdAt) ?? []
    expect(dates).toEqual([...dates].sort())
    // The archived copy is the oldest of its set, but the oldest one still on the person's pages is kept.
    const [b] = sets
    expect(b?.bookmarks[0]?.isArchived).toBe(true)
    expect(b && defaultKeep(b)).toBe(b?.bookmarks[1])
  })

  it('finds nothing when every link is saved once', async () => {
    const { store, docs } = await library()
    await save(store, docs, [{ url: 'https://a.example/' }, { url: 'https://b.example/' }])
    expect(findDuplicates(store.snapshot())).toEqual([])
  })
})

describe('mergeDuplicates', () => {
  it('keeps the chosen copy with every copy’s tags and a note it lacked, deletes the others, in one batch', async () => {
    const { store, docs, read } = await library()
    const [old, , other] = await save(store, docs, [
      { url: 'https://mdn.example/', title: 'MDN', tags: ['web'] },
      { url: 'https://solo.example/' },
      { url: 'http://mdn.example', title: 'MDN copy', tags: ['Web', 'docs'], description: 'Start here' }
    ])
    const [third] = await save(store, read, [{ url: 'https://www.mdn.example/', tags: ['reference'] }])
    if (!old || !other || !third) throw new Error('not saved')
    await store.saved()
    const before = (await loadOutbox('user_1')).length

    const undo = mergeDuplicates(store, [{ keepId: old.id, ids: [old.id, other.id, third.id] }])
    expect(undo).toBeTypeOf('function')
    const left = Object.values(store.snapshot().bookmarks)
    expect(left.map((b) => b.url).sort()).toEqual(['https://mdn.example/', 'https://solo.example/'])
    expect(store.state.bookmarks[old.id]).toMatchObject({
      title: 'MDN',
      groupId: docs.id,
      tags: ['web', 'docs', 'reference'],
      description: 'Start here'
    })
    await store.saved()
    // Through the mutation path, so it syncs like any change: one update and the deletes, stored and queued.
    const queued = (await loadOutbox('user_1')).slice(before)
    expect(queued.map((m) => `${m.op} ${m.entity} ${'id' in m.data ? m.data.id : ''}`)).toEqual([
      `update bookmark ${old.id}`,
      `delete bookmark ${other.id}`,
      `delete bookmark ${third.id}`
    ])
    expect(queued[0]?.data).toEqual({
      id: old.id,
      tags: ['web', 'docs', 'reference'],
      description: 'Start here'
    })
    const stored = await loadData('user_1')
    expect(Object.keys(stored?.bookmarks ?? {})).toHaveLength(2)
    expect(findDuplicates(store.snapshot())).toEqual([])
  })

  it('keeps the kept copy’s own note, and merges nothing for a set whose copies are gone', async () => {
    const { store, docs } = await library()
    const [a, b] = await save(store, docs, [
      { url: 'https://a.example/', description: 'Mine', tags: ['x'] },
      { url: 'https://a.example', description: 'Theirs', tags: ['x'] }
    ])
    if (!a || !b) throw new Error('not saved')
    mergeDuplicates(store, [{ keepId: b.id, ids: [a.id, b.id] }])
    expect(store.state.bookmarks[b.id]).toMatchObject({ description: 'Theirs', tags: ['x'] })
    expect(store.state.bookmarks[a.id]).toBeUndefined()
    expect(mergeDuplicates(store, [{ keepId: b.id, ids: [a.id, b.id] }])).toBeUndefined()
  })

  it('undoes in one step: every deleted copy back where it was, the kept one’s tags and note as they were', async () => {
    const { store, docs, read } = await library()
    const [kept, copy] = await save(store, docs, [
      { url: 'https://a.example/', title: 'A', tags: ['one'] },
      { url: 'https://a.example/?utm_campaign=x', title: 'A again', tags: ['two'], description: 'Note' }
    ])
    const [archived] = await save(store, read, [
      { url: 'http://a.example', title: 'Old A', isArchived: true }
    ])
    if (!kept || !copy || !archived) throw new Error('not saved')
    const undo = mergeDuplicates(store, [{ keepId: kept.id, ids: [kept.id, copy.id, archived.id] }])
    expect(Object.keys(store.snapshot().bookmarks)).toEqual([kept.id])
    undo?.()
    await store.saved()

    const shape = (b: Bookmark) => [
      b.title,
      b.url,
      b.groupId,
      b.tags,
      b.description,
      b.isArchived,
      b.createdAt
    ]
    const all = Object.values(store.snapshot().bookmarks)
    expect(all.map(shape).sort()).toEqual([kept, copy, archived].map(shape).sort())
    expect(findDuplicates(store.snapshot())[0]?.bookmarks).toHaveLength(3)
    // Saved too: a new tab (a fresh store on the same IndexedDB) reads them back.
    const fresh = createDataStore()
    await fresh.load('user_1')
    expect(Object.values(fresh.snapshot().bookmarks).map(shape).sort()).toEqual(all.map(shape).sort())
    // The restore went through the outbox as well: the copies re-created, the archived one archived again.
    const outbox = await loadOutbox('user_1')
    expect(outbox.slice(-4).map((m) => `${m.op} ${m.entity}`)).toEqual([
      'create bookmark',
      'create bookmark',
      'update bookmark',
      'update bookmark'
    ])
  })

  it('merges every set at once and undoes them all at once', async () => {
    const { store, docs, read } = await library()
    await save(store, docs, [
      { url: 'https://a.example/', tags: ['a1'] },
      { url: 'https://b.example/' },
      { url: 'https://c.example/' }
    ])
    await save(store, read, [
      { url: 'https://a.example', tags: ['a2'] },
      { url: 'https://b.example' },
      { url: 'https://b.example/#top' }
    ])
    const sets = findDuplicates(store.snapshot())
    expect(sets).toHaveLength(2)
    const undo = mergeDuplicates(
      store,
      sets.map((set) => ({ keepId: defaultKeep(set).id, ids: set.bookmarks.map((b) => b.id) }))
    )
    expect(findDuplicates(store.snapshot())).toEqual([])
    const urls = Object.values(store.snapshot().bookmarks).map((b) => b.url)
    expect(urls.sort()).toEqual(['https://a.example/', 'https://b.example/', 'https://c.example/'])
    expect(
      Object.values(store.snapshot().bookmarks).find((b) => b.url === 'https://a.example/')?.tags
    ).toEqual(['a1', 'a2'])
    undo?.()
    expect(urlsOf(store)).toEqual([
      ['https://b.example/', 'https://b.example', 'https://b.example/#top'],
      ['https://a.example/', 'https://a.example']
    ])
  })
})
