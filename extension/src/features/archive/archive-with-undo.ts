// Archiving a space, group or bookmark from its menu or the keyboard, with Undo (the toast's button or Ctrl+Z).
import { updateBookmark, updateGroup, updateSpace } from '../../store/actions'
import type { DataStore } from '../../store/data-store'
import type { EntityName } from '../../store/types'
import { offerUndo } from '../../ui/undo'

const update = { space: updateSpace, group: updateGroup, bookmark: updateBookmark } as const

export function archive(store: DataStore, entity: EntityName, id: string, name: string): void {
  update[entity](store, id, { isArchived: true })
  offerUndo(`Archived “${name}”`, () => update[entity](store, id, { isArchived: false }))
}
