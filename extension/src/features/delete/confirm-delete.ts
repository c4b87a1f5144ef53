// Delete with a confirmation first and Undo after (the toast's button or Ctrl+Z), for spaces, groups and bookmarks.
import { remove, restoreRemoved } from '../../store/actions'
import type { DataStore } from '../../store/data-store'
import type { EntityName } from '../../store/types'
import { offerUndo } from '../../ui/undo'
import { openDialog } from '../../view-state'

const what = { space: 'space', group: 'group', bookmark: 'bookmark' } as const

export function confirmDelete(store: DataStore, entity: EntityName, id: string, name: string): void {
  const inside =
    entity === 'space'
      ? ' Its groups and bookmarks go with it.'
      : entity === 'group'
        ? ' Its bookmarks go with it.'
        : ''
  openDialog({
    kind: 'confirm',
    title: `Delete ${what[entity]}?`,
    message: `“${name}” will be deleted.${inside}`,
    confirmLabel: 'Delete',
    onConfirm: () => {
      const removed = remove(store, entity, id)
      offerUndo(`Deleted “${name}”`, () => restoreRemoved(store, removed))
    }
  })
}
