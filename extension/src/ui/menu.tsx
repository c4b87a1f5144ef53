// A small "⋯" menu of actions: arrows move between items, Escape or Tab closes, as the ARIA menu pattern asks.
import { createEffect, createSignal, For, type JSX, onCleanup, Show } from 'solid-js'
import { MoreIcon } from './icons'

export type MenuItem = { label: string; run: () => void; danger?: boolean }

export function Menu(props: { label: string; items: MenuItem[]; icon?: JSX.Element }) {
  const [open, setOpen] = createSignal(false)
  let root!: HTMLDivElement
  let button!: HTMLButtonElement
  const items = () => Array.from(root.querySelectorAll<HTMLElement>('[role="menuitem"]'))
  const focusItem = (delta: number) => {
    const list = items()
    const at = list.indexOf(document.activeElement as HTMLElement)
    list[(at + delta + list.length) % list.length]?.focus()
  }
  const onDocument = (event: MouseEvent) => {
    if (!root.contains(event.target as Node)) setOpen(false)
  }
  // Listen only while open: a page of tiles has a menu each, and first paint should not pay for them.
  createEffect(() => {
    if (!open()) return
    document.addEventListener('mousedown', onDocument)
    queueMicrotask(() => items()[0]?.focus())
    onCleanup(() => document.removeEventListener('mousedown', onDocument))
  })
  return (
    <div ref={root} class="menu" classList={{ open: open() }}>
      <button
        ref={button}
        type="button"
        class="menu-button"
        aria-label={props.label}
        aria-haspopup="menu"
        aria-expanded={open()}
        onClick={(event) => {
          event.preventDefault()
          event.stopPropagation()
          setOpen(!open())
        }}
      >
        {props.icon ?? <MoreIcon />}
      </button>
      <Show when={open()}>
        <div
          class="menu-list"
          role="menu"
          tabIndex={-1}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation()
              setOpen(false)
              button.focus()
            } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
              event.preventDefault()
              focusItem(event.key === 'ArrowDown' ? 1 : -1)
            } else if (event.key === 'Tab') {
              setOpen(false)
            }
          }}
        >
          <For each={props.items}>
            {(item) => (
              <div role="none">
                <button
                  type="button"
                  role="menuitem"
                  classList={{ 'danger-item': item.danger }}
                  onClick={(event) => {
                    event.stopPropagation()
                    setOpen(false)
                    item.run()
                  }}
                >
                  {item.label}
                </button>
              </div>
            )}
          </For>
        </div>
      </Show>
    </div>
  )
}
