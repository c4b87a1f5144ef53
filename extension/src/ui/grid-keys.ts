// Arrow keys across a grid of tiles: ←/→ to the previous or next tile, ↑/↓ to the nearest tile in the row above
// or below (by where tiles are on screen, so it follows however many columns fit), Home/End to the ends.

const KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'])
export const isGridKey = (event: KeyboardEvent): boolean =>
  KEYS.has(event.key) && !event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey

/** The tile `key` leads to from `from`, among `tiles` (in reading order); undefined at an edge. */
export function nextTile(tiles: HTMLElement[], from: HTMLElement, key: string): HTMLElement | undefined {
  const at = tiles.indexOf(from)
  if (at < 0) return undefined
  if (key === 'Home') return tiles[0]
  if (key === 'End') return tiles.at(-1)
  if (key === 'ArrowLeft') return tiles[at - 1]
  if (key === 'ArrowRight') return tiles[at + 1]
  const here = from.getBoundingClientRect()
  const centre = here.left + here.width / 2
  const down = key === 'ArrowDown'
  let best: HTMLElement | undefined
  let bestScore = Number.POSITIVE_INFINITY
  for (const tile of tiles) {
    const r = tile.getBoundingClientRect()
    const rows = down ? r.top - here.bottom : here.top - r.bottom
    // Only tiles wholly in another row; the nearest row first, then the nearest column in it.
    if (rows < -1) continue
    const score = rows * 10_000 + Math.abs(r.left + r.width / 2 - centre)
    if (score < bestScore) {
      bestScore = score
      best = tile
    }
  }
  return best
}
