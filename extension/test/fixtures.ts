// Small builders for entities in tests.
import { rankPosition } from '../../model/position'
import type { Bookmark, Group, Space } from '../src/store/types'

/** A place in a list: a rank (0 first) as its rank key, or a key as is. */
type Place = number | string
const key = (place: Place) => (typeof place === 'number' ? rankPosition(place) : place)

const at = '2026-01-01T00:00:00.000Z'

export const space = (id: string, place: Place = 0, extra: Partial<Space> = {}): Space => ({
  id,
  name: id,
  icon: '📁',
  color: null,
  position: key(place),
  isArchived: false,
  createdAt: at,
  updatedAt: at,
  ...extra
})

export const group = (id: string, spaceId: string, place: Place = 0, extra: Partial<Group> = {}): Group => ({
  id,
  spaceId,
  name: id,
  icon: null,
  position: key(place),
  isArchived: false,
  createdAt: at,
  updatedAt: at,
  ...extra
})

export const bookmark = (
  id: string,
  g: Group,
  place: Place = 0,
  extra: Partial<Bookmark> = {}
): Bookmark => ({
  id,
  spaceId: g.spaceId,
  groupId: g.id,
  title: id,
  url: `https://${id}.example.com/`,
  faviconUrl: null,
  description: null,
  tags: [],
  position: key(place),
  isPinned: false,
  isArchived: false,
  createdAt: at,
  updatedAt: at,
  ...extra
})
