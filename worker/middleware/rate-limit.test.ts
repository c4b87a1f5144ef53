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

// wrangler.toml: [[ratelimits]] AUTH_FAILURE_LIMITER simple = { limit = 100, period = 60 }, keyed by client IP.
const AUTH_FAILURE_LIMIT = 100

describe('rate limit on failed authentication, per client IP', () => {
  /** A client address of its own (Cloudflare sets CF-Connecting-IP on every request; here the test does). */
  const clientIp = () => `2001:db8::${crypto.randomUUID().slice(0, 4)}:${crypto.randomUUID().slice(0, 4)}`
  const from = (ip: string, authorization?: string) =>
    api<ErrorResponse>('GET', '/v1/spaces', {
      headers: { 'cf-connecting-ip': ip, ...(authorization ? { authorization } : {}) }
    })

  it('answers 429 with Retry-After once one IP fails auth past the limit; other IPs and valid tokens are unaffected', async () => {
    const ip = clientIp()
    const statuses: number[] = []
    let res = await from(ip, 'Bearer garbage')
    // Fixed 60 s windows: a burst across a window edge may pass up to twice the limit, never more.
    while (res.status !== 429 && statuses.length <= 2 * AUTH_FAILURE_LIMIT) {
      statuses.push(res.status)
      res = await from(ip, statuses.length % 2 ? undefined : 'Bearer garbage')
    }
    expect(statuses.filter((s) => s !== 401)).toEqual([])
    expect(statuses.length).toBeGreaterThanOrEqual(AUTH_FAILURE_LIMIT - 1)
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('60')
    expect(res.body).toEqual({
      error: {
        code: 'rate_limited',
        message: 'Too many failed sign-ins from this address; retry after 60 seconds'
      }
    })
    // Another client still gets its 401, and a valid token from the limited address still gets in.
    expect((await from(clientIp(), 'Bearer garbage')).status).toBe(401)
    expect((await from(ip, `Bearer ${await tokenFor(uniqueUser())}`)).status).toBe(200)
  }, 120_000)
})

// wrangler.toml: [[ratelimits]] PUBLIC_LIMITER simple = { limit = 60, period = 60 }, keyed by client IP.
const PUBLIC_LIMIT = 60

describe('rate limit on the public health probe, per client IP', () => {
  const clientIp = () => `2001:db8::${crypto.randomUUID().slice(0, 4)}:${crypto.randomUUID().slice(0, 4)}`
  const probe = (ip: string) => api<ErrorResponse>('GET', '/health', { headers: { 'cf-connecting-ip': ip } })

  it('answers 429 with Retry-After once one IP probes past the limit; other IPs still get their answer', async () => {
    const ip = clientIp()
    const statuses: number[] = []
    let res = await probe(ip)
    // Fixed 60 s windows: a burst across a window edge may pass up to twice the limit, never more.
    while (res.status !== 429 && statuses.length <= 2 * PUBLIC_LIMIT) {
      statuses.push(res.status)
      res = await probe(ip)
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([])
    expect(statuses.length).toBeGreaterThanOrEqual(PUBLIC_LIMIT - 1)
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('60')
    expect(res.body).toEqual({
      error: { code: 'rate_limited', message: 'Too many requests from this address; retry after 60 seconds' }
    })
    expect((await probe(clientIp())).status).toBe(200)
  }, 120_000)

  it('does not count this machine (wrangler dev gives local requests a loopback CF-Connecting-IP)', async () => {
    for (const ip of ['127.0.0.1', '::1']) {
      const statuses: number[] = []
      while (statuses.length <= 2 * PUBLIC_LIMIT) statuses.push((await probe(ip)).status)
      expect(statuses.filter((status) => status !== 200)).toEqual([])
    }
  }, 120_000)
})
