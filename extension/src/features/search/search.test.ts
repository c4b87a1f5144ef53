import { describe, expect, it } from 'vitest'
import { bookmark, group } from '../../../test/fixtures'
import { emptyState } from '../../store/types'
import { searchBookmarks } from './search'

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
})
