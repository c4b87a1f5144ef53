// A push that renumbers a list writes the places of its members (order, parents, tombstone, version) and nothing
// else of them: the load reads members as ids and orders only, so their other columns must come through untouched.
import { describe, expect, it } from 'vitest'
import { placed, reordered } from '../../../model/rules'
import { testSql, uniqueId, uniqueUser } from '../../test/helpers'
import { mutationId, pull, push, seedGroup } from './test-client'

type Stored = {
  id: string
  order: number
  version: number
  title: string
  group_id: string
  space_id: string
}

async function stored(user: string): Promise<Map<string, Stored>> {
  const rows = await testSql()`select id, "order", version::float8 as version, title, tags, description, url,
      is_pinned, group_id, space_id, deleted_at from bookmarks where user_id = ${user}`
  return new Map(rows.map((r) => [r.id as string, r as unknown as Stored]))
}

/** Everything of a row but its place and stamp. */
const content = ({ order, version, ...rest }: Stored) => rest

describe('a push that renumbers a list writes only the places of its members', () => {
  it('moves to an index and reorders: dense orders as the rules give, other columns kept, every live member stamped', async () => {
    const user = uniqueUser()
    const { space, group, bookmarks } = await seedGroup(user, 12)
    const other = await seedGroup(user, 2)
    // Give every bookmark its own content, so that a row written back from a partial load would show.
    await testSql()`update bookmarks set title = 'Title of ' || id, description = 'About ' || id,
      tags = array['t', id], is_pinned = (length(id) % 2 = 0) where user_id = ${user}`
    const before = await stored(user)
    const ids = bookmarks as string[]
    const at = (i: number) => ids[i] as string
    const batch = [
      { entity: 'bookmark', op: 'move', data: { id: at(10), groupId: group, index: 2 } },
      { entity: 'bookmark', op: 'reorder', data: { parentId: group, orderedIds: [at(5), at(0)] } },
      { entity: 'bookmark', op: 'move', data: { id: at(3), groupId: group, index: 8 } },
      // Out of the list into the other group, at its front.
      { entity: 'bookmark', op: 'move', data: { id: at(7), groupId: other.group, index: 0 } }
    ]
    const res = await push(
      user,
      batch.map((m) => ({ mutationId: mutationId(), ...m }))
    )
    expect(res.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied'])

    // The rules, one mutation at a time, over the lists as they were.
    type Item = { id: string; order: number; group: string }
    const items = [...before.values()].map((r): Item => ({ id: r.id, order: r.order, group: r.group_id }))
    const list = (g: string, except?: Item) => items.filter((i) => i.group === g && i !== except)
    const find = (id: string) => items.find((i) => i.id === id) as Item
    const apply = (changes: [Item, number][]) => {
      for (const [item, order] of changes) item.order = order
    }
    for (const m of batch) {
      if (m.op === 'reorder') apply(reordered(list(group), m.data.orderedIds as string[]))
      else {
        const item = find(m.data.id as string)
        item.group = m.data.groupId as string
        apply(placed(list(item.group, item), item, m.data.index as number))
      }
    }

    const after = await stored(user)
    for (const item of items) {
      const row = after.get(item.id) as Stored
      expect([row.group_id, row.order], item.id).toEqual([item.group, item.order])
      const was = before.get(item.id) as Stored
      // A bookmark's space is its group's (the one moved out went to the other seeded space).
      const spaceOf = (g: string) => (g === group ? space : other.space)
      expect({ ...content(row), group_id: was.group_id, space_id: spaceOf(was.group_id) }, item.id).toEqual(
        content(was)
      )
      expect(row.space_id, item.id).toBe(spaceOf(item.group))
      expect(row.title).toBe(`Title of ${item.id}`)
    }
    // Both lists were renumbered by a move to an index: every member of each carries the push's version.
    for (const g of [group, other.group]) {
      const members = items.filter((i) => i.group === g)
      expect(members.map((i) => after.get(i.id)?.version)).toEqual(members.map(() => res.body.version))
    }
  })

  it('creates appended to a list leave its members as they were, versions included', async () => {
    const user = uniqueUser()
    const { group } = await seedGroup(user, 6)
    const before = await stored(user)
    const fresh = [uniqueId('bookmark'), uniqueId('bookmark'), uniqueId('bookmark')]
    const res = await push(
      user,
      // With no order, and with the order a device gives a new bookmark (its list's size): both at the end.
      fresh.map((id, i) => ({
        mutationId: mutationId(),
        entity: 'bookmark',
        op: 'create',
        data: {
          id,
          groupId: group,
          title: 'New',
          url: 'https://example.com/new',
          order: [undefined, 7, 8][i]
        }
      }))
    )
    expect(res.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied'])
    const after = await stored(user)
    for (const [id, row] of before) expect(after.get(id), id).toEqual(row)
    expect(fresh.map((id) => after.get(id)?.order)).toEqual([6, 7, 8])
  })

  it('a create with an order below its list’s size (a device behind on the list) goes there, the list renumbered', async () => {
    const user = uniqueUser()
    const { group, bookmarks } = await seedGroup(user, 6)
    const fresh = [uniqueId('bookmark'), uniqueId('bookmark')]
    const res = await push(user, [
      // At the end first (the list's tail is enough), then at 2: that needs the whole list.
      {
        mutationId: mutationId(),
        entity: 'bookmark',
        op: 'create',
        data: { id: fresh[0], groupId: group, title: 'End', url: 'https://example.com/end' }
      },
      {
        mutationId: mutationId(),
        entity: 'bookmark',
        op: 'create',
        data: { id: fresh[1], groupId: group, title: 'Third', url: 'https://example.com/third', order: 2 }
      }
    ])
    expect(res.body.results.map((r) => r.status)).toEqual(['applied', 'applied'])
    const after = await stored(user)
    const inOrder = [...after.values()].sort((a, b) => a.order - b.order).map((r) => [r.id, r.order])
    const expected = [...bookmarks.slice(0, 2), fresh[1], ...bookmarks.slice(2), fresh[0]]
    expect(inOrder).toEqual(expected.map((id, order) => [id, order]))
    // The rows whose order changed (and the new ones) carry the push's version; the two before the new one kept theirs.
    const stamped = [...after.values()].filter((r) => r.version === res.body.version).map((r) => r.id)
    expect(stamped.sort()).toEqual([...bookmarks.slice(2), ...fresh].sort())
  })

  it('a group deleted in the batch that loaded its list takes its members, tombstoned at the push’s version', async () => {
    const user = uniqueUser()
    const { group, bookmarks } = await seedGroup(user, 5)
    const res = await push(user, [
      // The create loads the group's list (its members as ids and orders), then the delete tombstones them.
      {
        mutationId: mutationId(),
        entity: 'bookmark',
        op: 'create',
        data: { id: uniqueId('bookmark'), groupId: group, title: 'Late', url: 'https://example.com/late' }
      },
      { mutationId: mutationId(), entity: 'group', op: 'delete', data: { id: group } }
    ])
    expect(res.body.results.map((r) => r.status)).toEqual(['applied', 'applied'])
    const rows = await testSql()`select id, title, version::float8 as version, deleted_at is not null as gone
      from bookmarks where user_id = ${user} and id in ${testSql()(bookmarks)}`
    expect(rows.map((r) => [r.gone, r.version, r.title === r.id])).toEqual(
      rows.map(() => [true, res.body.version, true])
    )
    expect((await pull(user)).body.bookmarks).toEqual([])
  })
})
