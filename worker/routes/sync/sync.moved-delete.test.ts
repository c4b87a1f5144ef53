// A group moved to another space and then deleted (or its old or new space deleted), in one push or across
// pushes, when the push loads none of its bookmarks: the bookmarks must end where the group ended (its space, its
// tombstone), so that a device that pulls from its cursor and a fresh device agree.
import { describe, expect, it } from 'vitest'
import { range, testSql, uniqueId, uniqueUser } from '../../test/helpers'
import { Device, mutationId, push } from './test-client'

const op = (entity: string, kind: string, data: Record<string, unknown>) => ({
  mutationId: mutationId(),
  entity,
  op: kind,
  data
})

/** Two spaces; a group of three bookmarks in the first. */
async function seed(user: string) {
  const ids = {
    from: uniqueId('space'),
    to: uniqueId('space'),
    group: uniqueId('group'),
    bookmarks: range(3).map(() => uniqueId('bookmark'))
  }
  const res = await push(user, [
    op('space', 'create', { id: ids.from, name: 'From' }),
    op('space', 'create', { id: ids.to, name: 'To' }),
    op('group', 'create', { id: ids.group, spaceId: ids.from, name: 'G' }),
    ...ids.bookmarks.map((id) =>
      op('bookmark', 'create', { id, groupId: ids.group, title: id, url: 'https://example.com/' })
    )
  ])
  expect(res.body.results.every((r) => r.status === 'applied')).toBe(true)
  return ids
}

/** The group's bookmarks as stored: their space, whether deleted, and whether their version is past `after`. */
async function storedBookmarks(user: string, group: string) {
  const rows =
    await testSql()`select b.space_id = g.space_id as in_group_space, b.deleted_at is not null as deleted,
    g.deleted_at is not null as group_deleted
    from bookmarks b join groups g on g.user_id = b.user_id and g.id = b.group_id
    where b.user_id = ${user} and b.group_id = ${group}`
  return rows.map((r) => ({
    inGroupSpace: r.in_group_space,
    deleted: r.deleted,
    groupDeleted: r.group_deleted
  }))
}

type Scenario = {
  name: string
  /** The pushes, each a list of mutations (made from the seeded ids). */
  pushes: (ids: Awaited<ReturnType<typeof seed>>) => unknown[][]
  /** Whether the group and its bookmarks end deleted. */
  deleted: boolean
}

const scenarios: Scenario[] = [
  {
    name: 'moved and deleted in one push',
    pushes: (ids) => [
      [op('group', 'move', { id: ids.group, spaceId: ids.to }), op('group', 'delete', { id: ids.group })]
    ],
    deleted: true
  },
  {
    name: 'moved in one push, deleted in the next',
    pushes: (ids) => [
      [op('group', 'move', { id: ids.group, spaceId: ids.to })],
      [op('group', 'delete', { id: ids.group })]
    ],
    deleted: true
  },
  {
    name: 'moved, then its new space deleted, in one push',
    pushes: (ids) => [
      [op('group', 'move', { id: ids.group, spaceId: ids.to }), op('space', 'delete', { id: ids.to })]
    ],
    deleted: true
  },
  {
    name: 'moved, then its old space deleted, in one push (the group and its bookmarks stay)',
    pushes: (ids) => [
      [op('group', 'move', { id: ids.group, spaceId: ids.to }), op('space', 'delete', { id: ids.from })]
    ],
    deleted: false
  },
  {
    name: 'moved and back, then deleted, in one push',
    pushes: (ids) => [
      [
        op('group', 'move', { id: ids.group, spaceId: ids.to }),
        op('group', 'move', { id: ids.group, spaceId: ids.from }),
        op('group', 'delete', { id: ids.group })
      ]
    ],
    deleted: true
  }
]

describe('a moved group whose bookmarks the push did not load', () => {
  for (const scenario of scenarios) {
    it(`${scenario.name}: its bookmarks end in its space, deleted with it, on every device`, async () => {
      const user = uniqueUser()
      const ids = await seed(user)
      const device = new Device(user)
      await device.sync()
      for (const mutations of scenario.pushes(ids)) {
        const res = await push(user, mutations, 'other-device')
        expect(res.status).toBe(200)
        expect(res.body.results.every((r) => r.status === 'applied')).toBe(true)
      }
      // Stored: every bookmark in its group's space, deleted exactly when the group is.
      const stored = await storedBookmarks(user, ids.group)
      expect(stored).toEqual(
        ids.bookmarks.map(() => ({
          inGroupSpace: true,
          deleted: scenario.deleted,
          groupDeleted: scenario.deleted
        }))
      )
      // The device that pulls from its cursor ends as a fresh device does.
      await device.sync()
      const fresh = new Device(user)
      await fresh.sync()
      expect(device.snapshot()).toEqual(fresh.snapshot())
      const kept = fresh.snapshot().bookmarks.filter((b) => ids.bookmarks.includes(b.id))
      expect(kept).toHaveLength(scenario.deleted ? 0 : ids.bookmarks.length)
      for (const b of kept) expect(b.spaceId).toBe(ids.to)
    })
  }
})
