// A small "⋯" menu of actions; closes on choice, Escape or a click elsewhere.
import { createEffect, createSignal, For, type JSX, onCleanup, Show } from 'solid-js'
import { MoreIcon } from './icons'

export type MenuItem = { label: string; run: () => void; danger?: boolean }

export function Menu(props: { label: string; items: MenuItem[]; icon?: JSX.Element }) {
  const [open, setOpen] = createSignal(false)
  let root!: HTMLDivElement
  const onDocument = (event: MouseEvent) => {
    if (!root.contains(event.target as Node)) setOpen(false)
  }
  // Listen only while open: a page of tiles has a menu each, and first paint should not pay for them.
  createEffect(() => {
    if (!open()) return
    document.addEventListener('mousedown', onDocument)
    onCleanup(() => document.removeEventListener('mousedown', onDocument))
  })
  return (
    <div ref={root} class="menu" classList={{ open: open() }}>
      <button
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
