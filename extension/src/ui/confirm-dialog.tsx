// Asks before something that cannot be taken back lightly.
import type { DialogProps } from '../view-state'
import { Dialog } from './dialog'

declare module '../view-state' {
  interface DialogFields {
    confirm: { title: string; message: string; confirmLabel: string; onConfirm: () => void }
  }
}

export function ConfirmDialog(props: DialogProps<'confirm'>) {
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <h2>{props.title}</h2>
      <p>{props.message}</p>
      <div class="actions">
        <button type="button" class="secondary" onClick={props.onClose}>
          Cancel
        </button>
        <button
          type="button"
          class="danger"
          autofocus
          onClick={() => {
            props.onClose()
            props.onConfirm()
          }}
        >
          {props.confirmLabel}
        </button>
      </div>
    </Dialog>
  )
}

export default ConfirmDialog
