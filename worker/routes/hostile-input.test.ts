// Hostile bodies on every write path: text PostgreSQL cannot store (NUL), invalid UTF-8, wrong content
// types, oversized and absurdly deep JSON. Each gets a 4xx in the JSON error shape and writes nothing.
import { exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { api, type ErrorResponse, makeTree, snapshotUser, tokenFor, uniqueUser } from '../test/helpers'

type Raw = { status: number; body: ErrorResponse; contentType: string | null }

/** Sends raw bytes (or text) as the body, with the given Content-Type (none when null). */
async function raw(
  user: string,
  method: string,
  path: string,
  body: BodyInit,
  contentType: string | null = 'application/json'
): Promise<Raw> {
  const headers: Record<string, string> = { authorization: `Bearer ${await tokenFor(user)}` }
  if (contentType !== null) headers['content-type'] = contentType
  const res = await exports.default.fetch(`http://api.test${path}`, { method, headers, body })
  const text = await res.text()
  return {
    status: res.status,
    body: JSON.parse(text) as ErrorResponse,
    contentType: res.headers.get('content-type')
  }
}

const user = uniqueUser('hostile')
const tree = await makeTree(user, 1)
const bookmarkId = tree.bookmarks[0]?.id ?? ''
const NUL = '\u0000'

/** One request per write path, each carrying `text` where a string goes. */
const writesWith = (text: string) => [
  { method: 'POST', path: '/v1/spaces', body: { name: text } },
  { method: 'PATCH', path: `/v1/spaces/${tree.space.id}`, body: { name: text } },
  { method: 'POST', path: '/v1/groups', body: { spaceId: tree.space.id, name: text } },
  { method: 'PATCH', path: `/v1/groups/${tree.group.id}`, body: { name: text } },
  {
    method: 'POST',
    path: '/v1/bookmarks',
    body: { groupId: tree.group.id, title: text, url: 'https://a.example/' }
  },
  { method: 'PATCH', path: `/v1/bookmarks/${bookmarkId}`, body: { description: text } },
  {
    method: 'POST',
    path: '/v1/bookmarks/bulk',
    body: {
      bookmarks: [
        { groupId: tree.group.id, title: 'fine', url: 'https://ok.example/' },
        { groupId: tree.group.id, title: text, url: 'https://b.example/' }
      ]
    }
  },
  {
    method: 'POST',
    path: '/v1/sync/push',
    body: {
      clientId: 'client_hostile',
      mutations: [
        { mutationId: 'm1', entity: 'space', op: 'create', data: { id: 'space_hostile_ok', name: 'fine' } },
        { mutationId: 'm2', entity: 'space', op: 'update', data: { id: tree.space.id, name: text } }
      ]
    }
  },
  {
    method: 'POST',
    path: '/v1/sync/push',
    body: {
      clientId: `client_${text}`,
      mutations: [
        { mutationId: `m_${text}`, entity: 'space', op: 'create', data: { id: 'space_nul_id', name: 'x' } }
      ]
    }
  },
  {
    method: 'POST',
    path: '/v1/sync/migrate',
    body: { mode: 'merge', clientId: 'client_hostile', spaces: [{ id: 'space_migrated_nul', name: text }] }
  }
]

describe('hostile input: text the database cannot store', () => {
  it('answers 400 in the error shape for a NUL character on every write path, and writes nothing', async () => {
    const before = await snapshotUser(user)
    for (const request of writesWith(`before${NUL}after`)) {
      const res = await api<ErrorResponse>(request.method, request.path, { user, body: request.body })
      expect(res.status, `${request.method} ${request.path}: ${JSON.stringify(res.body)}`).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
    }
    expect(await snapshotUser(user)).toBe(before)
  })

  it('answers 400 for a lone UTF-16 surrogate on every write path, naming the field, and writes nothing', async () => {
    const before = await snapshotUser(user)
    for (const request of writesWith('a\ud800b')) {
      const res = await api<ErrorResponse>(request.method, request.path, { user, body: request.body })
      expect(res.status, `${request.method} ${request.path}: ${JSON.stringify(res.body)}`).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
    }
    expect(await snapshotUser(user)).toBe(before)
  })

  it('stores other unusual unicode as sent (RTL override, BOM, combining marks, astral emoji)', async () => {
    const name = '\u202eevil\ufeff a\u0301 𝔘 😀'
    const res = await api<{ name: string }>('POST', '/v1/spaces', { user, body: { name } })
    expect(res.status).toBe(201)
    expect(res.body.name).toBe(name)
  })
})

describe('hostile input: bytes and content types', () => {
  it('answers 400 for JSON bodies holding invalid UTF-8 bytes', async () => {
    const before = await snapshotUser(user)
    const prefix = new TextEncoder().encode('{"name":"bad ')
    const suffix = new TextEncoder().encode('"}')
    for (const bad of [
      [0xff],
      [0xc3, 0x28],
      [0xed, 0xa0, 0x80],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
      [0xc0, 0xaf]
    ]) {
      const body = new Uint8Array([...prefix, ...bad, ...suffix])
      const res = await raw(user, 'POST', '/v1/spaces', body)
      expect(res.status, `bytes ${bad.join(',')}: ${JSON.stringify(res.body)}`).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
    }
    expect(await snapshotUser(user)).toBe(before)
  })

  it('answers 415 for bodies sent with another or no content type', async () => {
    const body = JSON.stringify({ name: 'x' })
    for (const type of [
      null,
      'text/plain',
      'text/json',
      'application/jsonp',
      'application/json-patch+json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml'
    ]) {
      const res = await raw(user, 'POST', '/v1/spaces', body, type)
      expect(res.status, String(type)).toBe(415)
      expect(res.body.error.code).toBe('unsupported_media_type')
      expect(res.contentType).toMatch(/^application\/json/)
    }
  })

  it('answers 413 past 8 MB on the large routes (push, bulk, migrate)', async () => {
    const big = JSON.stringify({ clientId: 'c', mutations: [], pad: 'x'.repeat(8 * 1024 * 1024) })
    for (const path of ['/v1/sync/push', '/v1/bookmarks/bulk', '/v1/sync/migrate']) {
      const res = await raw(user, 'POST', path, big)
      expect(res.status, path).toBe(413)
      expect(res.body.error.code).toBe('payload_too_large')
    }
  })

  it('answers 400 for JSON nested 100,000 deep on a large route, and 400 or 413 on a small one', async () => {
    const deep = `{"bookmarks":${'['.repeat(100_000)}${']'.repeat(100_000)}}`
    const bulk = await raw(user, 'POST', '/v1/bookmarks/bulk', deep)
    expect(bulk.status).toBe(400)
    expect(bulk.body.error.code).toBe('validation_failed')
    const objects = `{"name":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`
    const small = await raw(user, 'POST', '/v1/spaces', objects)
    expect([400, 413]).toContain(small.status)
    expect(small.body.error.message).toEqual(expect.any(String))
  })

  it('reads duplicate keys as the last one, and validates that value', async () => {
    const res = await raw(user, 'POST', '/v1/spaces', '{"name":"first","name":""}')
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('validation_failed')
  })
})
