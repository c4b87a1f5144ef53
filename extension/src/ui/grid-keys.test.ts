import { describe, expect, it } from 'vitest'
import { nextIndex } from './grid-keys'

// 10 tiles, 4 to a row:  0 1 2 3 / 4 5 6 7 / 8 9
describe('arrow keys across tiles', () => {
  it('move by one tile left and right, by a row up and down, and to the ends', () => {
    expect(nextIndex(5, 10, 4, 'ArrowLeft')).toBe(4)
    expect(nextIndex(5, 10, 4, 'ArrowRight')).toBe(6)
    expect(nextIndex(5, 10, 4, 'ArrowUp')).toBe(1)
    expect(nextIndex(5, 10, 4, 'ArrowDown')).toBe(9)
    expect(nextIndex(5, 10, 4, 'Home')).toBe(0)
    expect(nextIndex(5, 10, 4, 'End')).toBe(9)
  })

  it('go down to the last tile when the row below is shorter, and stop at every edge', () => {
    expect(nextIndex(7, 10, 4, 'ArrowDown')).toBe(9)
    expect(nextIndex(9, 10, 4, 'ArrowDown')).toBeUndefined()
    expect(nextIndex(2, 10, 4, 'ArrowUp')).toBeUndefined()
    expect(nextIndex(0, 10, 4, 'ArrowLeft')).toBeUndefined()
    expect(nextIndex(9, 10, 4, 'ArrowRight')).toBeUndefined()
    expect(nextIndex(0, 10, 4, 'Home')).toBeUndefined()
  })
})
