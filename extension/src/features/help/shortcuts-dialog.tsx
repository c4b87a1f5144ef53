// The keyboard shortcuts, listed when the person presses `?`.
import { For } from 'solid-js'
import { Dialog } from '../../ui/dialog'
import type { DialogProps, NoFields } from '../../view-state'

declare module '../../view-state' {
  interface DialogFields {
    shortcuts: NoFields
  }
}

const SHORTCUTS: [keys: string, what: string][] = [
  ['/ or Ctrl+K', 'Search bookmarks, groups and spaces'],
  ['↑ ↓ Enter', 'Move through search results and open one (Ctrl+Enter: in a new tab)'],
  ['← → ↑ ↓', 'Move between tiles; ← → between group tabs'],
  ['Home End', 'First or last tile or tab'],
  ['Alt+← →', 'Move the focused tile or tab'],
  ['Alt+↑ ↓', 'Move the focused space'],
  ['Delete', 'Delete the focused bookmark (after asking)'],
  ['Shift+F10 or the menu key', 'Open the focused tile’s menu'],
  ['Ctrl+Z', 'Undo the last delete or archive'],
  ['?', 'Show these shortcuts']
]

export default function ShortcutsDialog(props: DialogProps<'shortcuts'>) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={props.onClose}>
      <h2>Keyboard shortcuts</h2>
      <dl class="shortcuts">
        <For each={SHORTCUTS}>
          {([keys, what]) => (
            <>
              <dt>
                <kbd>{keys}</kbd>
              </dt>
              <dd>{what}</dd>
            </>
          )}
        </For>
      </dl>
      <div class="actions">
        <button type="button" class="secondary" onClick={props.onClose} autofocus>
          Close
        </button>
      </div>
    </Dialog>
  )
}
