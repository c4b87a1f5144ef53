import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createApp } from '../app'
import { api, makeSpace, testSql, tokenFor, uniqueUser } from '../test/helpers'

describe('database connections', () => {
  it('50 sequential requests leave no pile of open connections behind', async () => {
    const user = uniqueUser()
    const space = await makeSpace(user)
    // The database is the run's: other files' requests hold connections too (more of them, for longer, on a busy
    // machine). A pile is one per request, so this counts against where it started and waits for closing ones.
    const open = async () => {
      const [row] =
        await testSql()`select count(*)::int as n from pg_stat_activity where datname = current_database()`
      return row?.n as number
    }
    const before = await open()
    for (let i = 0; i < 50; i++) {
      const res =
        i % 2 === 0
          ? await api('GET', '/v1/spaces', { user })
          : await api('PATCH', `/v1/spaces/${space.id}`, { user, body: { name: `n${i}` } })
      expect(res.status).toBe(200)
    }
    await expect.poll(open, { timeout: 15_000 }).toBeLessThan(before + 15)
  })
})

describe('database unreachable', () => {
  it('a /v1 route answers 503 db_unavailable with Retry-After, in the error shape', async () => {
    // The real app and bindings, with Hyperdrive pointed at a port nothing listens on.
    const deadEnv = {
      ...env,
      HYPERDRIVE: { ...env.HYPERDRIVE, connectionString: 'postgres://u:p@127.0.0.1:9/none' }
    }
    for (const [method, body] of [
      ['GET', undefined],
      ['POST', JSON.stringify({ name: 'A' })]
    ] as const) {
      const started = Date.now()
      const res = await createApp().request(
        '/v1/spaces',
        {
          method,
          body,
          headers: {
            authorization: `Bearer ${await tokenFor(uniqueUser())}`,
            'content-type': 'application/json'
          }
        },
        deadEnv
      )
      expect(res.status, method).toBe(503)
      expect(res.headers.get('retry-after')).toBe('5')
      expect(await res.json()).toEqual({
        error: { code: 'db_unavailable', message: 'The database is unreachable right now; try again shortly' }
      })
      expect(Date.now() - started).toBeLessThan(5000)
    }
  })
})
