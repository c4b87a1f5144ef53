// Positions in a push: a move carries the key its device made between the new neighbours (model/position.ts), so
// it writes that one row; two devices moving different items of one group at once both keep their moves; a create
// or move without a key goes to the end of its list; an old extension's integer orders get a clear 400.
import { describe, expect, it } from 'vitest'
import { positionBetween } from '../../../model/position'
import { byPosition, positionAt, reordered } from '../../../model/rules'
import { api, snapshotUser, testSql, uniqueId, uniqueUser } from '../../test/helpers'
import { Device, mutationId, pull, push, seedGroup } from './test-client'

type Stored = {
  id: string
  position: string
  version: number
  title: string
  group_id: string
  space_id: string
}

async function stored(user: string): Promise<Map<string, Stored>> {
  const rows = await testSql()`select id, position, version::float8 as version, title, tags, description, url,
      is_pinned, group_id, space_id, deleted_at from bookmarks where user_id = ${user}`
  return new Map(rows.map((r) => [r.id as string, r as unknown as Stored]))
}

/** A group's bookmarks as a person sees them: by (position, id), code units, as the extension sorts. */
const shown = (rows: Iterable<Stored>, group: string) =>
  [...rows]
    .filter((r) => r.group_id === group)
    .sort(byPosition)
    .map((r) => r.id)

const move = (id: string, groupId: string, position?: string) => ({
  mutationId: mutationId(),
  entity: 'bookmark',
  op: 'move',
  data: { id, groupId, ...(position ? { position } : {}) }
})

describe('a push that moves rows writes those rows only', () => {
  it('moves within a group and to another one: the keys given, every other row untouched, version included', async () => {
    const user = uniqueUser()
    const { group, bookmarks } = await seedGroup(user, 12)
    const other = await seedGroup(user, 2)
    await testSql()`update bookmarks set title = 'Title of ' || id where user_id = ${user}`
    const before = await stored(user)
    const ids = bookmarks as string[]
    const list = (g: string, except: string) =>
      [...before.values()].filter((r) => r.group_id === g && r.id !== except).sort(byPosition)
    // Each key between the new neighbours, as a device makes it: 10 to the third place, 3 to the front, 7 to the
    // other group's front.
    const keys = {
      [ids[10] as string]: positionAt(list(group, ids[10] as string), 2) as string,
      [ids[3] as string]: positionAt(list(group, ids[3] as string), 0) as string,
      [ids[7] as string]: positionAt(list(other.group, ids[7] as string), 0) as string
    }
    const res = await push(user, [
      move(ids[10] as string, group, keys[ids[10] as string]),
      move(ids[3] as string, group, keys[ids[3] as string]),
      move(ids[7] as string, other.group, keys[ids[7] as string])
    ])
    expect(res.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied'])

    const after = await stored(user)
    const rest = ids.filter((id) => ![ids[3], ids[7], ids[10]].includes(id))
    expect(shown(after.values(), group)).toEqual([ids[3], rest[0], rest[1], ids[10], ...rest.slice(2)])
    expect(shown(after.values(), other.group)).toEqual([ids[7], ...other.bookmarks])
    for (const [id, row] of after) {
      const was = before.get(id) as Stored
      if (id in keys) {
        expect([row.position, row.version, row.title], id).toEqual([keys[id], res.body.version, was.title])
      } else expect(row, id).toEqual(was)
    }
    expect(after.get(ids[7] as string)?.space_id).toBe(other.space)
  })

  it('creates without a key go after the last row, in the batch’s order; a key given is kept', async () => {
    const user = uniqueUser()
    const { group, bookmarks } = await seedGroup(user, 6)
    const before = await stored(user)
    const fresh = [uniqueId('bookmark'), uniqueId('bookmark'), uniqueId('bookmark')]
    const first = (before.get(bookmarks[0] as string) as Stored).position
    const front = positionBetween(null, first) as string
    const create = (id: string, position?: string) => ({
      mutationId: mutationId(),
      entity: 'bookmark',
      op: 'create',
      data: {
        id,
        groupId: group,
        title: 'New',
        url: 'https://example.com/new',
        ...(position ? { position } : {})
      }
    })
    const res = await push(user, [
      create(fresh[0] as string),
      create(fresh[1] as string, front),
      create(fresh[2] as string)
    ])
    expect(res.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied'])
    const after = await stored(user)
    for (const [id, row] of before) expect(after.get(id), id).toEqual(row)
    expect(after.get(fresh[1] as string)?.position).toBe(front)
    expect(shown(after.values(), group)).toEqual([fresh[1], ...bookmarks, fresh[0], fresh[2]])
  })

  it('a group deleted in the batch that created into it takes its members, tombstoned at the push’s version', async () => {
    const user = uniqueUser()
    const { group, bookmarks } = await seedGroup(user, 5)
    const res = await push(user, [
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

describe('two devices reorder one group at the same time', () => {
  it('each moves a different bookmark, both push at once: both moves survive, on every device', async () => {
    const user = uniqueUser()
    const { group, bookmarks } = await seedGroup(user, 8)
    const [a, b] = [new Device(user), new Device(user)]
    await Promise.all([a.sync(), b.sync()])
    const ids = bookmarks as string[]
    type Row = { id: string; position: string; groupId: string }
    const local = (device: Device) =>
      [...device.data.bookmarks.values()].filter((r) => r.groupId === group) as unknown as Row[]
    // Device A drags the last bookmark to the front; device B drags the second to the end. Each works out the
    // keys from its own view (model/rules.ts, as the extension does), which neither has of the other's move.
    const wantedA = [ids[7], ...ids.slice(0, 7)] as string[]
    const wantedB = [ids[0], ...ids.slice(2), ids[1]] as string[]
    const changesA = reordered(local(a), wantedA)
    const changesB = reordered(local(b), wantedB)
    expect([changesA.length, changesB.length]).toEqual([1, 1])
    const pushOf = (changes: [Row, string][], clientId: string) =>
      push(
        user,
        changes.map(([row, position]) => move(row.id, group, position)),
        clientId
      )
    const [resA, resB] = await Promise.all([pushOf(changesA, 'client_a'), pushOf(changesB, 'client_b')])
    expect([resA.status, resB.status]).toEqual([200, 200])
    expect([...resA.body.results, ...resB.body.results].map((r) => r.status)).toEqual(['applied', 'applied'])

    const both = [ids[7], ids[0], ...ids.slice(2, 7), ids[1]]
    expect(shown((await stored(user)).values(), group)).toEqual(both)
    await Promise.all([a.sync(), b.sync()])
    for (const device of [a, b])
      expect(
        local(device)
          .sort(byPosition)
          .map((r) => r.id)
      ).toEqual(both)
  })
})

describe('a move in a group of 5,000', () => {
  it('changes exactly one row, and the next pull from another device carries exactly that one row', async () => {
    const user = uniqueUser()
    const { group, bookmarks, res: seeded } = await seedGroup(user, 5000)
    expect(seeded.status).toBe(200)
    const other = new Device(user)
    await other.sync()
    expect(other.data.bookmarks.size).toBe(5000)
    const before = await snapshotUser(user, { withUserRow: false })
    const rows = [...(await stored(user)).values()].sort(byPosition)
    const ids = rows.map((r) => r.id)
    expect(ids).toEqual(bookmarks)
    // The device drags the 4,000th bookmark to the 10th place.
    const wanted = [...ids.slice(0, 9), ids[3999] as string, ...ids.slice(9, 3999), ...ids.slice(4000)]
    const changes = reordered(rows, wanted)
    expect(changes.map(([row]) => row.id)).toEqual([ids[3999]])
    const res = await push(user, [move(ids[3999] as string, group, (changes[0] as [Stored, string])[1])])
    expect(res.body.results[0]?.status).toBe('applied')

    const after = [...(await stored(user)).values()]
    expect(after.filter((r) => r.version === res.body.version).map((r) => r.id)).toEqual([ids[3999]])
    expect(shown(after, group)).toEqual(wanted)
    expect(await snapshotUser(user, { withUserRow: false })).not.toBe(before)
    const next = await pull(user, other.cursor)
    expect(next.body.bookmarks.map((b) => b.id)).toEqual([ids[3999]])
    expect([next.body.spaces.length, next.body.groups.length]).toEqual([0, 0])
  }, 60_000)
})

describe('an extension from before position keys', () => {
  it('gets 400 client_outdated for a push with integer orders, a reorder or a move to an index; nothing changes', async () => {
    const user = uniqueUser()
    const { space, group, bookmarks } = await seedGroup(user, 3)
    const before = await snapshotUser(user, { withUserRow: true })
    const old = [
      [
        {
          mutationId: mutationId(),
          entity: 'bookmark',
          op: 'reorder',
          data: { parentId: group, orderedIds: bookmarks }
        }
      ],
      [
        {
          mutationId: mutationId(),
          entity: 'bookmark',
          op: 'move',
          data: { id: bookmarks[0], groupId: group, index: 2 }
        }
      ],
      [
        {
          mutationId: mutationId(),
          entity: 'group',
          op: 'create',
          data: { id: uniqueId('group'), spaceId: space, name: 'Old', order: 1 }
        }
      ]
    ]
    for (const mutations of old) {
      const res = await push(user, mutations)
      expect(res.status).toBe(400)
      const body = res.body as unknown as { error: { code: string; message: string } }
      expect(body.error.code).toBe('client_outdated')
      expect(body.error.message).toMatch(/out of date.*Update the extension/)
    }
    expect(await snapshotUser(user, { withUserRow: true })).toBe(before)
  })

  it('gets the same 400 for a REST create or update with an integer order; a plain REST write still works', async () => {
    const user = uniqueUser()
    const { space, group } = await seedGroup(user, 1)
    for (const [method, path, body] of [
      ['POST', '/v1/spaces', { name: 'Old', order: 3 }],
      ['POST', '/v1/groups', { spaceId: space, name: 'Old', order: 0 }],
      ['PATCH', `/v1/groups/${group}`, { order: 2 }],
      [
        'POST',
        '/v1/bookmarks/bulk',
        { bookmarks: [{ groupId: group, title: 'x', url: 'https://x.y/', order: 0 }] }
      ]
    ] as const) {
      const res = await api<{ error: { code: string } }>(method, path, { user, body })
      expect([res.status, res.body.error.code], path).toEqual([400, 'client_outdated'])
    }
    const fine = await api<{ position: string }>('POST', '/v1/spaces', { user, body: { name: 'New' } })
    expect(fine.status).toBe(201)
  })

  it('a move without a position (an old extension’s move to the end) still works: the row goes last', async () => {
    const user = uniqueUser()
    const { group, bookmarks } = await seedGroup(user, 4)
    const res = await push(user, [move(bookmarks[0] as string, group)])
    expect(res.body.results[0]?.status).toBe('applied')
    expect(shown((await stored(user)).values(), group)).toEqual([...bookmarks.slice(1), bookmarks[0]])
  })
})
