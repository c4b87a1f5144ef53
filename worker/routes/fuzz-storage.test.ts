// Fuzzing what reaches storage through VALID requests: text at the field limits in characters but long in
// bytes (multi-byte, varied so that it does not compress) on every create and update path, and forged pull
// and push cursors holding any integer. Pass: valid values are stored exactly as sent, every refusal is a
// 400 in the JSON error shape, never a 5xx.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../model/limits'
import { api, type ErrorResponse, makeTree, testSql, uniqueId, uniqueUser } from '../test/helpers'

const user = uniqueUser('storage')
const tree = await makeTree(user, 1)
const existing = tree.bookmarks[0]?.id ?? ''

/** Code points of 3 bytes (CJK, Hangul) and 4 bytes (astral: two UTF-16 units each) in UTF-8. */
const wideChar = fc.oneof(
  fc.integer({ min: 0x4e00, max: 0x9fff }),
  fc.integer({ min: 0xac00, max: 0xd7a3 }),
  fc.integer({ min: 0x1f300, max: 0x1faff }),
  fc.integer({ min: 0x20000, max: 0x2a6df })
)

/** Random wide text of at most `max` UTF-16 units (the API's unit), at or near the limit. */
const wideText = (max: number, min = 1) =>
  fc.array(wideChar, { minLength: max, maxLength: max }).map((points) => {
    let out = ''
    for (const point of points) {
      const next = String.fromCodePoint(point)
      if (out.length + next.length > max) break
      out += next
    }
    return out.length >= min ? out : 'x'.repeat(min)
  })

/** A valid URL of at most 2,048 characters whose UTF-8 bytes run far past a btree entry's 2,704. */
const wideUrl = fc
  .tuple(fc.constantFrom('https://wide.example/', 'http://a.b/p?q=', 'ftp://files.example/'), wideText(2000))
  .map(([prefix, text]) => `${prefix}${text}`.slice(0, LIMITS.url).replace(/[\ud800-\udbff]$/, ''))

const wideBookmark = fc.record({
  title: wideText(LIMITS.title),
  url: wideUrl,
  faviconUrl: wideUrl,
  description: wideText(LIMITS.description),
  tags: fc.array(wideText(LIMITS.tag), { minLength: LIMITS.tags, maxLength: LIMITS.tags })
})

const bytes = (text: string) => new TextEncoder().encode(text).length

type Stored = { title: string; url: string; favicon_url: string; description: string }

async function stored(id: string): Promise<Stored | undefined> {
  const rows = await testSql()`select title, url, favicon_url, description from bookmarks
    where user_id = ${user} and id = ${id}`
  return rows[0] as Stored | undefined
}

/** Each valid write path that stores a bookmark's text, given the fields and a fresh id. */
const paths = ['create', 'bulk', 'update', 'push create', 'push update', 'migrate'] as const

async function write(path: (typeof paths)[number], id: string, fields: Record<string, unknown>) {
  const body = { groupId: tree.group.id, ...fields }
  // Mutation and client ids at their 100-character limit in 3-byte characters: both are stored (one in a key).
  const mutationId = `m_${id}`.padEnd(100, '漢')
  const m = (op: string, data: unknown) => ({ mutationId, entity: 'bookmark', op, data })
  const clientId = '客'.repeat(100)
  switch (path) {
    case 'create':
      return { id, res: await api('POST', '/v1/bookmarks', { user, body: { id, ...body } }) }
    case 'bulk':
      return {
        id,
        res: await api('POST', '/v1/bookmarks/bulk', {
          user,
          body: {
            bookmarks: [
              { id, ...body },
              { ...body, title: 'second' }
            ]
          }
        })
      }
    case 'update':
      return { id: existing, res: await api('PATCH', `/v1/bookmarks/${existing}`, { user, body: fields }) }
    case 'push create':
      return {
        id,
        res: await api('POST', '/v1/sync/push', {
          user,
          body: { clientId, mutations: [m('create', { id, ...body })] }
        })
      }
    case 'push update':
      return {
        id: existing,
        res: await api('POST', '/v1/sync/push', {
          user,
          body: { clientId, mutations: [m('update', { id: existing, ...fields })] }
        })
      }
    case 'migrate':
      return {
        id,
        res: await api('POST', '/v1/sync/migrate', {
          user,
          body: { mode: 'merge', clientId: `client_${id}`, bookmarks: [{ id, ...body }] }
        })
      }
  }
}

describe('fuzz: long-in-bytes text through valid writes', () => {
  it('generates URLs within the character limit and past the index entry limit in bytes', () => {
    fc.assert(
      fc.property(wideUrl, (url) => url.length <= LIMITS.url && bytes(url) > 2704),
      { numRuns: 50, seed: 15 }
    )
  })

  it('stores such text exactly as sent on every write path (REST, bulk, PATCH, push, migrate)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), wideBookmark, async (path, fields) => {
        const { id, res } = await write(path, uniqueId('bookmark'), fields)
        expect(res.status, `${path}: ${JSON.stringify(res.body).slice(0, 300)}`).toBeLessThan(300)
        if (path.startsWith('push')) {
          expect((res.body as { results: { status: string }[] }).results[0]?.status).toBe('applied')
        }
        expect(await stored(id), path).toEqual({
          title: fields.title,
          url: fields.url,
          favicon_url: fields.faviconUrl,
          description: fields.description
        })
      }),
      { numRuns: 18, seed: 2704 }
    )
  })

  it('stores wide names and icons of spaces and groups as sent, through REST and push', async () => {
    await fc.assert(
      fc.asyncProperty(
        wideText(LIMITS.name),
        wideText(LIMITS.icon),
        fc.boolean(),
        async (name, icon, viaPush) => {
          const space = uniqueId('space')
          const group = uniqueId('group')
          if (viaPush) {
            const res = await api<{ results: { status: string }[] }>('POST', '/v1/sync/push', {
              user,
              body: {
                clientId: 'client_wide',
                mutations: [
                  {
                    mutationId: `m_${space}`,
                    entity: 'space',
                    op: 'create',
                    data: { id: space, name, icon }
                  },
                  {
                    mutationId: `m_${group}`,
                    entity: 'group',
                    op: 'create',
                    data: { id: group, spaceId: space, name, icon }
                  }
                ]
              }
            })
            expect(res.body.results.map((r) => r.status)).toEqual(['applied', 'applied'])
          } else {
            expect(
              (await api('POST', '/v1/spaces', { user, body: { id: space, name: 'x', icon } })).status
            ).toBe(201)
            expect((await api('PATCH', `/v1/spaces/${space}`, { user, body: { name } })).status).toBe(200)
            const res = await api('POST', '/v1/groups', {
              user,
              body: { id: group, spaceId: space, name, icon }
            })
            expect(res.status).toBe(201)
          }
          const rows = await testSql()`select name, icon from spaces where user_id = ${user} and id = ${space}
          union all select name, icon from groups where user_id = ${user} and id = ${group}`
          expect(rows.map((r) => [r.name, r.icon])).toEqual([
            [name, icon],
            [name, icon]
          ])
        }
      ),
      { numRuns: 8, seed: 100 }
    )
  })

  it('finds a bookmark by such a URL through the URL index', async () => {
    const [url] = fc.sample(wideUrl, { numRuns: 1, seed: 7 })
    const { id } = await write('create', uniqueId('bookmark'), { title: 'by url', url })
    const rows = await testSql()`select id from bookmarks where url = ${url ?? ''}`
    expect(rows.map((r) => r.id)).toEqual([id])
  })
})

/** A cursor as the server encodes one (base64url JSON), with whatever values the forger chose. */
const forge = (value: unknown) =>
  btoa(JSON.stringify(value)).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '')

const anyInteger = fc.oneof(
  fc.integer(),
  fc.constantFrom(
    -1,
    0,
    3,
    4,
    2 ** 31 - 1,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 53 - 1,
    2 ** 53,
    2 ** 63,
    1e20,
    -1e20,
    1e308,
    0.5
  ),
  fc.double({ noNaN: true })
)
const forgedCursor = fc
  .record({
    e: fc.oneof(anyInteger, fc.constant(0)),
    v: anyInteger,
    k: anyInteger,
    i: fc.oneof(fc.string({ maxLength: 40 }), fc.constant(existing), fc.constant(''))
  })
  .map(forge)

function expectNoServerError(res: { status: number; body: unknown }, what: string) {
  expect(res.status, `${what}: ${JSON.stringify(res.body).slice(0, 300)}`).toBeLessThan(500)
  if (res.status >= 400) {
    expect(res.status, what).toBe(400)
    expect((res.body as ErrorResponse).error.code, what).toBe('validation_failed')
  }
}

describe('fuzz: forged cursors with any integer', () => {
  it('a pull with a huge entity kind in its cursor is a 400, not an integer overflow', async () => {
    const res = await api<ErrorResponse>(
      'GET',
      `/v1/sync/pull?cursor=${forge({ e: 0, v: 0, k: 2 ** 40, i: '' })}`,
      {
        user
      }
    )
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('validation_failed')
  })

  it('pull and push answer any forged cursor with a page or a 400 in the error shape', async () => {
    await fc.assert(
      fc.asyncProperty(forgedCursor, fc.boolean(), async (cursor, viaPush) => {
        const res = viaPush
          ? await api('POST', '/v1/sync/push', {
              user,
              body: {
                clientId: 'client_cursor',
                cursor,
                mutations: [
                  {
                    mutationId: `m_${crypto.randomUUID()}`,
                    entity: 'space',
                    op: 'update',
                    data: { id: tree.space.id, name: 'Space' }
                  }
                ]
              }
            })
          : await api('GET', `/v1/sync/pull?limit=2&cursor=${cursor}`, { user })
        expectNoServerError(
          res,
          `${viaPush ? 'push' : 'pull'} ${atob(cursor.replaceAll('-', '+').replaceAll('_', '/'))}`
        )
      }),
      { numRuns: 60, seed: 31 }
    )
  })
})
