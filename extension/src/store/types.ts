// Store and mutation shapes of the extension; the entities themselves come from model/entities.ts, as the API's do.
import { createDefaults } from '../../../model/defaults'
import type { Bookmark, EntityKind, Group, Space } from '../../../model/entities'
import { tableKeysFromOrders } from './legacy-order'

export type { Bookmark, EntityOf, Group, Space } from '../../../model/entities'
export type EntityName = EntityKind

export type DataState = {
  spaces: Record<string, Space>
  groups: Record<string, Group>
  bookmarks: Record<string, Bookmark>
}

/**
 * What the mutation rules (apply.ts) edit: the data and, where its holder keeps one, a lookup of one group's
 * bookmarks (archived ones too) that stays right while the draft changes, so that a move, a reorder or a group's
 * delete reads that group instead of every bookmark.
 */
export type Draft = DataState & { bookmarksIn?: (groupId: string) => Bookmark[] }

type Patch<T extends { id: string }> = { id: string } & Partial<Omit<T, 'id' | 'createdAt' | 'updatedAt'>>

export type MutationInput =
  | { op: 'create'; entity: 'space'; data: Space }
  | { op: 'create'; entity: 'group'; data: Group }
  | { op: 'create'; entity: 'bookmark'; data: Bookmark }
  | { op: 'update'; entity: 'space'; data: Patch<Space> }
  | { op: 'update'; entity: 'group'; data: Patch<Group> }
  | { op: 'update'; entity: 'bookmark'; data: Patch<Bookmark> }
  | { op: 'delete'; entity: EntityName; data: { id: string } }
  // A move carries the row's new position key, made between its new neighbours (model/rules.ts): only it changes.
  | { op: 'move'; entity: 'space'; data: { id: string; position: string } }
  | { op: 'move'; entity: 'group'; data: { id: string; spaceId: string; position: string } }
  | { op: 'move'; entity: 'bookmark'; data: { id: string; groupId: string; position: string } }

/** A mutation as recorded in the outbox, in the shape the sync push API accepts. */
export type Mutation = MutationInput & { mutationId: string }

/**
 * Bookmarks live in a table Solid's store treats as opaque (not a plain object, so never proxied): the store
 * would otherwise walk all of them on every load, tens of milliseconds for 5,000. Entities in it are replaced,
 * never mutated, and the store's version signal announces each change (its bookmark index hears of each one).
 */
class OpaqueTable {}
export function opaqueTable<T>(table: Record<string, T>): Record<string, T> {
  return Object.setPrototypeOf(table, OpaqueTable.prototype) as Record<string, T>
}

export const emptyState = (): DataState => ({ spaces: {}, groups: {}, bookmarks: opaqueTable({}) })

/** Entities an older version stored lack the fields added since: those get their defaults (model/defaults.ts). */
function fillDefaults<T extends object>(table: Record<string, T>, defaults: object): Record<string, T> {
  const keys = Object.keys(defaults)
  for (const [id, item] of Object.entries(table)) {
    if (keys.some((key) => !(key in item))) table[id] = { ...defaults, ...item }
  }
  return table
}

/** Gives plain data (parsed JSON, a cached view) the store's shape. */
export const asState = (data: DataState): DataState => ({
  spaces: fillDefaults(
    tableKeysFromOrders(data.spaces, () => ''),
    createDefaults.space
  ),
  groups: fillDefaults(
    tableKeysFromOrders(data.groups, (g) => g.spaceId),
    createDefaults.group
  ),
  bookmarks: opaqueTable(
    fillDefaults(
      tableKeysFromOrders(data.bookmarks, (b) => b.groupId),
      createDefaults.bookmark
    )
  )
})
