// A small "⋯" menu of actions: arrows move between items, Escape or Tab closes, as the ARIA menu pattern asks.
// It opens in the top layer (a popover), placed beside its button or the pointer and flipped to fit the window,
// so no scrolling strip or sidebar clips it; right-clicking what it belongs to opens it at the pointer.
import { createEffect, createSignal, For, type JSX, onCleanup, Show } from 'solid-js'
import { MoreIcon } from './icons'

export type MenuItem = { label: string; run: () => void; danger?: boolean }

type Anchor = { left: number; top: number; right: number; bottom: number }
/** Chromium shows menus in the top layer; where popovers are unknown (jsdom) a menu stays below its button. */
const POPOVER = typeof HTMLElement !== 'undefined' && typeof HTMLElement.prototype.showPopover === 'function'
const GAP = 4
const MARGIN = 8

/** Below the anchor, left edges aligned; above it or right-aligned where the window has no room. */
function place(list: HTMLElement, anchor: Anchor): void {
  const { width, height } = list.getBoundingClientRect()
  let left = anchor.left
  if (left + width > window.innerWidth - MARGIN) left = Math.max(MARGIN, anchor.right - width)
  let top = anchor.bottom + GAP
  if (top + height > window.innerHeight - MARGIN) top = anchor.top - height - GAP
  // Neither below nor above has room (a long list): as high as fits; it scrolls within the window's height.
  top = Math.max(MARGIN, Math.min(top, window.innerHeight - MARGIN - height))
  list.style.left = `${Math.round(left)}px`
  list.style.top = `${Math.round(top)}px`
}

export function Menu(props: {
  label: string
  items: MenuItem[]
  icon?: JSX.Element
  /** False keeps the button out of the Tab order, where its owner opens it from the keyboard (Shift+F10). */
  tabbable?: boolean
  /** Receives a way to open the menu at a point: what the menu belongs to calls it on right-click. */
  onContext?: (openAt: (x: number, y: number) => void) => void
}) {
  const [anchor, setAnchor] = createSignal<Anchor | null>(null)
  const open = () => anchor() !== null
  let root!: HTMLDivElement
  let button!: HTMLButtonElement
  const close = () => setAnchor(null)
  const items = (list: HTMLElement) => Array.from(list.querySelectorAll<HTMLElement>('[role="menuitem"]'))
  const focusItem = (list: HTMLElement, delta: number) => {
    const all = items(list)
    const at = all.indexOf(document.activeElement as HTMLElement)
    all[(at + delta + all.length) % all.length]?.focus()
  }
  const onDocument = (event: MouseEvent) => {
    if (!root.contains(event.target as Node)) close()
  }
  const onViewport = (event: Event) => {
    if (!(event.target instanceof Node && root.contains(event.target))) close()
  }
  // Listen only while open: a page of tiles has a menu each, and first paint should not pay for them.
  createEffect(() => {
    if (!open()) return
    document.addEventListener('mousedown', onDocument)
    // A menu placed for one scroll position would float away from its button at another.
    window.addEventListener('resize', onViewport)
    document.addEventListener('scroll', onViewport, { capture: true, passive: true })
    onCleanup(() => {
      document.removeEventListener('mousedown', onDocument)
      window.removeEventListener('resize', onViewport)
      document.removeEventListener('scroll', onViewport, { capture: true })
    })
  })
  props.onContext?.((x, y) => setAnchor({ left: x, top: y, right: x, bottom: y }))

  const show = (list: HTMLDivElement) => {
    queueMicrotask(() => {
      const at = anchor()
      if (!at || !list.isConnected) return
      if (POPOVER) {
        list.showPopover()
        place(list, at)
      }
      items(list)[0]?.focus()
    })
  }

  return (
    <div ref={root} class="menu" classList={{ open: open() }}>
      <button
        ref={button}
        type="button"
        class="menu-button"
        aria-label={props.label}
        aria-haspopup="menu"
        tabIndex={props.tabbable === false ? -1 : undefined}
        aria-expanded={open()}
        onClick={(event) => {
          event.preventDefault()
          event.stopPropagation()
          if (open()) close()
          else setAnchor(button.getBoundingClientRect())
        }}
      >
        {props.icon ?? <MoreIcon />}
      </button>
      <Show when={anchor()} keyed>
        {(_at) => (
          <div
            ref={show}
            class="menu-list"
            role="menu"
            tabIndex={-1}
            popover={POPOVER ? 'manual' : undefined}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.stopPropagation()
                close()
                button.focus()
              } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
                event.preventDefault()
                focusItem(event.currentTarget, event.key === 'ArrowDown' ? 1 : -1)
              } else if (event.key === 'Tab') {
                close()
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
                      close()
                      item.run()
                    }}
                  >
                    {item.label}
                  </button>
                </div>
              )}
            </For>
          </div>
        )}
      </Show>
    </div>
  )
}
