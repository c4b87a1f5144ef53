import { describe, expect, it } from 'vitest'
import { type GridGeometry, rangeWith, windowRange } from './virtual-grid'

const grid = (extra: Partial<GridGeometry> = {}): GridGeometry => ({
  count: 2000,
  columns: 8,
  pitch: 160,
  top: 0,
  height: 800,
  overscan: 3,
  ...extra
})

describe('the window of a long grid', () => {
  it('holds the rows in view and a margin of rows, in whole rows', () => {
    // 800 px of 160 px rows: 5 rows in view, 3 more below; none above the top.
    expect(windowRange(grid())).toEqual({ start: 0, end: 64 })
    // Scrolled to row 100: rows 97 to 108.
    expect(windowRange(grid({ top: 100 * 160 }))).toEqual({ start: 97 * 8, end: 108 * 8 })
  })

  it('ends with the last tile, and a grid starting lower down starts at its first row', () => {
    expect(windowRange(grid({ top: 249 * 160 }))).toEqual({ start: 246 * 8, end: 2000 })
    expect(windowRange(grid({ top: -300 }))).toEqual({ start: 0, end: 7 * 8 })
    expect(windowRange(grid({ count: 0 }))).toEqual({ start: 0, end: 0 })
  })

  it('moves to a tile far out of view that is about to be focused, and stays put for one in it', () => {
    const here = windowRange(grid())
    expect(rangeWith(here, 10, grid())).toBe(here)
    const far = rangeWith(here, 1999, grid())
    expect(far.start).toBeLessThanOrEqual(1999)
    expect(far.end).toBe(2000)
    expect(far.end - far.start).toBeLessThan(200)
  })
})
