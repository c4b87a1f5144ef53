// Archived spaces, groups and bookmarks: restore them or delete them for good.
import { createMemo, For, Show } from 'solid-js'
import { byPosition } from '../../../../model/rules'
import { updateBookmark, updateGroup, updateSpace } from '../../store/actions'
import { useStore } from '../../store/data-store'
import { Dialog } from '../../ui/dialog'
import type { DialogProps, NoFields } from '../../view-state'
import { confirmDelete } from '../delete/confirm-delete'

declare module '../../view-state' {
  interface DialogFields {
    archive: NoFields
  }
}

export function ArchiveDialog(props: DialogProps<'archive'>) {
  const store = useStore()
  const spaces = createMemo(() =>
    Object.values(store.state.spaces)
      .filter((s) => s.isArchived)
      .sort(byPosition)
  )
  const groups = createMemo(() =>
    Object.values(store.state.groups)
      .filter((g) => g.isArchived)
      .sort(byPosition)
  )
  const bookmarks = createMemo(() =>
    Object.values(store.snapshot().bookmarks)
      .filter((b) => b.isArchived)
      .sort(byPosition)
  )
  const where = (spaceId: string) => store.state.spaces[spaceId]?.name ?? ''
  const empty = () => spaces().length + groups().length + bookmarks().length === 0

  const Row = (p: { label: string; onRestore: () => void; onDelete: () => void }) => (
    <li>
      <span>{p.label}</span>
      <button type="button" class="secondary small" onClick={p.onRestore}>
        Restore
      </button>
      <button type="button" class="ghost small" onClick={p.onDelete}>
        Delete
      </button>
    </li>
  )

  return (
    <Dialog title="Archive" onClose={props.onClose}>
      <h2>Archive</h2>
      <Show
        when={!empty()}
        fallback={<p>Nothing archived. Archive hides a space, group or bookmark without deleting it.</p>}
      >
        <Show when={spaces().length}>
          <h3>Spaces</h3>
          <ul class="archive-list">
            <For each={spaces()}>
              {(s) => (
                <Row
                  label={`${s.icon} ${s.name}`}
                  onRestore={() => updateSpace(store, s.id, { isArchived: false })}
                  onDelete={() => confirmDelete(store, 'space', s.id, s.name)}
                />
              )}
            </For>
          </ul>
        </Show>
        <Show when={groups().length}>
          <h3>Groups</h3>
          <ul class="archive-list">
            <For each={groups()}>
              {(g) => (
                <Row
                  label={`${g.name} — ${where(g.spaceId)}`}
                  onRestore={() => updateGroup(store, g.id, { isArchived: false })}
                  onDelete={() => confirmDelete(store, 'group', g.id, g.name)}
                />
              )}
            </For>
          </ul>
        </Show>
        <Show when={bookmarks().length}>
          <h3>Bookmarks</h3>
          <ul class="archive-list">
            <For each={bookmarks()}>
              {(b) => (
                <Row
                  label={`${b.title} — ${where(b.spaceId)}`}
                  onRestore={() => updateBookmark(store, b.id, { isArchived: false })}
                  onDelete={() => confirmDelete(store, 'bookmark', b.id, b.title)}
                />
              )}
            </For>
          </ul>
        </Show>
      </Show>
      <div class="actions">
        <button type="button" class="secondary" onClick={props.onClose}>
          Close
        </button>
      </div>
    </Dialog>
  )
}

export default ArchiveDialog
