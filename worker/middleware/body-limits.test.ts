import { exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { api, type ErrorResponse, makeTree, tokenFor, uniqueUser } from '../test/helpers'

describe('body limits', () => {
  it('answers 413 in the error shape for a body over 64 KB on a normal route', async () => {
    const user = uniqueUser()
    const res = await api<ErrorResponse>('POST', '/v1/spaces', {
      user,
      body: { name: 'A', padding: 'x'.repeat(65 * 1024) }
    })
    expect(res.status).toBe(413)
    expect(res.body.error).toEqual({
      code: 'payload_too_large',
      message: 'Request body is over the 64 KB limit'
    })
  })

  it('counts the bytes of a body sent without Content-Length (chunked)', async () => {
    const user = uniqueUser()
    const chunk = new TextEncoder().encode(`{"name":"${'x'.repeat(70 * 1024)}"}`)
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(chunk)
        controller.close()
      }
    })
    const res = await exports.default.fetch('http://api.test/v1/spaces', {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor(user)}`, 'content-type': 'application/json' },
      body: stream
    })
    expect(res.status).toBe(413)
    await res.body?.cancel()
  })

  it('lets a body just under 64 KB through to validation', async () => {
    const user = uniqueUser()
    const res = await api<ErrorResponse>('POST', '/v1/spaces', {
      user,
      body: { name: 'x'.repeat(60 * 1024) }
    })
    expect(res.status).toBe(400)
    expect(res.body.error.issues?.[0]?.path).toBe('name')
  })

  it('accepts a ~2 MB body on the bulk import route', async () => {
    const user = uniqueUser()
    const { group } = await makeTree(user, 0)
    const bookmarks = Array.from({ length: 1000 }, (_, i) => ({
      groupId: group.id,
      title: `T${i}`,
      url: `https://example.com/${i}`,
      description: 'd'.repeat(1990)
    }))
    const body = JSON.stringify({ bookmarks })
    expect(body.length).toBeGreaterThan(2_000_000)
    const res = await api<{ created: number }>('POST', '/v1/bookmarks/bulk', { user, body })
    expect(res.status).toBe(201)
    expect(res.body.created).toBe(1000)
  })

  it('answers 415 for a body that is not JSON, on every write method', async () => {
    const user = uniqueUser()
    for (const [method, type] of [
      ['POST', 'text/plain'],
      ['PUT', 'application/x-www-form-urlencoded'],
      ['PATCH', 'multipart/form-data; boundary=x'],
      ['POST', 'application/jsonx']
    ] as const) {
      const res = await api<ErrorResponse>(method, method === 'PUT' ? '/v1/spaces/order' : '/v1/spaces', {
        user,
        body: '{}',
        headers: { 'content-type': type }
      })
      expect(res.status, `${method} ${type}`).toBe(415)
      expect(res.body.error.code).toBe('unsupported_media_type')
    }
    const withCharset = await api('POST', '/v1/spaces', {
      user,
      body: { name: 'A' },
      headers: { 'content-type': 'application/json; charset=utf-8' }
    })
    expect(withCharset.status).toBe(201)
  })
})
