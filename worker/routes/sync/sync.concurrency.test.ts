import { describe, expect, it } from 'vitest'
import { api, testSql, uniqueId, uniqueUser } from '../../test/helpers'
import { Device, mutationId, push } from './test-client'

describe('sync under concurrency', () => {
  it('concurrent writers and pullers: every device ends its incremental pulls with every change', async () => {
    const user = uniqueUser()
    const spaceId = uniqueId('space')
    const groupId = uniqueId('group')
    await push(user, [
      { mutationId: mutationId(), entity: 'space', op: 'create', data: { id: spaceId, name: 'S' } },
      { mutationId: mutationId(), entity: 'group', op: 'create', data: { id: groupId, spaceId, name: 'G' } }
    ])
    const created: string[] = []
    const writer = async (w: number) => {
      for (let i = 0; i < 12; i++) {
        const id = uniqueId('bookmark')
        created.push(id)
        // Alternate the two write paths: sync push batches and plain REST creates.
        if (i % 2 === 0) {
          const res = await push(
            user,
            [
              {
                mutationId: mutationId(),
                entity: 'bookmark',
                op: 'create',
                data: { id, groupId, title: `w${w}-${i}`, url: 'https://a.example' }
              }
            ],
            `writer-${w}`
          )
          expect(res.body.results[0]?.status).toBe('applied')
        } else {
          const res = await api('POST', '/v1/bookmarks', {
            user,
            body: { id, groupId, title: `w${w}-${i}`, url: 'https://b.example' }
          })
          expect(res.status).toBe(201)
        }
      }
    }
    const devices = [new Device(user), new Device(user), new Device(user)]
    let writing = true
    const puller = async (device: Device, limit: number) => {
      while (writing) await device.sync(limit)
    }
    const pullers = devices.map((d, i) => puller(d, [3, 7, 1000][i] as number))
    await Promise.all([0, 1, 2, 3].map(writer))
    writing = false
    await Promise.all(pullers)
    for (const device of devices) {
      await device.sync()
      expect([...device.data.bookmarks.keys()].sort()).toEqual([...created].sort())
    }
  }, 60_000)

  it('the same batch pushed several times at once applies once, and every push gets the same outcomes', async () => {
    const user = uniqueUser()
    const spaceId = uniqueId('space')
    const groupId = uniqueId('group')
    await push(user, [
      { mutationId: mutationId(), entity: 'space', op: 'create', data: { id: spaceId, name: 'S' } },
      { mutationId: mutationId(), entity: 'group', op: 'create', data: { id: groupId, spaceId, name: 'G' } }
    ])
    const batch = Array.from({ length: 5 }, (_, i) => ({
      mutationId: mutationId(),
      entity: 'bookmark',
      op: 'create',
      data: { id: uniqueId('bookmark'), groupId, title: `t${i}`, url: 'https://a.example' }
    }))
    const answers = await Promise.all(Array.from({ length: 4 }, (_, i) => push(user, batch, `tab-${i}`)))
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200])
    for (const a of answers) expect(a.body.results.map((r) => r.status)).toEqual(Array(5).fill('applied'))
    const state = new Device(user)
    await state.sync()
    expect(state.data.bookmarks.size).toBe(5)
  }, 60_000)

  it('simultaneous pushes into one group give every bookmark its own key, each after the one committed before', async () => {
    const user = uniqueUser()
    const spaceId = uniqueId('space')
    const groupId = uniqueId('group')
    await push(user, [
      { mutationId: mutationId(), entity: 'space', op: 'create', data: { id: spaceId, name: 'S' } },
      { mutationId: mutationId(), entity: 'group', op: 'create', data: { id: groupId, spaceId, name: 'G' } }
    ])
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        push(user, [
          {
            mutationId: mutationId(),
            entity: 'bookmark',
            op: 'create',
            data: { id: uniqueId('bookmark'), groupId, title: `t${i}`, url: 'https://a.example' }
          }
        ])
      )
    )
    const device = new Device(user)
    await device.sync()
    // Each push read the list's last key under the user's lock: in commit (version) order, every key comes
    // after the one before, so no two bookmarks share a place.
    const rows = [...device.data.bookmarks.values()] as unknown as {
      position: string
      version?: number
      id: string
    }[]
    const stored = await testSql()`select id, position, version::float8 as version from bookmarks
      where user_id = ${user} order by version`
    expect(stored).toHaveLength(8)
    const keys = stored.map((r) => r.position as string)
    expect(keys.slice().sort()).toEqual(keys)
    expect(new Set(keys).size).toBe(8)
    expect(rows.map((r) => r.position).sort()).toEqual(keys.slice().sort())
  }, 60_000)
})
