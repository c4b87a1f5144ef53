// Arrow keys across a grid of tiles, by index rather than by what is in the DOM (a windowed grid renders only
// some tiles): ←/→ to the previous or next tile, ↑/↓ a row up or down (to the last tile when the row below is
// shorter), Home/End to the ends.

const KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'])
export const isGridKey = (event: KeyboardEvent): boolean =>
  KEYS.has(event.key) && !event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey

/** The index `key` leads to from `at` among `count` tiles laid out `columns` to a row; undefined at an edge. */
export function nextIndex(at: number, count: number, columns: number, key: string): number | undefined {
  if (at < 0 || at >= count) return undefined
  const perRow = Math.max(1, columns)
  const last = count - 1
  const next = (() => {
    switch (key) {
      case 'Home':
        return 0
      case 'End':
        return last
      case 'ArrowLeft':
        return at - 1
      case 'ArrowRight':
        return at + 1
      case 'ArrowUp':
        return at - perRow
      case 'ArrowDown':
        // The row below may be the shorter last one: its last tile is then the nearest.
        return Math.floor(at / perRow) < Math.floor(last / perRow) ? Math.min(at + perRow, last) : -1
      default:
        return -1
    }
  })()
  return next >= 0 && next <= last && next !== at ? next : undefined
}
