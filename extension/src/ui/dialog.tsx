// A modal dialog: focus moves in on open, Escape or a click outside closes it, focus returns on close.
import { type JSX, onCleanup, onMount } from 'solid-js'

export function Dialog(props: { title: string; onClose: () => void; class?: string; children: JSX.Element }) {
  let panel!: HTMLDivElement
  const previous = document.activeElement as HTMLElement | null
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation()
      props.onClose()
    }
  }
  onMount(() => {
    const first = panel.querySelector<HTMLElement>('[autofocus], input, select, textarea, button')
    first?.focus()
  })
  onCleanup(() => previous?.focus?.())
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: clicking outside is a mouse shortcut; Escape is the keyboard way
    <div
      class="backdrop"
      role="presentation"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) props.onClose()
      }}
    >
      <div
        ref={panel}
        class={`dialog ${props.class ?? ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        onKeyDown={onKey}
      >
        {props.children}
      </div>
    </div>
  )
}
