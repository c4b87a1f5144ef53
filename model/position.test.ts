import { describe, expect, it } from 'vitest'
import { LIMITS } from './limits'
import {
  clockPosition,
  keyBetween,
  positionBetween,
  positionProblem,
  positionsBetween,
  RANK_CAPACITY,
  rankPosition
} from './position'
import { byPosition, positionAt, reordered } from './rules'

/** A seeded generator, so that a failure can be replayed. */
function seeded(seed: number) {
  let s = seed >>> 0 || 1
  return () => {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    return (s >>> 0) / 2 ** 32
  }
}

const sorted = (keys: string[]) => keys.slice().sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))

describe('position keys', () => {
  it('makes a key between any two keys, and at both ends', () => {
    const random = seeded(1)
    let keys = [positionBetween(null, null, random) as string]
    for (let i = 0; i < 2000; i++) {
      const at = Math.floor(random() * (keys.length + 1))
      const key = positionBetween(keys[at - 1] ?? null, keys[at] ?? null, random)
      expect(key).toBeDefined()
      expect(positionProblem(key as string)).toBeUndefined()
      keys = [...keys.slice(0, at), key as string, ...keys.slice(at)]
    }
    expect(sorted(keys)).toEqual(keys)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('keeps keys short at the ends: 5,000 appends and 5,000 prepends stay under 10 characters', () => {
    let last: string | null = null
    let first: string | null = null
    for (let i = 0; i < 5000; i++) {
      last = positionBetween(last, null) as string
      first = positionBetween(null, first) as string
    }
    expect((last as string).length).toBeLessThan(10)
    expect((first as string).length).toBeLessThan(10)
    expect((first as string) < (last as string)).toBe(true)
  })

  it('repeated inserts at one spot stay ordered, then give up past the limit instead of making a long key', () => {
    const low = 'a0'
    let high = 'a1'
    let made = 0
    for (;;) {
      const key = positionBetween(low, high)
      if (key === undefined) break
      expect(low < key && key < high).toBe(true)
      expect(key.length).toBeLessThanOrEqual(LIMITS.position)
      high = key
      made++
    }
    // About six inserts per character: hundreds of drags onto one spot before a list needs fresh keys.
    expect(made).toBeGreaterThan(200)
  })

  it('jitter: two devices putting an item at one same spot get different keys (20,000 tries)', () => {
    const random = seeded(7)
    let equal = 0
    let outside = 0
    for (let i = 0; i < 20_000; i++) {
      const one = positionBetween('a1', 'a2', random) as string
      const two = positionBetween('a1', 'a2', random) as string
      if (one === two) equal++
      if (!('a1' < one && one < 'a2' && 'a1' < two && two < 'a2')) outside++
    }
    expect({ equal, outside }).toEqual({ equal: 0, outside: 0 })
  })

  it('makes runs of keys in order, between two keys and towards either end', () => {
    for (const [a, b] of [
      [null, null],
      ['a0', null],
      [null, 'a0'],
      ['a0', 'a0V'],
      ['c001', 'c002']
    ] as const) {
      const keys = positionsBetween(a, b, 500) as string[]
      expect(keys).toHaveLength(500)
      expect(sorted(keys)).toEqual(keys)
      expect(new Set(keys).size).toBe(500)
      if (a) expect(a < (keys[0] as string)).toBe(true)
      if (b) expect((keys.at(-1) as string) < b).toBe(true)
      for (const key of keys) expect(positionProblem(key)).toBeUndefined()
    }
  })

  it('is the format of fractional-indexing: the same keys without jitter', () => {
    expect(keyBetween(null, null)).toBe('a0')
    expect(keyBetween('a0', null)).toBe('a1')
    expect(keyBetween('az', null)).toBe('b00')
    expect(keyBetween(null, 'a0')).toBe('Zz')
    expect(keyBetween('a0', 'a1')).toBe('a0V')
    expect(keyBetween('a0V', 'a1')).toBe('a0l')
    expect(keyBetween('Zz', 'a01')).toBe('a0')
    expect(() => keyBetween('a1', 'a0')).toThrow()
  })

  it('rank keys sort as their ranks and clock keys after every rank key', () => {
    const ranks = Array.from({ length: 5000 }, (_, i) => rankPosition(i * 47))
    expect(sorted(ranks)).toEqual(ranks)
    expect(rankPosition(0)).toBe('c000')
    expect(rankPosition(RANK_CAPACITY - 1)).toBe('czzz')
    expect(() => rankPosition(RANK_CAPACITY)).toThrow()
    const clock = clockPosition(Date.UTC(2026, 0, 1))
    expect(positionProblem(clock)).toBeUndefined()
    expect(clock > rankPosition(RANK_CAPACITY - 1)).toBe(true)
    expect(clockPosition(Date.UTC(2026, 0, 1, 0, 0, 0, 1)) > clock).toBe(true)
  })

  it('validation refuses what is not a key, with a message a person reads', () => {
    for (const bad of [
      '',
      'a',
      'b0',
      'a0!',
      'a 1',
      'a10',
      'é0',
      '00',
      `A${'0'.repeat(26)}`,
      `a${'1'.repeat(64)}`
    ])
      expect(positionProblem(bad), bad).toBeTypeOf('string')
    for (const good of ['a0', 'a1V', 'Zz', 'c000', 'g1abcdef', 'b00', 'a0001'])
      expect(positionProblem(good), good).toBeUndefined()
    expect(positionProblem(`a${'1'.repeat(64)}`)).toBe(`Must be at most ${LIMITS.position} characters`)
  })
})

describe('list rules', () => {
  const list = (n: number) =>
    (positionsBetween(null, null, n) as string[]).map((position, i) => ({
      id: `b${String(i).padStart(5, '0')}`,
      position
    }))

  it('sorts by key, then id, by code units', () => {
    const items = [
      { id: 'b', position: 'a1' },
      { id: 'a', position: 'a1' },
      { id: 'c', position: 'Zz' },
      { id: 'd', position: 'a0V' }
    ]
    expect(items.sort(byPosition).map((i) => i.id)).toEqual(['c', 'd', 'a', 'b'])
  })

  it('a reorder that moves one item of 5,000 changes that item only', () => {
    const items = list(5000)
    const ids = items.map((i) => i.id)
    const wanted = [...ids.slice(0, 10), ids[4000] as string, ...ids.slice(10, 4000), ...ids.slice(4001)]
    const changes = reordered(items, wanted)
    expect(changes.map(([item]) => item.id)).toEqual([ids[4000]])
    const after = items.map((i) =>
      i.id === ids[4000] ? { ...i, position: (changes[0] as [unknown, string])[1] } : i
    )
    expect(after.sort(byPosition).map((i) => i.id)).toEqual(wanted)
  })

  it('a reorder lists ids first, the rest after in their order, and writes the fewest items', () => {
    const items = list(6)
    const changes = reordered(items, ['b00003', 'b00001'])
    const moved = new Map(changes.map(([item, key]) => [item.id, key]))
    const after = items.map((i) => ({ ...i, position: moved.get(i.id) ?? i.position })).sort(byPosition)
    expect(after.map((i) => i.id)).toEqual(['b00003', 'b00001', 'b00000', 'b00002', 'b00004', 'b00005'])
    expect(changes.length).toBe(2)
  })

  it('spreads the list anew when no key fits between two neighbours', () => {
    // Two items that share a key (made at once on two devices) and one that must go between them.
    const items = [
      { id: 'x', position: 'a1' },
      { id: 'y', position: 'a1' },
      { id: 'z', position: 'a2' }
    ]
    expect(positionAt(items, 1)).toBeUndefined()
    const changes = reordered(items, ['x', 'z', 'y'])
    const moved = new Map(changes.map(([item, key]) => [item.id, key]))
    const after = items.map((i) => ({ ...i, position: moved.get(i.id) ?? i.position })).sort(byPosition)
    expect(after.map((i) => i.id)).toEqual(['x', 'z', 'y'])
    expect(after.map((i) => i.position)).toEqual(['c000', 'c001', 'c002'])
  })

  it('puts an item at an index between its neighbours, or at the end', () => {
    const items = list(3)
    const key = positionAt(items, 1) as string
    const [first, second, third] = items.map((i) => i.position) as [string, string, string]
    expect(first < key && key < second).toBe(true)
    expect((positionAt(items, undefined) as string) > third).toBe(true)
    expect(positionAt([], 0)).toBeDefined()
  })
})
