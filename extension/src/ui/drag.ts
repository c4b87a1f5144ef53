// Native HTML drag and drop for lists of tiles, tabs and sidebar items. What is dragged lives here, because
// dataTransfer cannot be read during dragover.
import type { EntityName } from '../store/types'

export type Dragged = { entity: EntityName; id: string }
export type DropPosition = 'before' | 'after' | 'into'

let dragged: Dragged | undefined

export const currentDrag = (): Dragged | undefined => dragged

const clear = (el: HTMLElement) => el.classList.remove('drop-before', 'drop-after', 'drop-into')

export type DragOptions = {
  item?: Dragged
  /** Which dragged things this element accepts, and how: between siblings, or into it. */
  accepts?: (drag: Dragged) => 'sort' | 'into' | undefined
  axis?: 'x' | 'y'
  onDrop?: (drag: Dragged, position: DropPosition) => void
}

/** Solid directive-like helper: call in a ref callback. */
export function draggable(el: HTMLElement, options: () => DragOptions): void {
  el.addEventListener('dragstart', (event) => {
    const item = options().item
    if (!item) return
    event.stopPropagation()
    dragged = item
    event.dataTransfer?.setData('text/plain', item.id)
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move'
    el.classList.add('dragging')
  })
  el.addEventListener('dragend', () => {
    dragged = undefined
    el.classList.remove('dragging')
  })
  const positionOf = (event: DragEvent, mode: 'sort' | 'into'): DropPosition => {
    if (mode === 'into') return 'into'
    const rect = el.getBoundingClientRect()
    const vertical = (options().axis ?? 'x') === 'y'
    const middle = vertical ? rect.top + rect.height / 2 : rect.left + rect.width / 2
    return (vertical ? event.clientY : event.clientX) < middle ? 'before' : 'after'
  }
  el.addEventListener('dragover', (event) => {
    const mode = dragged && dragged.id !== options().item?.id ? options().accepts?.(dragged) : undefined
    if (!mode) return
    event.preventDefault()
    event.stopPropagation()
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move'
    clear(el)
    el.classList.add(`drop-${positionOf(event, mode)}`)
  })
  el.addEventListener('dragleave', () => clear(el))
  el.addEventListener('drop', (event) => {
    clear(el)
    const drag = dragged
    const mode = drag && drag.id !== options().item?.id ? options().accepts?.(drag) : undefined
    if (!drag || !mode) return
    event.preventDefault()
    event.stopPropagation()
    dragged = undefined
    options().onDrop?.(drag, positionOf(event, mode))
  })
}

/** The sibling order after dropping `id` before or after `targetId`. */
export function dropOrder(ids: string[], id: string, targetId: string, position: DropPosition): string[] {
  const rest = ids.filter((x) => x !== id)
  const at = rest.indexOf(targetId)
  if (at < 0) return ids
  rest.splice(position === 'after' ? at + 1 : at, 0, id)
  return rest
}
