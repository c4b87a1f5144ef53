import { env, exports } from 'cloudflare:workers'
import {
  exportJWK,
  exportSPKI,
  generateKeyPair,
  importPKCS8,
  importSPKI,
  type JWTPayload,
  SignJWT
} from 'jose'
import { describe, expect, inject, it } from 'vitest'
import { createApp } from '../app'
import { TEST_EXTENSION_ORIGIN } from '../test/constants'
import { api, type ErrorResponse, tokenFor, uniqueUser } from '../test/helpers'

const now = () => Math.floor(Date.now() / 1000)
const base64url = (value: unknown) =>
  btoa(JSON.stringify(value)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')

/** GET /v1/spaces with the given Authorization header; checks the 401 shape and returns the message. */
async function rejected(authorization: string | undefined): Promise<string> {
  const res = await api<ErrorResponse>('GET', '/v1/spaces', {
    headers: authorization === undefined ? {} : { authorization }
  })
  expect(res.status, authorization).toBe(401)
  expect(res.headers.get('content-type')).toMatch(/application\/json/)
  expect(res.headers.get('www-authenticate')).toBe('Bearer')
  expect(res.body.error.code).toBe('unauthorized')
  expect(Object.keys(res.body)).toEqual(['error'])
  return res.body.error.message
}

describe('auth: a valid token', () => {
  it('is accepted and its sub is the user', async () => {
    const user = uniqueUser()
    const res = await api<{ id: string }>('GET', '/v1/me', { user })
    expect(res.status).toBe(200)
    expect(res.body.id).toBe(user)
  })

  it('is accepted with "bearer" in any case and extra spaces', async () => {
    const token = await tokenFor(uniqueUser())
    const res = await api('GET', '/v1/spaces', { headers: { authorization: `bearer   ${token}` } })
    expect(res.status).toBe(200)
  })

  it('is accepted for every allowed origin as azp', async () => {
    const res = await api('GET', '/v1/spaces', {
      token: await tokenFor(uniqueUser(), { azp: 'http://127.0.0.1:5173' })
    })
    expect(res.status).toBe(200)
  })
})

describe('auth: every failure is a 401 with the JSON error, never a 500', () => {
  it('rejects a missing Authorization header', async () => {
    expect(await rejected(undefined)).toMatch(/Missing bearer token/)
  })

  it('rejects malformed Authorization headers', async () => {
    const token = await tokenFor(uniqueUser())
    for (const header of [
      'Basic dXNlcjpwYXNz',
      'Bearer',
      'Bearer ',
      `Token ${token}`,
      `Bearer ${token} extra`
    ]) {
      expect(await rejected(header)).toMatch(/must be "Bearer <token>"|Missing bearer token/)
    }
  })

  it('rejects garbage tokens', async () => {
    for (const token of ['garbage', 'a.b.c', 'eyJhbGciOiJSUzI1NiJ9.e30.AAAA', 'x'.repeat(4000)]) {
      expect(await rejected(`Bearer ${token}`)).toMatch(/bearer token/i)
    }
  })

  it('rejects an expired token', async () => {
    const token = await tokenFor(uniqueUser(), { expiresIn: now() - 60, iat: now() - 120 })
    expect(await rejected(`Bearer ${token}`)).toMatch(/expired/)
  })

  it('rejects a token whose nbf is in the future', async () => {
    const token = await tokenFor(uniqueUser(), { notBefore: now() + 600 })
    expect(await rejected(`Bearer ${token}`)).toMatch(/not valid yet/)
  })

  it('rejects a token issued in the future', async () => {
    const token = await tokenFor(uniqueUser(), { iat: now() + 600, expiresIn: now() + 1200 })
    expect(await rejected(`Bearer ${token}`)).toMatch(/issued in the future/)
  })

  it('rejects a token signed with another RS256 key', async () => {
    const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true })
    const token = await new SignJWT({ sub: uniqueUser(), azp: 'http://127.0.0.1:5173' })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey)
    expect(await rejected(`Bearer ${token}`)).toMatch(/signature is invalid/)
  })

  it('rejects an HS256 token signed with the public key PEM as the secret (algorithm confusion)', async () => {
    const secret = new TextEncoder().encode(inject('jwtPublicKey'))
    const token = await new SignJWT({ sub: uniqueUser() })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(secret)
    expect(await rejected(`Bearer ${token}`)).toMatch(/algorithm/)
  })

  it('rejects an unsigned token (alg none)', async () => {
    const payload = { sub: uniqueUser(), iat: now(), exp: now() + 600 }
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`
    expect(await rejected(`Bearer ${token}`)).toMatch(/bearer token/i)
  })

  it('rejects a token whose payload was changed after signing', async () => {
    const token = await tokenFor(uniqueUser('victim'))
    const [header, , signature] = token.split('.')
    const forged = `${header}.${base64url({ sub: 'user_admin', exp: now() + 600, iat: now() })}.${signature}`
    expect(await rejected(`Bearer ${forged}`)).toMatch(/signature is invalid/)
  })

  it('rejects a token issued for another origin (azp), or for no origin', async () => {
    const token = await tokenFor(uniqueUser(), { azp: 'https://evil.example' })
    expect(await rejected(`Bearer ${token}`)).toMatch(/another origin/)
    // With ALLOWED_ORIGINS set, Clerk requires azp to be present and listed.
    const noAzp = await tokenFor(uniqueUser(), { azp: null })
    expect(await rejected(`Bearer ${noAzp}`)).toMatch(/another origin/)
  })

  it('rejects a token without sub, or with an empty sub', async () => {
    const key = await importPKCS8(inject('jwtPrivateKey'), 'RS256')
    const azp = 'http://127.0.0.1:5173'
    for (const [claims, message] of [
      [{ azp }, /invalid/],
      [{ azp, sub: '' }, /subject/],
      [{ azp, sub: 42 }, /invalid/]
    ] as const) {
      const token = await new SignJWT(claims as unknown as JWTPayload)
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(key)
      expect(await rejected(`Bearer ${token}`)).toMatch(message)
    }
  })

  it('checks the token before anything else: a bad token on a bad request is still 401', async () => {
    const res = await api<ErrorResponse>('POST', '/v1/spaces', {
      headers: { authorization: 'Bearer nope' },
      body: '{"name":'
    })
    expect(res.status).toBe(401)
  })
})

describe('auth: public routes', () => {
  it('/health, /openapi.json and /docs answer without a token, even with a bad one', async () => {
    for (const path of ['/health', '/openapi.json', '/docs']) {
      for (const headers of [{}, { authorization: 'Bearer garbage' }] as Record<string, string>[]) {
        const res = await exports.default.fetch(`http://api.test${path}`, { headers })
        expect(res.status, path).toBe(200)
        await res.body?.cancel()
      }
    }
  })
})

describe('auth: configuration', () => {
  const request = async (overrides: Partial<Env>, token?: string) => {
    const res = await createApp().request(
      '/v1/me',
      { headers: { authorization: `Bearer ${token ?? (await tokenFor(uniqueUser()))}` } },
      { ...env, ...overrides }
    )
    return { status: res.status, body: (await res.json()) as ErrorResponse }
  }

  it('accepts CLERK_JWT_KEY pasted with literal \\n sequences (a one-line .env value)', async () => {
    const oneLine = inject('jwtPublicKey').trim().replace(/\n/g, '\\n')
    expect(oneLine).not.toContain('\n')
    expect((await request({ CLERK_JWT_KEY: oneLine })).status).toBe(200)
  })

  it('has no bypass: with no key configured nothing gets in, whatever the token', async () => {
    const res = await request({ CLERK_JWT_KEY: '', CLERK_SECRET_KEY: '' })
    expect(res.status).toBe(500)
    expect(res.body.error.code).toBe('internal_error')
    expect(res.body.error.message).toMatch(/not configured/)
  })

  it('rejects a valid token when the configured key is another one', async () => {
    const { publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true })
    const res = await request({ CLERK_JWT_KEY: await exportSPKI(publicKey) })
    expect(res.status).toBe(401)
  })
})

/** A Clerk-style session token signed with the run's key, with the given header kid and extra claims. */
async function sessionToken(claims: Record<string, unknown>, kid?: string): Promise<string> {
  const key = await importPKCS8(inject('jwtPrivateKey'), 'RS256')
  return new SignJWT({ sub: uniqueUser(), azp: TEST_EXTENSION_ORIGIN, ...claims })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...(kid ? { kid } : {}) })
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(key)
}

describe('auth: session status (sts)', () => {
  it('rejects a pending session (sts "pending") with 401, as Clerk treats it as signed out', async () => {
    const token = await sessionToken({ sts: 'pending', sid: 'sess_pending', v: 2 })
    expect(await rejected(`Bearer ${token}`)).toMatch(/pending/)
  })

  it('accepts an active session (sts "active") and a token without sts', async () => {
    for (const claims of [{ sts: 'active', sid: 'sess_active', v: 2 }, {}]) {
      const res = await api('GET', '/v1/spaces', { token: await sessionToken(claims) })
      expect(res.status, JSON.stringify(claims)).toBe(200)
    }
  })
})

describe('auth: CLERK_SECRET_KEY (JWKS) path', () => {
  const KID = 'ins_test_signing_key'

  /** A fresh stand-in scope holding the run's public key as Clerk's JWKS; returns the env and a fetch counter. */
  async function clerkScope() {
    const scope = `scope-${crypto.randomUUID()}`
    const secretKey = `sk_test_${crypto.randomUUID().replaceAll('-', '')}`
    const jwk = await exportJWK(await importSPKI(inject('jwtPublicKey'), 'RS256'))
    const put = await fetch(`${inject('clerkApiUrl')}/${scope}/keys`, {
      method: 'PUT',
      body: JSON.stringify({ secretKey, jwks: { keys: [{ ...jwk, kid: KID, alg: 'RS256', use: 'sig' }] } })
    })
    expect(put.status).toBe(204)
    const fetches = async () =>
      ((await (await fetch(`${inject('clerkApiUrl')}/${scope}/count`)).json()) as { fetches: number }).fetches
    const secretEnv: Partial<Env> = {
      CLERK_JWT_KEY: '',
      CLERK_SECRET_KEY: secretKey,
      CLERK_API_URL: `${inject('clerkApiUrl')}/${scope}`
    }
    const call = async (token: string, overrides: Partial<Env> = {}) => {
      const res = await createApp().request(
        '/v1/spaces',
        { headers: { authorization: `Bearer ${token}` } },
        { ...env, ...secretEnv, ...overrides }
      )
      await res.body?.cancel()
      return res.status
    }
    return { call, fetches, secretEnv }
  }

  let throwawayKey: CryptoKey | undefined
  /** A well-formed RS256 token naming a key Clerk never issued (a new kid each time), signed with a throwaway key. */
  async function unknownKidToken() {
    throwawayKey ??= (await generateKeyPair('RS256', { modulusLength: 2048 })).privateKey
    return new SignJWT({ sub: uniqueUser(), azp: TEST_EXTENSION_ORIGIN })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: `ins_${crypto.randomUUID()}` })
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(throwawayKey)
  }

  it("verifies a token signed with a key from Clerk's JWKS, fetched once and then cached", async () => {
    const clerk = await clerkScope()
    for (let i = 0; i < 5; i++) expect(await clerk.call(await sessionToken({}, KID))).toBe(200)
    expect(await clerk.fetches()).toBe(1)
  })

  it('makes no call to Clerk per request for tokens naming unknown keys (at most one per interval)', async () => {
    const clerk = await clerkScope()
    expect(await clerk.call(await sessionToken({}, KID))).toBe(200)
    for (let i = 0; i < 20; i++) expect(await clerk.call(await unknownKidToken())).toBe(401)
    expect(await clerk.fetches()).toBe(1)
  })

  it('on a cold isolate, a burst of unknown-kid tokens costs one JWKS fetch, not one each', async () => {
    const clerk = await clerkScope()
    const tokens = await Promise.all(Array.from({ length: 10 }, unknownKidToken))
    expect(await Promise.all(tokens.map((token) => clerk.call(token)))).toEqual(tokens.map(() => 401))
    expect(await clerk.fetches()).toBe(1)
    // The key set that fetch brought is used: a real token still gets in, with no new fetch.
    expect(await clerk.call(await sessionToken({}, KID))).toBe(200)
    expect(await clerk.fetches()).toBe(1)
  })

  it('never calls Clerk for malformed tokens, or for tokens with no kid or another algorithm', async () => {
    const clerk = await clerkScope()
    const hs256 = await new SignJWT({ sub: uniqueUser() })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: 'ins_x' })
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('secret'))
    for (const token of ['garbage', 'a.b.c', await sessionToken({}), hs256]) {
      expect(await clerk.call(token), token).toBe(401)
    }
    expect(await clerk.fetches()).toBe(0)
  })

  it("answers 503 auth_unavailable when Clerk's JWKS cannot be loaded, and does not retry per request", async () => {
    const clerk = await clerkScope()
    const wrongSecret = { CLERK_SECRET_KEY: 'sk_test_not_the_instance_key' }
    const res = await createApp().request(
      '/v1/spaces',
      { headers: { authorization: `Bearer ${await sessionToken({}, KID)}` } },
      { ...env, ...clerk.secretEnv, ...wrongSecret }
    )
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('10')
    expect(((await res.json()) as ErrorResponse).error.code).toBe('auth_unavailable')
    for (let i = 0; i < 5; i++) expect(await clerk.call(await sessionToken({}, KID), wrongSecret)).toBe(503)
    expect(await clerk.fetches()).toBe(1)
  })

  it('prefers CLERK_JWT_KEY when both keys are set: no network at all', async () => {
    const clerk = await clerkScope()
    const both = { CLERK_JWT_KEY: inject('jwtPublicKey') }
    expect(await clerk.call(await sessionToken({}, KID), both)).toBe(200)
    expect(await clerk.call(await unknownKidToken(), both)).toBe(401)
    expect(await clerk.fetches()).toBe(0)
  })
})

describe('auth: a token that fails to verify costs no database query', () => {
  it('is a 401 even when the database is unreachable (a query would have made it a 503)', async () => {
    const deadEnv = {
      ...env,
      HYPERDRIVE: { ...env.HYPERDRIVE, connectionString: 'postgres://u:p@127.0.0.1:9/none' }
    }
    for (const authorization of ['Bearer garbage', `Bearer ${await sessionToken({ sts: 'pending' })}`]) {
      const res = await createApp().request('/v1/spaces', { headers: { authorization } }, deadEnv)
      expect(res.status, authorization).toBe(401)
      await res.body?.cancel()
    }
  })
})
