// Toasts: short messages at the bottom of the page, with an optional action such as Undo.
import { createSignal, For, Show } from 'solid-js'

export type Toast = {
  id: number
  message: string
  kind: 'info' | 'error'
  action?: { label: string; run: () => void }
}

const [toasts, setToasts] = createSignal<Toast[]>([])
let nextId = 1

export function dismiss(id: number): void {
  setToasts((list) => list.filter((t) => t.id !== id))
}

export function showToast(toast: Omit<Toast, 'id' | 'kind'> & { kind?: Toast['kind'] }, ms = 6000): number {
  const id = nextId++
  setToasts((list) => [...list.slice(-2), { kind: 'info', ...toast, id }])
  setTimeout(() => dismiss(id), ms)
  return id
}

export const showError = (message: string): number => showToast({ message, kind: 'error' }, 8000)

export function Toasts() {
  return (
    <div class="toasts" aria-live="polite">
      <For each={toasts()}>
        {(toast) => (
          <div class={`toast ${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
            <span>{toast.message}</span>
            <Show when={toast.action}>
              {(action) => (
                <button
                  type="button"
                  onClick={() => {
                    dismiss(toast.id)
                    action().run()
                  }}
                >
                  {action().label}
                </button>
              )}
            </Show>
          </div>
        )}
      </For>
    </div>
  )
}
