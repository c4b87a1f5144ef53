// Small builders for entities in tests.
import type { Bookmark, Group, Space } from '../src/store/types'

const at = '2026-01-01T00:00:00.000Z'

export const space = (id: string, order = 0, extra: Partial<Space> = {}): Space => ({
  id,
  name: id,
  icon: '📁',
  color: null,
  order,
  isArchived: false,
  createdAt: at,
  updatedAt: at,
  ...extra
})

export const group = (id: string, spaceId: string, order = 0, extra: Partial<Group> = {}): Group => ({
  id,
  spaceId,
  name: id,
  icon: null,
  order,
  isArchived: false,
  createdAt: at,
  updatedAt: at,
  ...extra
})

export const bookmark = (id: string, g: Group, order = 0, extra: Partial<Bookmark> = {}): Bookmark => ({
  id,
  spaceId: g.spaceId,
  groupId: g.id,
  title: id,
  url: `https://${id}.example.com/`,
  faviconUrl: null,
  description: null,
  tags: [],
  order,
  isPinned: false,
  isArchived: false,
  createdAt: at,
  updatedAt: at,
  ...extra
})
