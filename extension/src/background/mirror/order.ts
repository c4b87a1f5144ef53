// Sibling order between the two sides of the mirror: which side's order wins for one list, and the position keys
// that give the store that order (Chrome orders by index, the store by fractional keys: model/position.ts).
import { positionsBetween, spreadPositions } from '../../../../model/position'
import { type Positioned, reordered } from '../../../../model/rules'

export type OrderMerge = { order: string[]; winner: 'store' | 'chrome' }

const project = (seq: readonly string[], keep: ReadonlySet<string>) => seq.filter((id) => keep.has(id))
const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i])

/**
 * One list's order from the store's, Chrome's and the last agreed one (`base`). A side that reordered the items
 * all three know wins; when both did, the store wins (the deterministic rule: the store is what every device
 * syncs through the server). Items only one side has are put after their predecessor on that side.
 */
export function mergeOrder(
  store: readonly string[],
  chrome: readonly string[],
  base: readonly string[]
): OrderMerge {
  const inChrome = new Set(chrome)
  const inBase = new Set(base)
  const common = new Set(store.filter((id) => inChrome.has(id) && inBase.has(id)))
  const storeMoved = !same(project(store, common), project(base, common))
  const chromeMoved = !same(project(chrome, common), project(base, common))
  const winner = chromeMoved && !storeMoved ? 'chrome' : 'store'
  const [first, other] = winner === 'chrome' ? [chrome, store] : [store, chrome]
  const order = [...new Set(first)]
  const placed = new Set(order)
  let after: string | undefined
  for (const id of other) {
    if (!placed.has(id)) {
      const at = after === undefined ? 0 : order.indexOf(after) + 1
      order.splice(at, 0, id)
      placed.add(id)
    }
    after = id
  }
  return { order, winner }
}

/**
 * Keys that put a list in `order`: `existing` are the items the store has in the list now (with their keys),
 * the others in `order` are new to it. Returns the key of every item whose key must change (all new ones): the
 * longest run already in order keeps its keys, as a drag does (model/rules.ts `reordered`).
 */
export function keysForOrder(existing: readonly Positioned[], order: readonly string[]): Map<string, string> {
  const has = new Map(existing.map((item) => [item.id, item]))
  const keys = new Map<string, string>()
  for (const [item, key] of reordered(
    existing,
    order.filter((id) => has.has(id))
  ))
    keys.set(item.id, key)
  const keyOf = (id: string) => keys.get(id) ?? has.get(id)?.position
  let i = 0
  while (i < order.length) {
    if (keyOf(order[i] as string) !== undefined) {
      i++
      continue
    }
    let end = i
    while (end < order.length && keyOf(order[end] as string) === undefined) end++
    const before = i > 0 ? (keyOf(order[i - 1] as string) ?? null) : null
    const after = end < order.length ? (keyOf(order[end] as string) ?? null) : null
    const run =
      before !== null && after !== null && before >= after
        ? undefined
        : positionsBetween(before, after, end - i)
    if (!run) return spread(existing, order)
    for (let j = i; j < end; j++) keys.set(order[j] as string, run[j - i] as string)
    i = end
  }
  return keys
}

/** Fresh rank keys for the whole list: the rare fallback when keys between neighbours would grow too long. */
function spread(existing: readonly Positioned[], order: readonly string[]): Map<string, string> {
  const old = new Map(existing.map((item) => [item.id, item.position]))
  const fresh = spreadPositions(order.length)
  const keys = new Map<string, string>()
  order.forEach((id, i) => {
    if (old.get(id) !== fresh[i]) keys.set(id, fresh[i] as string)
  })
  return keys
}
