import { describe, expect, it } from 'vitest'
import { api, type ErrorResponse, tokenFor, uniqueUser } from '../test/helpers'

// wrangler.toml: [[ratelimits]] simple = { limit = 600, period = 60 }, keyed by the token's user id.
const LIMIT = 600

describe('rate limit', () => {
  it('answers 429 with Retry-After once a user passes 600 requests a minute; other users are unaffected', async () => {
    const user = uniqueUser()
    const token = await tokenFor(user)
    // A request that stops at validation (after auth and the limiter) keeps the database out of it.
    const hit = () => api<ErrorResponse>('GET', '/v1/spaces?includeArchived=nope', { token })
    // The limiter counts in fixed 60 s windows: a burst that crosses a window edge may pass up to twice the
    // limit, never more. So: every answer before the first 429 is the route's own, and a 429 comes in time.
    const statuses: number[] = []
    let limited = await hit()
    while (limited.status !== 429 && statuses.length <= 2 * LIMIT) {
      statuses.push(limited.status)
      limited = await hit()
    }
    expect(statuses.filter((s) => s !== 400)).toEqual([])
    expect(statuses.length).toBeGreaterThanOrEqual(LIMIT - 1)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('60')
    expect(limited.body.error.code).toBe('rate_limited')
    expect((await api('GET', '/v1/spaces', { user: uniqueUser('other') })).status).toBe(200)
  }, 120_000)
})
