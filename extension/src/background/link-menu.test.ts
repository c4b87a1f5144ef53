// The "Save link to…" menu: recent groups first, the default group last when it is not among them, gone ones skipped.
import { describe, expect, it } from 'vitest'
import { group, space } from '../../test/fixtures'
import { type DataState, emptyState } from '../store/types'
import { groupOfMenuId, linkMenuId, menuItems } from './link-menu'

function library(): DataState {
  const data = emptyState()
  data.spaces = {
    work: space('work', 0, { name: 'Work' }),
    home: space('home', 1, { name: 'Home' }),
    old: space('old', 2, { name: 'Old', isArchived: true })
  }
  const groups = [
    group('docs', 'work', 0, { name: 'Docs' }),
    group('specs', 'work', 1, { name: 'Specs' }),
    group('past', 'work', 2, { name: 'Past', isArchived: true }),
    group('recipes', 'home', 0, { name: 'Recipes' }),
    group('travel', 'home', 1, { name: 'Travel' }),
    group('music', 'home', 2, { name: 'Music' }),
    group('films', 'home', 3, { name: 'Films' }),
    group('attic', 'old', 0, { name: 'Attic' })
  ]
  data.groups = Object.fromEntries(groups.map((g) => [g.id, g]))
  return data
}

const links = (items: ReturnType<typeof menuItems>) =>
  items.filter((i) => i.parentId === 'save-link').map((i) => i.title)

describe('the Save link to… menu', () => {
  it('is one plain item saving to the default group while no save has gone anywhere', () => {
    expect(menuItems(library(), [], { groupId: 'docs' })).toEqual([
      { id: 'save-page', title: 'Save page to Bookmarks Index', contexts: ['page'] },
      { id: 'save-link', title: 'Save link to Bookmarks Index', contexts: ['link'] }
    ])
  })

  it('lists the recent groups, most recent first, as "Space › Group", then the default group when absent', () => {
    const items = menuItems(library(), ['travel', 'specs'], { groupId: 'docs' })
    expect(items.find((i) => i.id === 'save-link')).toEqual({
      id: 'save-link',
      title: 'Save link to…',
      contexts: ['link']
    })
    expect(links(items)).toEqual(['Home › Travel', 'Work › Specs', 'Work › Docs'])
    expect(items.filter((i) => i.parentId).map((i) => i.id)).toEqual([
      'save-link:travel',
      'save-link:specs',
      'save-link:docs'
    ])
    // The default among the recent groups is not listed twice.
    expect(links(menuItems(library(), ['docs', 'travel'], { groupId: 'docs' }))).toEqual([
      'Work › Docs',
      'Home › Travel'
    ])
  })

  it('shows at most five recent groups and skips deleted and archived ones', () => {
    const recent = ['gone', 'past', 'attic', 'films', 'music', 'travel', 'recipes', 'specs', 'docs']
    expect(links(menuItems(library(), recent, { groupId: 'docs' }))).toEqual([
      'Home › Films',
      'Home › Music',
      'Home › Travel',
      'Home › Recipes',
      'Work › Specs',
      'Work › Docs'
    ])
    // Only gone groups: the plain item again.
    expect(menuItems(library(), ['gone', 'past'], { groupId: 'docs' }).map((i) => i.id)).toEqual([
      'save-page',
      'save-link'
    ])
  })

  it('falls back to the first group when the default is gone, and names groups by stable ids', () => {
    expect(links(menuItems(library(), ['travel'], { groupId: 'gone' }))).toEqual([
      'Home › Travel',
      'Work › Docs'
    ])
    expect(groupOfMenuId(linkMenuId('group_a:b'))).toBe('group_a:b')
    expect(groupOfMenuId('save-link')).toBeUndefined()
    expect(groupOfMenuId('save-page')).toBeUndefined()
    expect(groupOfMenuId(7)).toBeUndefined()
  })
})
