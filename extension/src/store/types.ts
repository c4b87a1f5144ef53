// Entity and mutation shapes shared by the store, the cache and (later) the sync engine; they mirror the API.

export type Space = {
  id: string
  name: string
  icon: string
  color: string | null
  order: number
  isArchived: boolean
  createdAt: string
  updatedAt: string
}

export type Group = {
  id: string
  spaceId: string
  name: string
  icon: string | null
  order: number
  isArchived: boolean
  createdAt: string
  updatedAt: string
}

export type Bookmark = {
  id: string
  spaceId: string
  groupId: string
  title: string
  url: string
  faviconUrl: string | null
  description: string | null
  order: number
  isPinned: boolean
  isArchived: boolean
  createdAt: string
  updatedAt: string
}

export type EntityName = 'space' | 'group' | 'bookmark'

export type EntityOf = { space: Space; group: Group; bookmark: Bookmark }

export type DataState = {
  spaces: Record<string, Space>
  groups: Record<string, Group>
  bookmarks: Record<string, Bookmark>
}

type Patch<T extends { id: string }> = { id: string } & Partial<Omit<T, 'id' | 'createdAt' | 'updatedAt'>>

export type ReorderData = { parentId: string | null; orderedIds: string[] }

export type MutationInput =
  | { op: 'create'; entity: 'space'; data: Space }
  | { op: 'create'; entity: 'group'; data: Group }
  | { op: 'create'; entity: 'bookmark'; data: Bookmark }
  | { op: 'update'; entity: 'space'; data: Patch<Space> }
  | { op: 'update'; entity: 'group'; data: Patch<Group> }
  | { op: 'update'; entity: 'bookmark'; data: Patch<Bookmark> }
  | { op: 'delete'; entity: EntityName; data: { id: string } }
  | { op: 'reorder'; entity: EntityName; data: ReorderData }
  | { op: 'move'; entity: 'group'; data: { id: string; spaceId: string; index?: number } }
  | { op: 'move'; entity: 'bookmark'; data: { id: string; groupId: string; index?: number } }

/** A mutation as recorded in the outbox, in the shape the sync push API accepts. */
export type Mutation = MutationInput & { mutationId: string }

/**
 * Bookmarks live in a table Solid's store treats as opaque (not a plain object, so never proxied): the store
 * would otherwise walk all of them on every load, tens of milliseconds for 5,000. Entities in it are replaced,
 * never mutated, and the store's version signal announces each change.
 */
class OpaqueTable {}
export function opaqueTable<T>(table: Record<string, T>): Record<string, T> {
  return Object.setPrototypeOf(table, OpaqueTable.prototype) as Record<string, T>
}

export const emptyState = (): DataState => ({ spaces: {}, groups: {}, bookmarks: opaqueTable({}) })

/** Gives plain data (parsed JSON, a cached view) the store's shape. */
export const asState = (data: DataState): DataState => ({
  spaces: data.spaces,
  groups: data.groups,
  bookmarks: opaqueTable(data.bookmarks)
})
