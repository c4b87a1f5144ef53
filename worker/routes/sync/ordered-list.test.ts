// The ordered list against a plain array: after any sequence of appends, inserts, removals, moves to the front
// and renumberings, it holds the same items in the same order with the same orders.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { byOrder } from '../../../model/rules'
import { OrderedList } from './ordered-list'

type Item = { id: string; order: number }

const op = fc.oneof(
  fc.record({ kind: fc.constant('append' as const) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('front' as const), picks: fc.array(fc.nat(), { maxLength: 5 }) })
)

describe('OrderedList', () => {
  it('holds what a plain array holds, built from any list of orders (ties by id)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 300 }),
        fc.array(op, { maxLength: 60 }),
        (orders, ops) => {
          const items = orders.map((order, i): Item => ({ id: `b${String(i).padStart(4, '0')}`, order }))
          const list = new OrderedList(items)
          // The reference: the items in list order, each with its order.
          let model = [...items].sort(byOrder).map((item) => ({ item, order: item.order }))
          let fresh = 0
          for (const o of ops) {
            if (o.kind === 'append') {
              const item = { id: `n${fresh++}`, order: 0 }
              const order = (model.at(-1)?.order ?? -1) + 1
              list.append(item, order)
              model.push({ item, order })
            } else if (o.kind === 'insert') {
              const item = { id: `n${fresh++}`, order: 0 }
              const at = o.at % (model.length + 1)
              list.insertAt(item, at)
              list.renumber()
              model.splice(at, 0, { item, order: 0 })
              model = model.map((m, i) => ({ ...m, order: i }))
            } else if (o.kind === 'remove' && model.length > 0) {
              const [gone] = model.splice(o.at % model.length, 1)
              if (!gone) continue
              list.remove(gone.item)
              expect(gone.item.order).toBe(gone.order)
              expect(list.has(gone.item)).toBe(false)
            } else if (o.kind === 'front' && model.length > 0) {
              const picked = [...new Set(o.picks.map((p) => model[p % model.length]?.item as Item))]
              list.moveToFront(picked)
              list.renumber()
              model = [...picked, ...model.map((m) => m.item).filter((i) => !picked.includes(i))].map(
                (item, order) => ({ item, order })
              )
            }
          }
          const actual: [string, number][] = []
          list.forEach((item, order) => {
            actual.push([item.id, order])
          })
          expect(actual).toEqual(model.map((m) => [m.item.id, m.order]))
          expect(list.size).toBe(model.length)
          expect(list.lastOrder()).toBe(model.at(-1)?.order)
        }
      ),
      { numRuns: 300, seed: 3 }
    )
  })
})
