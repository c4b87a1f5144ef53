// The database stops while CRUD and sync requests run: every answer is a success (it finished first) or a
// clean 503 `db_unavailable`, none hangs, and once the database is back the same Worker serves again.
import { afterAll, beforeAll, expect, it, describe as suite } from 'vitest'
import { sleep } from '../../scripts/lib/wrangler-dev.ts'
import {
  type Answer,
  describe,
  errorCode,
  HANG_MS,
  isCleanAnswer,
  type ResilienceStack,
  startResilienceStack
} from './lib/stack.ts'

let stack: ResilienceStack
const user = 'user_resilience_down'
let spaceId = ''
let groupId = ''
let cursor = ''
let serial = 0

/** One round of every kind of request a client makes, each on its own fresh ids. */
async function mixedRound(): Promise<Answer[]> {
  const n = serial++
  const call = stack.call
  // Create then delete: the delete targets a row that exists whenever the database does.
  const createThenDelete = async () => {
    const made = await call('POST', '/v1/bookmarks', user, {
      id: `bookmark_down_${n}`,
      groupId,
      title: `Down ${n}`,
      url: 'https://example.com/'
    })
    return [made, await call('DELETE', `/v1/bookmarks/bookmark_down_${n}`, user)]
  }
  const answers = await Promise.all([
    call('GET', '/v1/spaces', user),
    call('GET', `/v1/groups?spaceId=${spaceId}`, user),
    call('GET', `/v1/bookmarks?groupId=${groupId}`, user),
    call('POST', '/v1/spaces', user, { id: `space_down_${n}`, name: `Down ${n}` }),
    createThenDelete(),
    call('PATCH', `/v1/spaces/${spaceId}`, user, { name: `Renamed ${n}` }),
    call('PUT', '/v1/spaces/order', user, { orderedIds: [spaceId] }),
    call('GET', '/v1/sync/pull', user),
    call('GET', `/v1/sync/pull?cursor=${encodeURIComponent(cursor)}`, user),
    call('GET', '/v1/sync/status', user),
    call('POST', '/v1/sync/push', user, {
      clientId: 'client_down',
      mutations: [
        {
          mutationId: `m_down_${n}`,
          entity: 'bookmark',
          op: 'create',
          data: { id: `bookmark_push_${n}`, groupId, title: `Pushed ${n}`, url: 'https://example.org/' }
        }
      ]
    })
  ])
  return answers.flat()
}

beforeAll(async () => {
  stack = await startResilienceStack('down')
  const space = await stack.call('POST', '/v1/spaces', user, { name: 'Home' })
  spaceId = (space.body as { id: string }).id
  const group = await stack.call('POST', '/v1/groups', user, { spaceId, name: 'Links' })
  groupId = (group.body as { id: string }).id
  const pull = await stack.call('GET', '/v1/sync/pull', user)
  cursor = (pull.body as { cursor: string }).cursor
  await stack.call('POST', '/v1/bookmarks', user, { groupId, title: 'One', url: 'https://example.com/1' })
})

afterAll(async () => {
  await stack?.stop()
})

suite('database stopped while requests run', () => {
  it('serves every kind of request while the database is up', async () => {
    const answers = await mixedRound()
    expect(answers.filter((a) => a.status >= 300).map(describe)).toEqual([])
  })

  it('answers only successes or clean 503s while it stops and while it is down, none hanging', async () => {
    const answers: Answer[] = []
    let running = true
    // Four clients keep sending rounds through the stop and for a while after it, a round each 0.6 s: the file
    // stays under the per-user limit (600 requests a minute), whose 429s would hide what the database does.
    const clients = Array.from({ length: 4 }, async () => {
      while (running) {
        answers.push(...(await mixedRound()))
        await sleep(600)
      }
    })
    await sleep(500)
    await stack.stopDb()
    const downSince = answers.length
    await sleep(4000)
    running = false
    await Promise.all(clients)

    expect(answers.filter((a) => !isCleanAnswer(a)).map(describe)).toEqual([])
    expect(answers.every((a) => a.ms < HANG_MS)).toBe(true)
    // Requests made after the stop found no database: the 503s really happened.
    const afterStop = answers.slice(downSince)
    expect(afterStop.length).toBeGreaterThan(0)
    expect(afterStop.some((a) => a.status === 503)).toBe(true)
    const unavailable = answers.find((a) => a.status === 503)
    expect(unavailable && errorCode(unavailable)).toBe('db_unavailable')
  })

  it('keeps answering 503 while the database stays down (no stacked retries, no hang)', async () => {
    for (let i = 0; i < 3; i++) {
      const answers = await mixedRound()
      expect(answers.filter((a) => a.status !== 503 || !isCleanAnswer(a)).map(describe)).toEqual([])
    }
  })

  it('serves 200 again once the database is back, without restarting the Worker', async () => {
    await stack.startDb()
    const first = await stack.waitFor200('/v1/spaces', user)
    expect(first.status).toBe(200)
    const answers = await mixedRound()
    expect(answers.filter((a) => a.status >= 300).map(describe)).toEqual([])
    expect(stack.worker.child.exitCode).toBeNull()
  })
})
