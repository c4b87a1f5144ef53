// Clerk's signing keys for the CLERK_SECRET_KEY path, fetched from the Backend API's JWKS and kept per isolate.
// Clerk's own loader refetches the JWKS for every token whose `kid` it has not seen, before any signature check,
// so anyone could make the Worker call Clerk once per request. Here a kid the fresh key set lacks costs at most
// one fetch per interval, and concurrent requests share the fetch in flight.

/** How long a fetched key set is trusted before it is fetched again (Clerk rotates keys rarely). */
export const JWKS_MAX_AGE_MS = 60 * 60 * 1000
/** An unknown kid refetches the key set at most this often (a rotation shows up within this long). */
export const UNKNOWN_KID_REFETCH_MS = 5 * 60 * 1000
/** After a failed fetch, how long until the next try (so a Clerk outage is not hammered per request). */
export const FAILED_FETCH_RETRY_MS = 10 * 1000
const FETCH_TIMEOUT_MS = 5000

/** Clerk's JWKS could not be loaded: the request cannot be judged right now (a 503, not a 401). */
export class JwksUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(`Clerk's signing keys could not be loaded (${reason})`)
    this.name = 'JwksUnavailableError'
  }
}

type KeySet = {
  /** PEM public keys by kid, ready for @clerk/backend's networkless `jwtKey` path. */
  keys: Map<string, string>
  fetchedAt: number
  attemptedAt: number
  failure?: string
  inFlight?: Promise<void>
}

// Per isolate, by Backend API URL and secret key (two Workers configs never share keys).
const keySets = new Map<string, KeySet>()

export type ClerkApi = { secretKey: string; apiUrl: string }

/**
 * The PEM public key Clerk signs `kid` with, or undefined when Clerk's current key set has no such key.
 * Throws JwksUnavailableError when the key set cannot be had and no cached key fits.
 */
export async function clerkSigningKey(kid: string, api: ClerkApi): Promise<string | undefined> {
  const scope = `${api.apiUrl}\n${api.secretKey}`
  let set = keySets.get(scope)
  if (!set) {
    set = { keys: new Map(), fetchedAt: 0, attemptedAt: 0 }
    keySets.set(scope, set)
  }
  const now = Date.now()
  const fresh = now - set.fetchedAt < JWKS_MAX_AGE_MS
  if (fresh && set.keys.has(kid)) return set.keys.get(kid)

  const due = set.failure
    ? now - set.attemptedAt >= FAILED_FETCH_RETRY_MS
    : !fresh || now - set.attemptedAt >= UNKNOWN_KID_REFETCH_MS
  if (set.inFlight) await set.inFlight
  else if (due) {
    set.attemptedAt = now
    set.inFlight = refresh(set, api).finally(() => {
      if (set) set.inFlight = undefined
    })
    await set.inFlight
  }
  // A key from an older set still verifies while Clerk cannot be reached. A kid missing from a set that loaded
  // is unknown (401); one missing while the last fetch failed cannot be judged (503).
  const key = set.keys.get(kid)
  if (key) return key
  if (set.failure) throw new JwksUnavailableError(set.failure)
  return undefined
}

async function refresh(set: KeySet, api: ClerkApi): Promise<void> {
  try {
    const res = await fetch(`${api.apiUrl.replace(/\/+$/, '')}/v1/jwks`, {
      headers: { authorization: `Bearer ${api.secretKey}` },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS)
    })
    if (!res.ok) {
      await res.body?.cancel()
      throw new Error(`HTTP ${res.status}`)
    }
    const { keys } = (await res.json()) as { keys?: unknown }
    const pems = new Map<string, string>()
    for (const jwk of Array.isArray(keys) ? keys : []) {
      const { kid, kty } = (jwk ?? {}) as { kid?: unknown; kty?: unknown }
      if (typeof kid === 'string' && kty === 'RSA') pems.set(kid, await jwkToPem(jwk as JsonWebKey))
    }
    if (pems.size === 0) throw new Error('no RSA signing keys')
    set.keys = pems
    set.fetchedAt = Date.now()
    set.failure = undefined
  } catch (err) {
    set.failure = err instanceof Error ? err.message : 'fetch failed'
  }
}

async function jwkToPem(jwk: JsonWebKey): Promise<string> {
  const { kty, n, e } = jwk
  const key = await crypto.subtle.importKey(
    'jwk',
    { kty, n, e },
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    true,
    ['verify']
  )
  const spki = new Uint8Array((await crypto.subtle.exportKey('spki', key)) as ArrayBuffer)
  const base64 = btoa(String.fromCharCode(...spki))
  return `-----BEGIN PUBLIC KEY-----\n${base64.replace(/.{64}/g, '$&\n')}\n-----END PUBLIC KEY-----`
}
