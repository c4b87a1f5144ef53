// The local stack a bench runs against: embedded PostgreSQL, a counting proxy in front of it, a real
// `wrangler dev` whose Hyperdrive binding goes through the proxy, and a signed token for one user.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { importPKCS8, SignJWT } from 'jose'
import { buildDocsAssets } from '../../scripts/build-docs-assets.ts'
import { writeEnvFile } from '../../scripts/lib/dev-env.ts'
import { generateKeyPair } from '../../scripts/lib/dev-keys.ts'
import { freePort, startEmbeddedDb } from '../../scripts/lib/embedded-db.ts'
import { applyMigrations } from '../../scripts/lib/migrate.ts'
import { startWranglerDev } from '../../scripts/lib/wrangler-dev.ts'
import { type DelayProxy, startDelayProxy } from './delay-proxy.ts'

export type BenchStack = {
  url: string
  /** Direct to PostgreSQL, bypassing the proxy (for baselines). */
  databaseUrl: string
  /** Through the proxy, as the Worker reaches PostgreSQL (for baselines that pay the same delay). */
  proxiedUrl: string
  /** Counts the Worker's round trips to PostgreSQL; no delay until `setDelay`. */
  counter: DelayProxy
  tokenFor: (userId: string) => Promise<string>
  /** Calls the API as `user` (one token per user); throws on a non-2xx answer. */
  call: (method: string, path: string, user: string, body?: unknown) => Promise<{ bytes: number; json: Json }>
  stop: () => Promise<void>
}

type Json = Record<string, unknown>

export async function startBenchStack(): Promise<BenchStack> {
  buildDocsAssets()
  const temp = mkdtempSync(join(tmpdir(), 'bookmarks-bench-'))
  chmodSync(temp, 0o755)
  const db = await startEmbeddedDb({ dir: join(temp, 'postgres'), persistent: false })
  const cleanup: (() => Promise<void>)[] = [
    async () => db.stop(),
    async () => rmSync(temp, { recursive: true, force: true })
  ]
  const stop = async () => {
    for (const step of cleanup.reverse()) await step().catch(() => {})
  }
  try {
    await applyMigrations(db.url)
    const counter = await startDelayProxy({ host: '127.0.0.1', port: db.port, delayMs: 0 })
    cleanup.push(() => counter.close())
    const port = await freePort()
    const origin = `http://127.0.0.1:${port}`
    const keys = generateKeyPair()
    const envFile = join(temp, 'worker.env')
    writeEnvFile(envFile, { CLERK_JWT_KEY: keys.publicKeyPem, CLERK_SECRET_KEY: '', ALLOWED_ORIGINS: origin })
    const proxiedUrl = db.url.replace(`:${db.port}/`, `:${counter.port}/`)
    const worker = await startWranglerDev({
      port,
      inspectorPort: await freePort(),
      databaseUrl: proxiedUrl,
      envFile,
      persistTo: join(temp, 'wrangler-state')
    })
    cleanup.push(() => worker.stop())
    const privateKey = await importPKCS8(keys.privateKeyPem, 'RS256')
    const tokenFor = (userId: string) =>
      new SignJWT({ sub: userId, azp: origin })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
        .setIssuedAt()
        .setExpirationTime('2h')
        .sign(privateKey)
    const tokens = new Map<string, Promise<string>>()
    const call: BenchStack['call'] = async (method, path, user, body) => {
      let token = tokens.get(user)
      if (!token) {
        token = tokenFor(user)
        tokens.set(user, token)
      }
      const res = await fetch(`${worker.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${await token}`,
          ...(body ? { 'content-type': 'application/json' } : {})
        },
        body: body ? JSON.stringify(body) : undefined
      })
      const text = await res.text()
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`)
      return { bytes: text.length, json: text ? (JSON.parse(text) as Json) : {} }
    }
    return { url: worker.url, databaseUrl: db.url, proxiedUrl, counter, tokenFor, call, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
