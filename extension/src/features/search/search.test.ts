import { describe, expect, it } from 'vitest'
import { bookmark, group, space } from '../../../test/fixtures'
import { emptyState } from '../../store/types'
import { highlight, searchLibrary } from './search'

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
