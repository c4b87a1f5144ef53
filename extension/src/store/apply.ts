// Applies a mutation to a mutable state draft. Pure of I/O so that the local mutation path (inside Solid's
// `produce`) and the sync engine (server changes and tombstones) share exactly the same rules.
// Changed entities are replaced by new objects, never edited in place: lists re-render an item when its
// object changes, and the opaque bookmark table has no per-field signals.
import { carriedByGroupMove, cascade } from '../../../model/rules'
import type { Bookmark, DataState, Draft, EntityName, EntityOf, Group, MutationInput, Space } from './types'

const collection = { space: 'spaces', group: 'groups', bookmark: 'bookmarks' } as const

type AnyEntity = Space | Group | Bookmark

const tableOf = (draft: DataState, entity: EntityName) =>
  draft[collection[entity]] as Record<string, AnyEntity>

function patch(table: Record<string, AnyEntity>, id: string, fields: Partial<AnyEntity>, at: string): void {
  const item = table[id]
  if (item) table[id] = { ...item, ...fields, updatedAt: at } as AnyEntity
}

/** The entities of `kind` whose `field` is `id`; a group's bookmarks through the draft's lookup when it has one. */
function childrenOf(
  draft: Draft,
  kind: EntityName,
  field: 'spaceId' | 'groupId',
  id: string | null
): AnyEntity[] {
  if (kind === 'bookmark' && field === 'groupId' && id !== null && draft.bookmarksIn)
    return draft.bookmarksIn(id)
  return Object.values(tableOf(draft, kind)).filter((item) => (item as Record<string, unknown>)[field] === id)
}

/** Inserts or replaces one entity, as a server change does. */
export function upsertEntity<E extends EntityName>(draft: DataState, entity: E, data: EntityOf[E]): void {
  tableOf(draft, entity)[data.id] = { ...data }
}

/** Removes one entity and everything under it (model/rules.ts `cascade`), as a delete or a tombstone does. */
export function removeEntity(draft: Draft, entity: EntityName, id: string): void {
  for (const [kind, field] of cascade[entity]) {
    const table = tableOf(draft, kind)
    for (const item of childrenOf(draft, kind, field, id)) delete table[item.id]
  }
  delete tableOf(draft, entity)[id]
}

/** A group moved to another space takes its bookmarks along (their spaceId). */
function carryBookmarks(draft: Draft, groupId: string, spaceId: string, at: string) {
  const { kind, by, field } = carriedByGroupMove
  const table = tableOf(draft, kind)
  for (const b of childrenOf(draft, kind, by, groupId)) patch(table, b.id, { [field]: spaceId }, at)
}

/**
 * Moves an entity to `parentId` at its new key: the one row changes (and a group's bookmarks follow it). A move
 * saved by an older version has no key (legacy-order.ts): it keeps its place here until the server's comes.
 */
function move(
  draft: Draft,
  entity: 'group' | 'bookmark',
  id: string,
  parentId: string,
  key: string,
  at: string
) {
  const table = tableOf(draft, entity)
  if (!table[id]) return
  const position = key === undefined ? {} : { position: key }
  if (entity === 'group') {
    const from = (table[id] as Group).spaceId
    patch(table, id, { spaceId: parentId, ...position }, at)
    // Only a move to another space changes its bookmarks (their spaceId), here as on the server: stamping them on
    // a move within the space left this device's copies newer than the server's for good.
    if (from !== parentId) carryBookmarks(draft, id, parentId, at)
  } else {
    patch(table, id, { groupId: parentId, spaceId: draft.groups[parentId]?.spaceId, ...position }, at)
  }
}

export function applyMutation(draft: Draft, m: MutationInput, at: string): void {
  switch (m.op) {
    case 'create':
      upsertEntity(draft, m.entity, m.data)
      return
    case 'update': {
      const table = tableOf(draft, m.entity)
      if (!table[m.data.id]) return
      patch(table, m.data.id, m.data, at)
      if (m.entity === 'group' && m.data.spaceId) carryBookmarks(draft, m.data.id, m.data.spaceId, at)
      return
    }
    case 'delete':
      removeEntity(draft, m.entity, m.data.id)
      return
    case 'move': {
      if (m.entity === 'space') {
        if (m.data.position !== undefined) patch(draft.spaces, m.data.id, { position: m.data.position }, at)
      } else if (m.entity === 'group') {
        if (draft.spaces[m.data.spaceId]) move(draft, 'group', m.data.id, m.data.spaceId, m.data.position, at)
      } else if (draft.groups[m.data.groupId]) {
        move(draft, 'bookmark', m.data.id, m.data.groupId, m.data.position, at)
      }
      return
    }
  }
}
