import { exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

describe('GET /health', () => {
  it('answers 200 with db ok after a query through Hyperdrive', async () => {
    const res = await exports.default.fetch('http://api.test/health')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok', db: 'ok' })
  })

  it('is public: no token needed, JSON content type', async () => {
    const res = await exports.default.fetch('http://api.test/health')
    expect(res.headers.get('content-type')).toMatch(/application\/json/)
  })
})

describe('unknown routes', () => {
  it('answer 404 in the error shape', async () => {
    const res = await exports.default.fetch('http://api.test/nope')
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'No route for GET /nope' } })
  })
})
