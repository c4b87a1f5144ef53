// A copy of the start view as drawn, kept in localStorage for the next new tab's first paint: public/first-paint.js
// puts it on the page before any of the app's code has loaded (fetching and running that code is most of the
// wait), and the app's first render replaces it. Written only while the page is hidden or going away, so that
// keeping it costs a visible page nothing; dropped on any change made while visible, so that it is never stale.
// public/first-paint.js reads FIRST_PAINT_KEY and these fields; it shows the copy only while the view cache
// (`bookmarks-index:view:<account>`, store/cache.ts) is there too, so forgetting the view forgets the copy.
import { readLocal, writeLocal } from './local-storage'
import { FIRST_PAINT_KEY } from './store/cache'
import { letterColour } from './ui/site-icon'

export { FIRST_PAINT_KEY }

export type FirstPaint = { account: string; path: string; html: string }

/** What is not part of the view a new tab opens on: dialogs, toasts, open menus, and the tiles' ⋯ buttons (shown
 * on hover, and only once the app is interactive). */
const TRANSIENT = '.backdrop, .toasts, .menu-list, [popover], [data-bookmark-id] .menu'

/** Spaces, group tabs and tiles: out of the window, they are left out of the copy (less to lay out and draw). */
const ITEMS = '[data-space-id], [data-group-id], [data-bookmark-id]'
const OFF_SCREEN = 'data-first-paint-off-screen'
/** A tile's bookmark id in the copy (bench/newtab.ts reads which tile it timed). */
const COPY_OF = 'data-first-paint-bookmark'

/**
 * The root's markup as a new tab would first draw it: only the items in the window, favicons left out (the app
 * loads them once it has painted, and a tile with none shows its letter on the site's colour), nothing
 * transient, nothing focused or hovered.
 */
export function firstPaintHtml(root: HTMLElement): string {
  const [width, height] = [window.innerWidth, window.innerHeight]
  const off = Array.from(root.querySelectorAll(ITEMS)).filter((el) => {
    const r = el.getBoundingClientRect()
    return r.top >= height || r.left >= width || r.bottom <= 0 || r.right <= 0
  })
  for (const el of off) el.setAttribute(OFF_SCREEN, '')
  const copy = root.cloneNode(true) as HTMLElement
  for (const el of off) el.removeAttribute(OFF_SCREEN)
  for (const el of Array.from(copy.querySelectorAll(`[${OFF_SCREEN}], ${TRANSIENT}`))) el.remove()
  for (const el of Array.from(copy.querySelectorAll('.tile-icon-image'))) el.remove()
  for (const icon of Array.from(copy.querySelectorAll<HTMLElement>('.tile-icon.has-icon'))) {
    icon.classList.remove('has-icon')
    const url = icon.closest('[data-bookmark-id]')?.querySelector('a')?.getAttribute('href')
    if (url) icon.style.background = letterColour(url)
  }
  for (const el of Array.from(copy.querySelectorAll('.menu.open'))) el.classList.remove('open')
  // The ids and Tab stops are the app's: what finds an item by its id, or the grid's one Tab stop, finds the app's
  // own, never the picture of it. A tile keeps its id as the copy's (the benchmark reads which tile it timed).
  for (const el of Array.from(copy.querySelectorAll(`${ITEMS}, [tabindex]`))) {
    const bookmark = el.getAttribute('data-bookmark-id')
    if (bookmark) el.setAttribute(COPY_OF, bookmark)
    for (const name of ['data-space-id', 'data-group-id', 'data-bookmark-id', 'tabindex'])
      el.removeAttribute(name)
  }
  return copy.innerHTML
}

export function saveFirstPaint(snapshot: FirstPaint): void {
  writeLocal(FIRST_PAINT_KEY, JSON.stringify(snapshot))
}

export function dropFirstPaint(): void {
  if (readLocal(FIRST_PAINT_KEY) !== null) writeLocal(FIRST_PAINT_KEY, null)
}

/** Whether public/first-paint.js put a copy on the page (the app's first render must replace it). */
export const firstPaintShown = (root: HTMLElement | null): boolean => !!root?.hasAttribute('data-first-paint')

type HeldKeys = { bookmarksIndexHeldKeys?: () => KeyboardEventInit[] }

/**
 * The keys pressed while the copy was on screen (public/first-paint.js holds them: the app was not listening yet),
 * and no more holding. Replayed by replayKeys once the app has rendered.
 */
export function takeHeldKeys(): KeyboardEventInit[] {
  const take = (window as HeldKeys).bookmarksIndexHeldKeys
  ;(window as HeldKeys).bookmarksIndexHeldKeys = undefined
  return take?.() ?? []
}

/** The held keys, as if pressed now: to the focused element, bubbling to the app's shortcuts on the document. */
export function replayKeys(keys: KeyboardEventInit[]): void {
  for (const init of keys)
    (document.activeElement ?? document.body).dispatchEvent(
      new KeyboardEvent('keydown', { ...init, bubbles: true, cancelable: true })
    )
}
