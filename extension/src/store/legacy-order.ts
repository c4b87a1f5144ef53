// What an extension saved before position keys (integer `order`s, `reorder` and `index` mutations) in the shape of
// this one: orders become keys as the server's migration makes them, so the visible order stays as it was.
import { RANK_CAPACITY, rankPosition, spreadPositions } from '../../../model/position'
import type { Mutation } from './types'

type Saved = { id: string; position?: string; order?: number }

/**
 * Gives one sibling list keys from its saved orders when an item lacks one: the rank keys of model/position.ts in
 * (order, id) order, ids by code units, as the database migration ranks the same list (migrations/0009). A list
 * already keyed is left as it is (an `order` left over is dropped).
 */
export function keysFromOrders<T extends Saved>(list: T[]): T[] {
  if (list.every((item) => typeof item.position === 'string' && !('order' in item))) return list
  if (list.every((item) => typeof item.position === 'string'))
    return list.map(({ order: _, ...item }) => item as T)
  const sorted = list
    .slice()
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const keys = spreadPositions(sorted.length)
  const key = new Map(sorted.map((item, i) => [item.id, keys[i] as string]))
  return list.map(({ order: _, ...item }) => ({ ...item, position: key.get(item.id) }) as T)
}

/** Each list of a table (items grouped by `parentOf`) keyed by keysFromOrders, back in one table. */
export function tableKeysFromOrders<T extends Saved>(
  table: Record<string, T>,
  parentOf: (item: T) => string
): Record<string, T> {
  const items = Object.values(table)
  if (items.every((item) => typeof item.position === 'string' && !('order' in item))) return table
  const lists = new Map<string, T[]>()
  for (const item of items) lists.set(parentOf(item), [...(lists.get(parentOf(item)) ?? []), item])
  const out: Record<string, T> = {}
  for (const list of lists.values()) for (const item of keysFromOrders(list)) out[item.id] = item
  return out
}

/**
 * A saved mutation in the shape the server takes now, or undefined for one it no longer has (`reorder`: the
 * list's new order is already in the local data, and the server's keys come back with the next pull). A create's
 * `order` becomes its rank key (old extensions kept orders dense: the key the local data got, keysFromOrders); a
 * move's `index` is dropped, and the server puts the row at its list's end.
 */
export function upgradeMutation(m: Mutation): Mutation | undefined {
  const op = (m as { op: string }).op
  if (op === 'reorder') return undefined
  const data = m.data as Record<string, unknown>
  if ((op === 'create' && 'order' in data) || (op === 'move' && 'index' in data)) {
    const { order, index: _, ...rest } = data
    const rank = typeof order === 'number' && Number.isInteger(order) && order >= 0 && order < RANK_CAPACITY
    const key = op === 'create' && rank && !('position' in rest) ? { position: rankPosition(order) } : {}
    return { ...m, data: { ...rest, ...key } } as Mutation
  }
  return m
}

export const upgradeOutbox = (outbox: Mutation[]): Mutation[] =>
  outbox.some((m) => upgradeMutation(m) !== m) ? outbox.flatMap((m) => upgradeMutation(m) ?? []) : outbox
