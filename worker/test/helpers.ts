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
