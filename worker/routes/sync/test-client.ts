// A tiny sync client for tests: it keeps what it pulled, like a device would.
import type { z } from '@hono/zod-openapi'
import { api, uniqueId } from '../../test/helpers'
import type { PullResultSchema, PushResultSchema } from './sync.schemas'

export type PullBody = z.infer<typeof PullResultSchema>
export type PushBody = z.infer<typeof PushResultSchema>
type Entity = 'spaces' | 'groups' | 'bookmarks'

let counter = 0
export const mutationId = () => `m_${Date.now().toString(36)}_${(counter++).toString(36)}`

/** Pushes one space holding one group of `count` bookmarks; their ids, and the push's answer. */
export async function seedGroup(user: string, count: number) {
  const [space, group] = [uniqueId('space'), uniqueId('group')]
  const bookmarks = Array.from({ length: count }, () => uniqueId('bookmark'))
  const res = await push(user, [
    { mutationId: mutationId(), entity: 'space', op: 'create', data: { id: space, name: 'S' } },
    {
      mutationId: mutationId(),
      entity: 'group',
      op: 'create',
      data: { id: group, spaceId: space, name: 'G' }
    },
    ...bookmarks.map((id) => ({
      mutationId: mutationId(),
      entity: 'bookmark',
      op: 'create',
      data: { id, groupId: group, title: id, url: 'https://example.com/' }
    }))
  ])
  return { space, group, bookmarks, res }
}

export async function pull(user: string, cursor?: string, limit?: number) {
  const query = new URLSearchParams()
  if (cursor) query.set('cursor', cursor)
  if (limit) query.set('limit', String(limit))
  return api<PullBody>('GET', `/v1/sync/pull?${query}`, { user })
}

export async function push(user: string, mutations: unknown[], clientId = 'client_test', cursor?: string) {
  return api<PushBody>('POST', '/v1/sync/push', { user, body: { clientId, mutations, cursor } })
}

/** A device: local copies of every entity, kept current by pulling pages until hasMore is false. */
export class Device {
  cursor: string | undefined
  readonly data: Record<Entity, Map<string, { id: string } & Record<string, unknown>>> = {
    spaces: new Map(),
    groups: new Map(),
    bookmarks: new Map()
  }

  constructor(readonly user: string) {}

  async sync(limit?: number) {
    for (;;) {
      const res = await pull(this.user, this.cursor, limit)
      if (res.status !== 200) throw new Error(`pull failed: ${res.status} ${JSON.stringify(res.body)}`)
      if (res.body.reset) for (const map of Object.values(this.data)) map.clear()
      for (const entity of ['spaces', 'groups', 'bookmarks'] as const) {
        for (const row of res.body[entity]) this.data[entity].set(row.id, row)
        for (const id of res.body.deleted[entity]) this.data[entity].delete(id)
      }
      this.cursor = res.body.cursor
      if (!res.body.hasMore) return
    }
  }

  snapshot() {
    const sorted = (entity: Entity) => [...this.data[entity].values()].sort((a, b) => (a.id < b.id ? -1 : 1))
    return { spaces: sorted('spaces'), groups: sorted('groups'), bookmarks: sorted('bookmarks') }
  }
}
