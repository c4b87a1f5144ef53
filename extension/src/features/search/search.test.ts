import { describe, expect, it } from 'vitest'
import { bookmark, group, space } from '../../../test/fixtures'
import {
  createBookmark,
  createGroup,
  createSpace,
  moveBookmark,
  remove,
  updateBookmark
} from '../../store/actions'
import { createDataStore } from '../../store/data-store'
import { replaceWithServer } from '../../store/sync/apply-remote'
import { type Bookmark, emptyState } from '../../store/types'
import { highlight, SearchIndex, searchIndexOf, searchLibrary } from './search'

const searchBookmarks = (state: Parameters<typeof searchLibrary>[0], query: string) =>
  searchLibrary(state, query).hits.flatMap((h) => (h.kind === 'bookmark' ? [{ bookmark: h.bookmark }] : []))

describe('searchBookmarks', () => {
  const g = group('group_1', 'space_1')
  const state = emptyState()
  state.bookmarks = {
    a: bookmark('a', g, 0, { title: 'Solid docs', url: 'https://docs.solidjs.com/' }),
    b: bookmark('b', g, 1, { title: 'Router', url: 'https://github.com/solidjs/solid-router' }),
    c: bookmark('c', g, 2, { title: 'Recipes', url: 'https://cook.example/', description: 'soup and bread' }),
    d: bookmark('d', g, 3, { title: 'Tokio', url: 'https://tokio.rs/', tags: ['Rust', 'async io'] })
  }

  it('matches titles, addresses and descriptions, best title matches first', () => {
    expect(searchBookmarks(state, 'solid').map((h) => h.bookmark.id)).toEqual(['a', 'b'])
    expect(searchBookmarks(state, 'bread').map((h) => h.bookmark.id)).toEqual(['c'])
  })
  it('matches #tag against tags only, from their start, and plain words inside tags', () => {
    expect(searchBookmarks(state, '#rust').map((h) => h.bookmark.id)).toEqual(['d'])
    expect(searchBookmarks(state, '#ru').map((h) => h.bookmark.id)).toEqual(['d'])
    expect(searchBookmarks(state, '#tokio')).toEqual([])
    expect(searchBookmarks(state, 'async').map((h) => h.bookmark.id)).toEqual(['d'])
    expect(searchBookmarks(state, '#rust tokio').map((h) => h.bookmark.id)).toEqual(['d'])
  })
  it('needs every word to match', () => {
    expect(searchBookmarks(state, 'solid router').map((h) => h.bookmark.id)).toEqual(['b'])
    expect(searchBookmarks(state, '')).toEqual([])
  })

  it('finds spaces and groups by name, a group also by its space’s name', () => {
    const withNames = { ...state, spaces: { space_1: space('space_1', 0, { name: 'Work' }) } }
    withNames.groups = { group_1: { ...g, name: 'Rust reading' } }
    const found = (q: string) =>
      searchLibrary(withNames, q).hits.map(
        (h) =>
          `${h.kind}:${h.kind === 'bookmark' ? h.bookmark.id : h.kind === 'group' ? h.group.name : h.space.name}`
      )
    expect(found('work')).toEqual(['space:Work'])
    expect(found('work rust')).toEqual(['group:Rust reading'])
    expect(found('rust')).toEqual(['group:Rust reading', 'bookmark:d'])
  })
  it('says how many matched beyond what it lists', () => {
    const many = emptyState()
    for (let i = 0; i < 120; i++) many.bookmarks[`b${i}`] = bookmark(`b${i}`, g, i, { title: `Page ${i}` })
    expect(searchLibrary(many, 'page')).toMatchObject({ total: 120, hits: { length: 50 } })
  })
  it('marks each word found, case aside', () => {
    expect(highlight('Solid Router docs', ['router', 'so'])).toEqual([
      { text: 'So', match: true },
      { text: 'lid ', match: false },
      { text: 'Router', match: true },
      { text: ' docs', match: false }
    ])
  })
})

describe('the search index', () => {
  const g = group('group_1', 'space_1')
  const h = group('group_2', 'space_1')
  const library = () => {
    const state = emptyState()
    state.spaces = { space_1: space('space_1', 0, { name: 'Work' }) }
    state.groups = { group_1: { ...g, name: 'Docs' }, group_2: { ...h, name: 'Tools' } }
    const words = ['alpha', 'beta', 'gamma', 'delta']
    for (let i = 0; i < 300; i++) {
      const b = bookmark(`bookmark_${i}`, i % 2 ? g : h, i, {
        // Repeated titles too: results tie on score and title.
        title: `${words[i % 4]} page ${i % 40}`,
        url: `https://site${i % 13}.example.com/${words[(i + 1) % 4]}`,
        tags: i % 5 === 0 ? ['Docs', `tag${i % 3}`] : [],
        description: i % 7 === 0 ? `notes on ${words[(i + 2) % 4]}` : null,
        isPinned: i % 11 === 0,
        isArchived: i % 17 === 0
      })
      state.bookmarks[b.id] = b
    }
    return state
  }
  const queries = [
    'a',
    'al',
    'alpha',
    'alpha ',
    'alpha p',
    'alpha page 1',
    'page',
    'docs',
    '#t',
    '#tag1',
    'site3'
  ]
  const listed = (result: ReturnType<typeof searchLibrary>) => ({
    total: result.total,
    hits: result.hits.map((hit) =>
      hit.kind === 'bookmark' ? hit.bookmark.id : hit.kind === 'group' ? hit.group.id : hit.space.id
    )
  })

  it('lists the best by score, then title, as sorting every match would', () => {
    const state = library()
    const index = new SearchIndex(state.bookmarks)
    for (const query of queries) {
      const all = index.search(state, query, Number.POSITIVE_INFINITY)
      const best = index.search(state, query)
      expect(best.total, query).toBe(all.total)
      expect(all.hits.length, query).toBe(all.total)
      expect(best.hits, query).toEqual(all.hits.slice(0, 50))
      const label = (hit: (typeof all.hits)[number]) =>
        hit.kind === 'bookmark' ? hit.bookmark.title : hit.kind === 'group' ? hit.group.name : hit.space.name
      all.hits.slice(1).forEach((hit, i) => {
        const before = all.hits[i] as typeof hit
        expect(
          before.score > hit.score ||
            (before.score === hit.score && label(before).localeCompare(label(hit)) <= 0)
        ).toBe(true)
      })
    }
  })

  it('answers as a fresh one while typing on, backspacing and starting over', () => {
    const state = library()
    const index = new SearchIndex(state.bookmarks)
    const typed = 'alpha page 12'
    const steps = [...typed].map((_, i) => typed.slice(0, i + 1))
    for (const query of [...steps, ...steps.reverse(), '#', '#t', '#ta', 'beta #tag0', 'beta #tag'])
      expect(listed(index.search(state, query)), query).toEqual(listed(searchLibrary(state, query)))
  })

  it('follows the store’s changes: creates, renames, pins, archives, moves, deletes and server replacements', async () => {
    const store = createDataStore()
    await store.load()
    const work = createSpace(store, { name: 'Work', icon: '💼', color: null })
    const docs = createGroup(store, work.id, { name: 'Docs', icon: null })
    const tools = createGroup(store, work.id, { name: 'Tools', icon: null })
    const made = ['Solid docs', 'Solid router', 'Vite guide', 'Router basics', 'Solid docs'].map(
      (title, i) =>
        createBookmark(store, i % 2 ? tools.id : docs.id, { title, url: `https://s${i}.dev/` }) as Bookmark
    )
    const index = searchIndexOf(store)
    // With a short list too, where which few make the cut depends on the index's order.
    const agrees = () => {
      for (const query of ['solid', 'sol', 'router', 'r', 'guide', 'docs', 's'])
        for (const limit of [2, 50])
          expect(listed(index.search(store.snapshot(), query, limit)), query).toEqual(
            listed(searchLibrary(store.snapshot(), query, limit))
          )
    }
    agrees()
    const [first, second, third] = made as [Bookmark, Bookmark, Bookmark]
    updateBookmark(store, first.id, { title: 'Solid zebra' })
    agrees()
    updateBookmark(store, second.id, { isPinned: true })
    updateBookmark(store, third.id, { isArchived: true })
    agrees()
    createBookmark(store, docs.id, { title: 'Solid start', url: 'https://start.solidjs.com/' })
    await moveBookmark(store, second.id, docs.id)
    agrees()
    remove(store, 'bookmark', third.id)
    remove(store, 'group', tools.id)
    agrees()
    const data = store.snapshot()
    await store.applyRemote((draft) =>
      replaceWithServer(draft, {
        spaces: Object.values(data.spaces),
        groups: Object.values(data.groups),
        bookmarks: [bookmark('bookmark_s', docs, 0, { title: 'Solid from the server' })]
      })
    )
    agrees()
    expect(listed(index.search(store.snapshot(), 'solid')).hits).toEqual(['bookmark_s'])
    // The same index, not a new one for each search.
    expect(searchIndexOf(store)).toBe(index)
    await store.saved()
  })
})
