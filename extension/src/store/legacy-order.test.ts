import { describe, expect, it } from 'vitest'
import { rankPosition } from '../../../model/position'
import { keysFromOrders, tableKeysFromOrders, upgradeOutbox } from './legacy-order'
import type { Mutation } from './types'

describe('data saved before position keys', () => {
  it('keeps each list’s order: rank keys by (order, id), ids by code units, as the database migration', () => {
    const saved: { id: string; order: number; position?: string }[] = [
      { id: 'b_b', order: 1 },
      { id: 'b_a', order: 1 },
      { id: 'b_Z', order: 1 },
      { id: 'b_first', order: 0 }
    ]
    const keyed = keysFromOrders(saved)
    const key = new Map(keyed.map((item) => [item.id, item.position]))
    expect(['b_first', 'b_Z', 'b_a', 'b_b'].map((id) => key.get(id))).toEqual([0, 1, 2, 3].map(rankPosition))
    expect(keyed.every((item) => !('order' in item))).toBe(true)
  })

  it('keys every list of a table apart and leaves a keyed table as it is', () => {
    const table: Record<string, { id: string; spaceId: string; order: number; position?: string }> = {
      g1: { id: 'g1', spaceId: 's1', order: 1 },
      g2: { id: 'g2', spaceId: 's2', order: 0 },
      g3: { id: 'g3', spaceId: 's1', order: 0 }
    }
    const keyed = tableKeysFromOrders(table, (g) => g.spaceId)
    expect([keyed.g3?.position, keyed.g1?.position, keyed.g2?.position]).toEqual([0, 1, 0].map(rankPosition))
    const already = { g1: { id: 'g1', spaceId: 's1', position: 'a0' } }
    expect(tableKeysFromOrders(already, (g) => g.spaceId)).toBe(already)
  })

  it('upgrades a saved outbox: reorders dropped, a create’s order made its rank key, a move’s index left out', () => {
    const outbox = [
      { mutationId: 'm1', op: 'create', entity: 'space', data: { id: 's1', name: 'S', order: 3 } },
      { mutationId: 'm2', op: 'reorder', entity: 'space', data: { orderedIds: ['s1'] } },
      { mutationId: 'm3', op: 'move', entity: 'bookmark', data: { id: 'b1', groupId: 'g1', index: 2 } },
      { mutationId: 'm4', op: 'delete', entity: 'bookmark', data: { id: 'b2' } }
    ] as unknown as Mutation[]
    expect(upgradeOutbox(outbox)).toEqual([
      {
        mutationId: 'm1',
        op: 'create',
        entity: 'space',
        data: { id: 's1', name: 'S', position: rankPosition(3) }
      },
      { mutationId: 'm3', op: 'move', entity: 'bookmark', data: { id: 'b1', groupId: 'g1' } },
      outbox[3]
    ])
    const current = [outbox[3]] as Mutation[]
    expect(upgradeOutbox(current)).toBe(current)
  })
})
