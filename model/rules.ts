// The ordering, moving and cascading rules, written once: the extension's store places items with them, and both
// sides sort and cascade by them, so a change made offline lands the same on every device and on the server.
import type { EntityKind } from './kinds'
import { positionBetween, positionsBetween, type Random, spreadPositions } from './position.ts'

export type Positioned = { id: string; position: string }

/**
 * Sibling order: by position key, then id, both by plain code units (PostgreSQL sorts them `COLLATE "C"`), as
 * every list is read on both sides: ties (two devices that made one key) never depend on arrival.
 */
export const byPosition = (a: Positioned, b: Positioned): number =>
  a.position < b.position ? -1 : a.position > b.position ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

/** New keys for some items of a list: each item with its key. Only these rows change. */
export type Placement<T> = [T, string][]

/**
 * The key for an item put at `index` among `siblings` (its new list, sorted by byPosition, without it): between
 * its new neighbours, so that only the item changes. Undefined when that key would be too long: then the caller
 * spreads the list (`spreadList`).
 */
export function positionAt(
  siblings: readonly Positioned[],
  index: number | undefined,
  random?: Random
): string | undefined {
  const at = index === undefined ? siblings.length : Math.max(0, Math.min(index, siblings.length))
  const before = siblings[at - 1]?.position ?? null
  const after = siblings[at]?.position ?? null
  // Two items with one key (made at once on two devices) leave no room between them.
  if (before !== null && after !== null && before >= after) return undefined
  return positionBetween(before, after, random)
}

/** Fresh rank keys for a whole list in the given order (model/position.ts spreadPositions): the rare fallback. */
export function spreadList<T extends Positioned>(list: readonly T[]): Placement<T> {
  const keys = spreadPositions(list.length)
  return list.flatMap(
    (item, i): Placement<T> => (item.position === keys[i] ? [] : [[item, keys[i] as string]])
  )
}

/**
 * A reorder: the listed ids first, in the given order, then every other sibling in its current order (ids no
 * longer in the list are skipped). Keeps the keys of the longest run of items already in order (a longest
 * increasing subsequence), and gives the others keys between their new neighbours: dragging one tile writes one
 * row, a sort writes the items it moves. Falls back to spreading the whole list when keys would grow too long.
 */
export function reordered<T extends Positioned>(
  siblings: readonly T[],
  orderedIds: readonly string[],
  random?: Random
): Placement<T> {
  const current = siblings.slice().sort(byPosition)
  const byId = new Map(current.map((s) => [s.id, s]))
  const listed = [...new Set(orderedIds)].flatMap((id) => byId.get(id) ?? [])
  const named = new Set(listed)
  const wanted = [...listed, ...current.filter((s) => !named.has(s))]
  const rank = new Map(current.map((s, i) => [s, i]))
  const keep = longestIncreasing(wanted.map((s) => rank.get(s) as number))
  const placement: Placement<T> = []
  let i = 0
  while (i < wanted.length) {
    if (keep.has(i)) {
      i++
      continue
    }
    let end = i
    while (end < wanted.length && !keep.has(end)) end++
    const before = i > 0 ? (wanted[i - 1] as T).position : null
    const after = end < wanted.length ? (wanted[end] as T).position : null
    const keys =
      before !== null && after !== null && before >= after
        ? undefined
        : positionsBetween(before, after, end - i, random)
    if (!keys) return spreadList(wanted)
    for (let j = i; j < end; j++) placement.push([wanted[j] as T, keys[j - i] as string])
    i = end
  }
  return placement
}

/** The indexes of one longest strictly increasing subsequence of `values` (patience sorting, O(n log n)). */
function longestIncreasing(values: readonly number[]): Set<number> {
  const tails: number[] = [] // tails[k]: index of the smallest last value of an increasing run of length k + 1
  const previous = new Array<number>(values.length).fill(-1)
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number
    let lo = 0
    let hi = tails.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((values[tails[mid] as number] as number) < value) lo = mid + 1
      else hi = mid
    }
    if (lo > 0) previous[i] = tails[lo - 1] as number
    tails[lo] = i
  }
  const keep = new Set<number>()
  for (let at = tails.at(-1) ?? -1; at >= 0; at = previous[at] as number) keep.add(at)
  return keep
}

/** Each kind's parent field: what its lists are keyed by and what a move changes. Spaces are top-level. */
export const parentField = { space: null, group: 'spaceId', bookmark: 'groupId' } as const

/** What a delete takes with it: the rows of each kind whose field names the deleted row. */
export const cascade: { [K in EntityKind]: readonly (readonly [EntityKind, 'spaceId' | 'groupId'])[] } = {
  space: [
    ['group', 'spaceId'],
    ['bookmark', 'spaceId']
  ],
  group: [['bookmark', 'groupId']],
  bookmark: []
}

/** A group that moves to another space takes its bookmarks along: they get the group's new `spaceId`. */
export const carriedByGroupMove = { kind: 'bookmark', by: 'groupId', field: 'spaceId' } as const
