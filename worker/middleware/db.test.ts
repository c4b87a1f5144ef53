import { describe, expect, it } from 'vitest'
import { api, makeSpace, testSql, uniqueUser } from '../test/helpers'

describe('database connections', () => {
  it('50 sequential requests leave no pile of open connections behind', async () => {
    const user = uniqueUser()
    const space = await makeSpace(user)
    for (let i = 0; i < 50; i++) {
      const res =
        i % 2 === 0
          ? await api('GET', '/v1/spaces', { user })
          : await api('PATCH', `/v1/spaces/${space.id}`, { user, body: { name: `n${i}` } })
      expect(res.status).toBe(200)
    }
    const [row] =
      await testSql()`select count(*)::int as n from pg_stat_activity where datname = current_database()`
    expect(row?.n).toBeLessThan(15)
  })
})
