// The last change that can be undone (a delete, an archive): offered in a toast, and run by Ctrl+Z meanwhile.
import { dismiss, showToast } from './toast'

const UNDO_MS = 8000
let last: { undo: () => void; until: number } | undefined

/** Tells the person what happened, with Undo; Ctrl+Z does the same until the toast goes. */
export function offerUndo(message: string, undo: () => void): void {
  let done = false
  let toast = 0
  const once = () => {
    if (done) return
    done = true
    if (last?.undo === once) last = undefined
    // Undone by Ctrl+Z, its toast would still offer Undo.
    dismiss(toast)
    undo()
  }
  last = { undo: once, until: Date.now() + UNDO_MS }
  toast = showToast({ message, action: { label: 'Undo', run: once } }, UNDO_MS)
}

/** Undoes the last change if it is still on offer; whether there was one. */
export function undoLast(): boolean {
  const entry = last
  last = undefined
  if (!entry || Date.now() > entry.until) return false
  entry.undo()
  return true
}
