// Applies a mutation to a mutable state draft. Pure of I/O so that the local mutation path (inside Solid's
// `produce`) and the sync engine (server changes and tombstones) share exactly the same rules.
import type { Bookmark, DataState, EntityName, EntityOf, Group, MutationInput, Space } from './types'

const collection = { space: 'spaces', group: 'groups', bookmark: 'bookmarks' } as const

type Ordered = { id: string; order: number; createdAt: string }

/** Canonical sibling order: by `order`, then creation time, then id, so that ties never flicker. */
export const byOrder = (a: Ordered, b: Ordered): number =>
  a.order - b.order || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)

const renumber = (items: Ordered[], at: string): void => {
  items.forEach((item, index) => {
    if (item.order !== index) {
      item.order = index
      ;(item as Ordered & { updatedAt: string }).updatedAt = at
    }
  })
}

/** Inserts or replaces one entity, as a server change does. */
export function upsertEntity<E extends EntityName>(draft: DataState, entity: E, data: EntityOf[E]): void {
  const table = draft[collection[entity]] as Record<string, EntityOf[E]>
  table[data.id] = { ...data }
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

function reorder(draft: DataState, entity: EntityName, parentId: string | null, ids: string[], at: string) {
  const table = draft[collection[entity]] as Record<string, Space | Group | Bookmark>
  ids.forEach((id, index) => {
    const item = table[id]
    if (!item) return
    const parentOf = 'groupId' in item ? item.groupId : 'spaceId' in item ? item.spaceId : null
    // A stale reorder must not drag an item out of the parent it has since moved to.
    if (parentOf !== parentId) return
    if (item.order !== index) {
      item.order = index
      item.updatedAt = at
    }
  })
}

export function applyMutation(draft: DataState, m: MutationInput, at: string): void {
  switch (m.op) {
    case 'create':
      upsertEntity(draft, m.entity, m.data)
      return
    case 'update': {
      const table = draft[collection[m.entity]] as Record<string, Space | Group | Bookmark>
      const item = table[m.data.id]
      if (!item) return
      Object.assign(item, m.data, { updatedAt: at })
      if (m.entity === 'group' && m.data.spaceId) {
        for (const b of Object.values(draft.bookmarks)) if (b.groupId === item.id) b.spaceId = m.data.spaceId
      }
      return
    }
    case 'delete':
      removeEntity(draft, m.entity, m.data.id)
      return
    case 'reorder':
      reorder(draft, m.entity, m.data.parentId, m.data.orderedIds, at)
      return
    case 'move': {
      if (m.entity === 'group') {
        const group = draft.groups[m.data.id]
        if (!group || !draft.spaces[m.data.spaceId]) return
        const siblings = Object.values(draft.groups)
          .filter((g) => g.spaceId === m.data.spaceId && g.id !== group.id)
          .sort(byOrder)
        siblings.splice(Math.max(0, Math.min(m.data.index, siblings.length)), 0, group)
        group.spaceId = m.data.spaceId
        group.updatedAt = at
        for (const b of Object.values(draft.bookmarks)) if (b.groupId === group.id) b.spaceId = m.data.spaceId
        renumber(siblings, at)
      } else {
        const bookmark = draft.bookmarks[m.data.id]
        const target = draft.groups[m.data.groupId]
        if (!bookmark || !target) return
        const siblings = Object.values(draft.bookmarks)
          .filter((b) => b.groupId === target.id && b.id !== bookmark.id)
          .sort(byOrder)
        siblings.splice(Math.max(0, Math.min(m.data.index, siblings.length)), 0, bookmark)
        bookmark.groupId = target.id
        bookmark.spaceId = target.spaceId
        bookmark.updatedAt = at
        renumber(siblings, at)
      }
      return
    }
  }
}
