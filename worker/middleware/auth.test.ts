import { env, exports } from 'cloudflare:workers'
import { exportSPKI, generateKeyPair, importPKCS8, type JWTPayload, SignJWT } from 'jose'
import { describe, expect, inject, it } from 'vitest'
import { createApp } from '../app'
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
