// Test helpers for Worker tests: real RS256 tokens, requests through the real Worker, direct SQL to check.
import { env, exports } from 'cloudflare:workers'
import { importPKCS8, SignJWT } from 'jose'
import postgres from 'postgres'
import { inject } from 'vitest'
import { TEST_EXTENSION_ORIGIN } from './constants'

let privateKey: CryptoKey | undefined

export type TokenOptions = {
  expiresIn?: string | number
  notBefore?: string | number
  azp?: string | null
  iat?: number
}

/** Signs a token the way Clerk does (RS256), with the run's private key. */
export async function tokenFor(userId: string, options: TokenOptions = {}): Promise<string> {
  privateKey ??= await importPKCS8(inject('jwtPrivateKey'), 'RS256')
  // Clerk session tokens carry the signed-in page's origin as `azp`; null leaves it out.
  const azp = options.azp === undefined ? TEST_EXTENSION_ORIGIN : options.azp
  const jwt = new SignJWT({ sub: userId, ...(azp ? { azp } : {}) })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuer('https://clerk.test')
    .setIssuedAt(options.iat)
    .setExpirationTime(options.expiresIn ?? '10m')
  if (options.notBefore !== undefined) jwt.setNotBefore(options.notBefore)
  return jwt.sign(privateKey)
}

/** A user id no other test uses: ids are global, so tests never share rows by accident. */
export function uniqueUser(label = 'user'): string {
  return `user_${label}_${crypto.randomUUID().slice(0, 8)}`
}

export function uniqueId(kind: 'space' | 'group' | 'bookmark'): string {
  return `${kind}_${crypto.randomUUID().replaceAll('-', '')}`
}

export type ApiResponse<T = unknown> = { status: number; body: T; headers: Headers }

type RequestOptions = { user?: string; token?: string; body?: unknown; headers?: Record<string, string> }

/** Calls the Worker's fetch handler, as `wrangler dev` would, with a signed token for `user`. */
export async function api<T = unknown>(
  method: string,
  path: string,
  options: RequestOptions = {}
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers }
  const token = options.token ?? (options.user ? await tokenFor(options.user) : undefined)
  if (token) headers.authorization = `Bearer ${token}`
  let body: string | undefined
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
    headers['content-type'] ??= 'application/json'
  }
  const res = await exports.default.fetch(`http://api.test${path}`, { method, headers, body })
  const text = await res.text()
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers }
}

let sharedSql: ReturnType<typeof postgres> | undefined

/**
 * A direct connection to the test database (through the same Hyperdrive binding) for checks and setup.
 * Shared by a file's tests and never ended by hand: postgres.js's Workers socket shim rejects unhandled
 * when ended (see middleware/db.ts); the runtime closes it with the test file.
 */
export function testSql() {
  sharedSql ??= postgres(env.HYPERDRIVE.connectionString, { max: 1, fetch_types: false, prepare: false })
  return sharedSql
}

export type ErrorResponse = {
  error: { code: string; message: string; issues?: { path: string; message: string }[] }
}

type Row = Record<string, unknown> & { id: string }

/** Creates a space through the API and returns it (fails the test on anything but 201). */
export async function makeSpace(user: string, body: Record<string, unknown> = {}): Promise<Row> {
  return created(await api<Row>('POST', '/v1/spaces', { user, body: { name: 'Space', ...body } }))
}

export async function makeGroup(user: string, spaceId: string, body: Record<string, unknown> = {}) {
  return created(await api<Row>('POST', '/v1/groups', { user, body: { spaceId, name: 'Group', ...body } }))
}

export async function makeBookmark(user: string, groupId: string, body: Record<string, unknown> = {}) {
  return created(
    await api<Row>('POST', '/v1/bookmarks', {
      user,
      body: { groupId, title: 'Example', url: 'https://example.com/', ...body }
    })
  )
}

function created(res: ApiResponse<Row>): Row {
  if (res.status !== 201) throw new Error(`expected 201, got ${res.status}: ${JSON.stringify(res.body)}`)
  return res.body
}

/** One space with one group holding `count` bookmarks, all made through the API. */
export async function makeTree(user: string, count = 1) {
  const space = await makeSpace(user)
  const group = await makeGroup(user, space.id)
  const bookmarks: Row[] = []
  for (let i = 0; i < count; i++) bookmarks.push(await makeBookmark(user, group.id, { title: `B${i}` }))
  return { space, group, bookmarks }
}

/**
 * Every stored row of a user, all columns (versions, tombstones, timestamps), as text: two snapshots are
 * equal only when nothing of that user changed.
 */
export async function snapshotUser(userId: string, options: { withUserRow?: boolean } = {}): Promise<string> {
  const sql = testSql()
  const [users, spaces, groups, bookmarks] = await Promise.all([
    options.withUserRow === false ? [] : sql`select to_jsonb(t) as row from users t where id = ${userId}`,
    sql`select to_jsonb(t) as row from spaces t where user_id = ${userId} order by id`,
    sql`select to_jsonb(t) as row from groups t where user_id = ${userId} order by id`,
    sql`select to_jsonb(t) as row from bookmarks t where user_id = ${userId} order by id`
  ])
  return JSON.stringify({
    users: users.map((r) => r.row),
    spaces: spaces.map((r) => r.row),
    groups: groups.map((r) => r.row),
    bookmarks: bookmarks.map((r) => r.row)
  })
}

/** The live (not deleted) members of a list as a person sees them, by (position, id) in code units. */
export async function placesOf(table: 'spaces' | 'groups' | 'bookmarks', where: Record<string, string>) {
  const sql = testSql()
  const [column, value] = Object.entries(where)[0] ?? []
  if (!column || value === undefined) throw new Error('placesOf needs one filter')
  const rows = await sql`select id, position, version::float8 as version from ${sql(table)}
    where ${sql(column)} = ${value} and deleted_at is null order by position, id collate "C"`
  return rows.map((r) => ({
    id: r.id as string,
    position: r.position as string,
    version: r.version as number
  }))
}

/** The ids of a list in the order a person sees them (placesOf). */
export const idsOf = async (table: 'spaces' | 'groups' | 'bookmarks', where: Record<string, string>) =>
  (await placesOf(table, where)).map((r) => r.id)

export const range = (n: number) => Array.from({ length: n }, (_, i) => i)
