// The Worker's database role may hold one connection (CONNECTION LIMIT 1): 20 concurrent requests get a
// success or a clean 503 `db_unavailable` each (PostgreSQL's "too many connections", 53300), never a 500,
// and the Worker keeps serving normally afterwards.
import { afterAll, beforeAll, expect, it, describe as suite } from 'vitest'
import {
  type Answer,
  describe,
  isCleanAnswer,
  type ResilienceStack,
  startResilienceStack
} from './lib/stack.ts'

let stack: ResilienceStack
const user = 'user_resilience_limit'
let groupId = ''

beforeAll(async () => {
  stack = await startResilienceStack('limit', {
    workerDatabase: {
      url: (superuserUrl) => superuserUrl.replace('postgres:postgres@', 'limited:limited@'),
      prepare: async (sql) => {
        await sql.unsafe(`create role limited login password 'limited' connection limit 1`)
        await sql.unsafe('grant usage on schema public to limited')
        await sql.unsafe('grant select, insert, update, delete on all tables in schema public to limited')
        await sql.unsafe('grant usage, select on all sequences in schema public to limited')
      }
    }
  })
  const space = await stack.call('POST', '/v1/spaces', user, { id: 'space_limit', name: 'Limited' })
  expect(space.status).toBe(201)
  const group = await stack.call('POST', '/v1/groups', user, {
    id: 'group_limit',
    spaceId: 'space_limit',
    name: 'Limited'
  })
  expect(group.status).toBe(201)
  groupId = 'group_limit'
})

afterAll(async () => {
  await stack?.stop()
})

suite('connection limit reached', () => {
  it('answers 20 concurrent requests with successes or clean 503s, never a 500', async () => {
    const answers: Answer[] = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        if (i % 4 === 0) return stack.call('GET', '/v1/spaces', user)
        if (i % 4 === 1) return stack.call('GET', '/v1/sync/pull', user)
        if (i % 4 === 2)
          return stack.call('POST', '/v1/bookmarks', user, {
            groupId,
            title: `Concurrent ${i}`,
            url: 'https://example.com/'
          })
        return stack.call('POST', '/v1/sync/push', user, {
          clientId: `client_limit_${i}`,
          mutations: [
            {
              mutationId: `m_${i}`,
              entity: 'space',
              op: 'create',
              data: { id: `space_limit_${i}`, name: `S ${i}` }
            }
          ]
        })
      })
    )
    expect(answers.filter((a) => !isCleanAnswer(a)).map(describe)).toEqual([])
    // The limit was really hit (otherwise this test proves nothing).
    expect(answers.some((a) => a.status === 503)).toBe(true)
    expect(stack.worker.child.exitCode).toBeNull()
  })

  it('serves normally afterwards', async () => {
    const first = await stack.waitFor200('/v1/spaces', user)
    expect(first.status).toBe(200)
    for (let i = 0; i < 5; i++) {
      const answer = await stack.waitFor200('/v1/bookmarks?groupId=group_limit', user)
      expect(answer.status, describe(answer)).toBe(200)
    }
  })
})
