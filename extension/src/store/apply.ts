// Applies a mutation to a mutable state draft. Pure of I/O so that the local mutation path (inside Solid's
// `produce`) and the sync engine (server changes and tombstones) share exactly the same rules.
// Changed entities are replaced by new objects, never edited in place: lists re-render an item when its
// object changes, and the opaque bookmark table has no per-field signals.
import type { Bookmark, DataState, EntityName, EntityOf, Group, MutationInput, Space } from './types'

const collection = { space: 'spaces', group: 'groups', bookmark: 'bookmarks' } as const

type Ordered = { id: string; order: number; createdAt: string }
type AnyEntity = Space | Group | Bookmark

/** Canonical sibling order: by `order`, then id, exactly as the server sorts, so both sides agree on ties. */
export const byOrder = (a: Ordered, b: Ordered): number =>
  a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

const tableOf = (draft: DataState, entity: EntityName) =>
  draft[collection[entity]] as Record<string, AnyEntity>

function patch(table: Record<string, AnyEntity>, id: string, fields: Partial<AnyEntity>, at: string): void {
  const item = table[id]
  if (item) table[id] = { ...item, ...fields, updatedAt: at } as AnyEntity
}

/** Gives siblings their list positions as `order`, replacing only those whose order changes. */
function renumber(table: Record<string, AnyEntity>, ids: string[], at: string): void {
  ids.forEach((id, index) => {
    if (table[id] && table[id].order !== index) patch(table, id, { order: index }, at)
  })
}

/**
 * Puts an item at `index` among its new siblings (given in order, without it), as the server does: with no
 * index or past the end it simply goes last; otherwise the list is renumbered around it.
 */
function place(
  table: Record<string, AnyEntity>,
  id: string,
  siblings: string[],
  index: number | undefined,
  at: string
) {
  if (index === undefined || index >= siblings.length) {
    const last = siblings.reduce((max, sibling) => Math.max(max, (table[sibling]?.order ?? -1) + 1), 0)
    if (table[id]?.order !== last) patch(table, id, { order: last }, at)
    return
  }
  const ids = siblings.slice()
  ids.splice(Math.max(0, index), 0, id)
  renumber(table, ids, at)
}

/** Inserts or replaces one entity, as a server change does. */
export function upsertEntity<E extends EntityName>(draft: DataState, entity: E, data: EntityOf[E]): void {
  tableOf(draft, entity)[data.id] = { ...data }
}

/** Removes one entity and everything under it, as a delete or a server tombstone does. */
export function removeEntity(draft: DataState, entity: EntityName, id: string): void {
  if (entity === 'space') {
    for (const group of Object.values(draft.groups)) if (group.spaceId === id) delete draft.groups[group.id]
    for (const b of Object.values(draft.bookmarks)) if (b.spaceId === id) delete draft.bookmarks[b.id]
    delete draft.spaces[id]
  } else if (entity === 'group') {
    for (const b of Object.values(draft.bookmarks)) if (b.groupId === id) delete draft.bookmarks[b.id]
    delete draft.groups[id]
  } else {
    delete draft.bookmarks[id]
  }
}

const parentOf = (item: AnyEntity): string | null =>
  'groupId' in item ? item.groupId : 'spaceId' in item ? item.spaceId : null

function moveBookmarksOfGroup(draft: DataState, groupId: string, spaceId: string, at: string) {
  const table = draft.bookmarks as Record<string, AnyEntity>
  for (const b of Object.values(draft.bookmarks))
    if (b.groupId === groupId) patch(table, b.id, { spaceId }, at)
}

export function applyMutation(draft: DataState, m: MutationInput, at: string): void {
  switch (m.op) {
    case 'create':
      upsertEntity(draft, m.entity, m.data)
      return
    case 'update': {
      const table = tableOf(draft, m.entity)
      if (!table[m.data.id]) return
      patch(table, m.data.id, m.data, at)
      if (m.entity === 'group' && m.data.spaceId) moveBookmarksOfGroup(draft, m.data.id, m.data.spaceId, at)
      return
    }
    case 'delete':
      removeEntity(draft, m.entity, m.data.id)
      return
    case 'reorder': {
      // As the server does: the listed ids first, in the given order, then every other sibling in its
      // current order; ids no longer under this parent (moved or deleted meanwhile) are skipped.
      const table = tableOf(draft, m.entity)
      const rank = new Map(m.data.orderedIds.map((id, i) => [id, i]))
      const siblings = Object.values(table)
        .filter((item) => parentOf(item) === m.data.parentId)
        .sort(byOrder)
      const listed = siblings.filter((item) => rank.has(item.id))
      listed.sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0))
      renumber(
        table,
        [...listed, ...siblings.filter((item) => !rank.has(item.id))].map((item) => item.id),
        at
      )
      return
    }
    case 'move': {
      if (m.entity === 'group') {
        const group = draft.groups[m.data.id]
        if (!group || !draft.spaces[m.data.spaceId]) return
        const siblings = Object.values(draft.groups)
          .filter((g) => g.spaceId === m.data.spaceId && g.id !== group.id)
          .sort(byOrder)
          .map((g) => g.id)
        patch(draft.groups as Record<string, AnyEntity>, group.id, { spaceId: m.data.spaceId }, at)
        moveBookmarksOfGroup(draft, group.id, m.data.spaceId, at)
        place(draft.groups as Record<string, AnyEntity>, group.id, siblings, m.data.index, at)
      } else {
        const bookmark = draft.bookmarks[m.data.id]
        const target = draft.groups[m.data.groupId]
        if (!bookmark || !target) return
        const siblings = Object.values(draft.bookmarks)
          .filter((b) => b.groupId === target.id && b.id !== bookmark.id)
          .sort(byOrder)
          .map((b) => b.id)
        const table = draft.bookmarks as Record<string, AnyEntity>
        patch(table, bookmark.id, { groupId: target.id, spaceId: target.spaceId }, at)
        place(table, bookmark.id, siblings, m.data.index, at)
      }
      return
    }
  }
}
