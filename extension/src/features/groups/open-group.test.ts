// A space's colour becomes the nearest of Chrome's tab-group colours; a group opens in the order its tiles show.
import { describe, expect, it } from 'vitest'
import { bookmark, group } from '../../../test/fixtures'
import { emptyState } from '../../store/types'
import { groupUrls, tabGroupColor } from './open-group'

describe('opening a group as tabs', () => {
  it('maps a space colour to the nearest tab-group colour, grey without one', () => {
    expect(tabGroupColor('#3b82f6')).toBe('blue')
    expect(tabGroupColor('#d92d20')).toBe('red')
    expect(tabGroupColor('#039855')).toBe('green')
    expect(tabGroupColor('#777777')).toBe('grey')
    expect(tabGroupColor(null)).toBe('grey')
  })
  it('opens the visible bookmarks, pinned first, archived left out', () => {
    const g = group('group_1', 'space_1')
    const state = emptyState()
    state.bookmarks = {
      a: bookmark('a', g, 0),
      b: bookmark('b', g, 1, { isPinned: true }),
      c: bookmark('c', g, 2, { isArchived: true })
    }
    expect(groupUrls(state, 'group_1')).toEqual(['https://b.example.com/', 'https://a.example.com/'])
  })
})
