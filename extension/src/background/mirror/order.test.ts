// Sibling order between the store and Chrome: which side's order wins, and the keys that give the store an order.
import { describe, expect, it } from 'vitest'
import { rankPosition } from '../../../../model/position'
import { keysForOrder, mergeOrder } from './order'

const listed = (ids: string[]) => ids.map((id, i) => ({ id, position: rankPosition(i) }))

describe('mergeOrder', () => {
  it('takes the order of the side that reordered since the last agreed order', () => {
    expect(mergeOrder(['a', 'b', 'c'], ['c', 'a', 'b'], ['a', 'b', 'c'])).toEqual({
      order: ['c', 'a', 'b'],
      winner: 'chrome'
    })
    expect(mergeOrder(['b', 'a', 'c'], ['a', 'b', 'c'], ['a', 'b', 'c']).order).toEqual(['b', 'a', 'c'])
  })

  it('gives the store’s order when both reordered (the deterministic rule)', () => {
    expect(mergeOrder(['c', 'b', 'a'], ['b', 'a', 'c'], ['a', 'b', 'c'])).toEqual({
      order: ['c', 'b', 'a'],
      winner: 'store'
    })
  })

  it('puts an item only one side has after its predecessor there', () => {
    expect(mergeOrder(['a', 'x', 'b'], ['a', 'b', 'y'], ['a', 'b']).order).toEqual(['a', 'x', 'b', 'y'])
    expect(mergeOrder(['a', 'b'], ['y', 'a', 'b'], ['a', 'b']).order).toEqual(['y', 'a', 'b'])
  })
})

describe('keysForOrder', () => {
  it('writes only the items that moved, and keys every new one between its neighbours', () => {
    const existing = listed(['a', 'b', 'c', 'd'])
    const keys = keysForOrder(existing, ['a', 'new1', 'c', 'b', 'd', 'new2'])
    const position = (id: string) => keys.get(id) ?? existing.find((e) => e.id === id)?.position ?? ''
    const order = ['a', 'new1', 'c', 'b', 'd', 'new2']
    for (let i = 1; i < order.length; i++)
      expect(position(order[i - 1] as string) < position(order[i] as string)).toBe(true)
    expect(keys.has('a') && keys.has('d')).toBe(false)
    expect(keys.size).toBe(3)
  })
})
