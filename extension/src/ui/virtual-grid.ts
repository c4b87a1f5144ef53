// Windowing for a long CSS grid of tiles: only the rows in view, and a margin of rows around them, are in the DOM;
// padding above and below stands in for the rest. A 2,000-tile group then costs what a screenful does. Rows have a
// fixed height (the grid's `grid-auto-rows`), and the column count is the grid's own, read from its layout.
import { type Accessor, batch, createEffect, createMemo, createSignal, on, onCleanup } from 'solid-js'

export type GridRange = { start: number; end: number }

export type GridGeometry = {
  count: number
  columns: number
  /** A row's height plus the gap below it. */
  pitch: number
  /** The top of what is in view, from the grid's top (negative while the grid starts lower down). */
  top: number
  /** The height of what is in view. */
  height: number
  /** Rows rendered beyond the view on each side, so that a quick scroll shows tiles rather than blank. */
  overscan: number
}

/** The whole rows in view plus `overscan` rows each side, as item indices (`end` exclusive). */
export function windowRange(g: GridGeometry): GridRange {
  const columns = Math.max(1, g.columns)
  const pitch = Math.max(1, g.pitch)
  const rows = Math.ceil(g.count / columns)
  const first = Math.min(rows, Math.max(0, Math.floor(g.top / pitch) - g.overscan))
  const last = Math.min(
    rows,
    Math.max(first, Math.ceil((g.top + Math.max(0, g.height)) / pitch) + g.overscan)
  )
  return { start: first * columns, end: Math.min(g.count, last * columns) }
}

/** `range` if it holds item `index`, else the rows around `index` (a tile far out of view, about to get focus). */
export function rangeWith(range: GridRange, index: number, g: GridGeometry): GridRange {
  if (index >= range.start && index < range.end) return range
  const columns = Math.max(1, g.columns)
  const rows = Math.ceil(Math.max(0, g.height) / Math.max(1, g.pitch))
  const row = Math.floor(index / columns)
  return {
    start: Math.max(0, row - rows - g.overscan) * columns,
    end: Math.min(g.count, (row + rows + g.overscan + 1) * columns)
  }
}

export type GridWindow = {
  /** Whether the grid is windowed at all (small grids render every tile, as they always did). */
  enabled: Accessor<boolean>
  /** The first rendered item and one past the last. */
  start: Accessor<number>
  end: Accessor<number>
  /** Padding that stands in for the rows above and below the rendered ones. */
  padTop: Accessor<number>
  padBottom: Accessor<number>
  /** How many tiles a row holds, as laid out now. */
  columns: Accessor<number>
  /** Call from the grid element's ref. */
  attach: (el: HTMLElement) => void
  /** Renders item `index`, however far out of view; focus it next, and the browser scrolls it into view. */
  reveal: (index: number) => void
}

const OVERSCAN = 3
// Before the first layout: a guess from the window, corrected before the first paint (ResizeObserver runs then).
const GUESS = { tile: 116, pitch: 160, chrome: 320 }

/**
 * Runs `work` once the page's first render is on screen (the first contentful paint is reported once its frame
 * is presented), for what the first paint should not wait for or compete with. A hidden page paints nothing, so
 * it runs at once; the timeout is a backstop.
 */
export function afterFirstPaint(work: () => void): void {
  let started = false
  const once = () => {
    if (started) return
    started = true
    work()
  }
  if (typeof document === 'undefined' || document.visibilityState === 'hidden') {
    once()
    return
  }
  if (
    typeof PerformanceObserver !== 'function' ||
    !PerformanceObserver.supportedEntryTypes?.includes('paint')
  ) {
    setTimeout(once, 0)
    return
  }
  new PerformanceObserver((list, observer) => {
    if (list.getEntriesByName('first-contentful-paint').length === 0) return
    observer.disconnect()
    setTimeout(once, 0)
  }).observe({ type: 'paint', buffered: true })
  setTimeout(once, 1000)
}

/** How many tiles a row of the grid holds as laid out now (its resolved column tracks); 0 before layout. */
export function gridColumns(grid: HTMLElement): number {
  return getComputedStyle(grid)
    .gridTemplateColumns.split(' ')
    .filter((track) => track && track !== 'none').length
}

/** The nearest ancestor that scrolls; undefined for the page itself. */
function scrollerOf(el: HTMLElement): HTMLElement | undefined {
  for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
    if (/(auto|scroll)/.test(getComputedStyle(node).overflowY)) return node
  }
  return undefined
}

export function createGridWindow(options: {
  count: Accessor<number>
  enabled: Accessor<boolean>
  /** Told the range about to be rendered when scrolling changes it: a focused tile outside it is about to go. */
  beforeChange?: (next: GridRange) => void
}): GridWindow {
  // By value: an edit that keeps the length (a pin, a rename) must not remeasure the grid, a forced layout.
  const count = createMemo(options.count)
  const enabled = createMemo(options.enabled)
  const size =
    typeof window === 'undefined' ? { w: 1024, h: 768 } : { w: window.innerWidth, h: window.innerHeight }
  // Low rather than high: tiles a guess adds are kept, tiles it adds too many are made for nothing.
  const [columns, setColumns] = createSignal(Math.max(1, Math.floor((size.w - GUESS.chrome) / GUESS.tile)))
  const [pitch, setPitch] = createSignal(GUESS.pitch)
  const [view, setView] = createSignal(
    { top: 0, height: size.h },
    { equals: (a, b) => a.top === b.top && a.height === b.height }
  )
  const [forced, setForced] = createSignal<number | undefined>()
  // The first frame renders only the rows in view; the margin follows once that frame is on screen.
  const [painted, setPainted] = createSignal(false)
  const overscan = () => (painted() ? OVERSCAN : 0)
  const geometry = (): GridGeometry => ({
    count: count(),
    columns: columns(),
    pitch: pitch(),
    ...view(),
    overscan: overscan()
  })
  const range = createMemo<GridRange>(
    () => {
      if (!enabled()) return { start: 0, end: count() }
      const g = geometry()
      const index = forced()
      return index === undefined ? windowRange(g) : rangeWith(windowRange(g), index, g)
    },
    { start: 0, end: 0 },
    { equals: (a, b) => a.start === b.start && a.end === b.end }
  )
  const rowsOf = (items: number) => Math.ceil(items / Math.max(1, columns()))

  let grid: HTMLElement | undefined
  let scroller: HTMLElement | undefined
  let listening: HTMLElement | Window | undefined
  let observer: ResizeObserver | undefined

  const measure = () => {
    if (!grid?.isConnected || !enabled()) return
    if (!listening) {
      scroller = scrollerOf(grid)
      listening = scroller ?? window
      listening.addEventListener('scroll', measure, { passive: true })
      if (scroller) observer?.observe(scroller)
    }
    const style = getComputedStyle(grid)
    const tracks = gridColumns(grid)
    const row =
      Number.parseFloat(style.gridAutoRows) || (grid.querySelector('li')?.getBoundingClientRect().height ?? 0)
    const box = grid.getBoundingClientRect()
    const frame = scroller?.getBoundingClientRect() ?? { top: 0, height: window.innerHeight }
    const next = {
      columns: tracks > 0 ? tracks : columns(),
      pitch: row > 0 ? row + (Number.parseFloat(style.rowGap) || 0) : pitch(),
      top: frame.top - box.top,
      height: frame.height
    }
    // A tile revealed for focus has been scrolled into view by now (focusing scrolls at once): the view holds it.
    const coming = windowRange({ count: count(), overscan: overscan(), ...next })
    const current = range()
    if (coming.start !== current.start || coming.end !== current.end) options.beforeChange?.(coming)
    batch(() => {
      setColumns(next.columns)
      setPitch(next.pitch)
      setView({ top: next.top, height: next.height })
      setForced(undefined)
    })
  }

  // A grid that turns windowed, or changes length, may keep its size: nothing would tell the observer.
  createEffect(on([count, enabled], () => measure(), { defer: true }))

  const attach = (el: HTMLElement) => {
    grid = el
    afterFirstPaint(() => setPainted(true))
    if (typeof ResizeObserver === 'undefined') return
    // The border box: the padding that stands in for unrendered rows changes the content box on every scroll.
    observer = new ResizeObserver(measure)
    observer.observe(el, { box: 'border-box' })
    window.addEventListener('resize', measure)
  }
  onCleanup(() => {
    observer?.disconnect()
    listening?.removeEventListener('scroll', measure)
    window.removeEventListener('resize', measure)
  })

  return {
    enabled,
    start: () => range().start,
    end: () => range().end,
    padTop: () => (enabled() ? rowsOf(range().start) * pitch() : 0),
    padBottom: () => (enabled() ? Math.max(0, rowsOf(count()) - rowsOf(range().end)) * pitch() : 0),
    columns,
    attach,
    reveal: (index) => {
      const r = range()
      if (enabled() && (index < r.start || index >= r.end)) setForced(index)
    }
  }
}
