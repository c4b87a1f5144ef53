import { exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { TEST_EXTENSION_ORIGIN } from '../test/constants'
import { tokenFor, uniqueUser } from '../test/helpers'

const preflight = (origin: string, path = '/v1/spaces', method = 'PATCH') =>
  exports.default.fetch(`http://api.test${path}`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': method,
      'access-control-request-headers': 'authorization, content-type'
    }
  })

const corsHeaders = (res: Response) =>
  [...res.headers.keys()].filter((name) => name.startsWith('access-control-'))

describe('cors: allowed origins', () => {
  it('a preflight from the extension gets the origin, the methods and the Authorization header', async () => {
    const res = await preflight(TEST_EXTENSION_ORIGIN)
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe(TEST_EXTENSION_ORIGIN)
    const methods = res.headers.get('access-control-allow-methods')?.split(/,\s*/) ?? []
    expect(methods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']))
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization')
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type')
    expect(res.headers.get('vary')).toContain('Origin')
    // Never credentials or a wildcard: the token travels in a header, not a cookie.
    expect(res.headers.get('access-control-allow-credentials')).toBeNull()
  })

  it('a preflight needs no token', async () => {
    const res = await preflight('http://127.0.0.1:5173', '/v1/bookmarks/bulk', 'POST')
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173')
  })

  it('a normal request from an allowed origin gets Access-Control-Allow-Origin, also on errors', async () => {
    const ok = await exports.default.fetch('http://api.test/v1/spaces', {
      headers: { origin: TEST_EXTENSION_ORIGIN, authorization: `Bearer ${await tokenFor(uniqueUser())}` }
    })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('access-control-allow-origin')).toBe(TEST_EXTENSION_ORIGIN)
    expect(ok.headers.get('access-control-expose-headers')).toContain('Retry-After')
    await ok.body?.cancel()
    // A 401 must be readable by the extension too, or it cannot tell "sign in again" from "offline".
    const denied = await exports.default.fetch('http://api.test/v1/spaces', {
      headers: { origin: TEST_EXTENSION_ORIGIN }
    })
    expect(denied.status).toBe(401)
    expect(denied.headers.get('access-control-allow-origin')).toBe(TEST_EXTENSION_ORIGIN)
    await denied.body?.cancel()
  })
})

describe('cors: other origins', () => {
  for (const origin of [
    'https://evil.example',
    'chrome-extension://otherextensionidotherextensionid',
    `${TEST_EXTENSION_ORIGIN}.evil.example`,
    'http://127.0.0.1:5174',
    'null'
  ]) {
    it(`${origin} gets no CORS headers on a preflight or a normal request`, async () => {
      const pre = await preflight(origin)
      expect(corsHeaders(pre)).toEqual([])
      const res = await exports.default.fetch('http://api.test/v1/spaces', {
        headers: { origin, authorization: `Bearer ${await tokenFor(uniqueUser())}` }
      })
      expect(corsHeaders(res)).toEqual([])
      await res.body?.cancel()
    })
  }

  it('a request without Origin gets no CORS headers', async () => {
    const res = await exports.default.fetch('http://api.test/health')
    expect(corsHeaders(res)).toEqual([])
    await res.body?.cancel()
  })
})
