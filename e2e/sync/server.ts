// Starts what the sync tests talk to: an embedded PostgreSQL with the migrations applied and a real
// `wrangler dev` in front of it, trusting a key pair made for this run; signs tokens like Clerk does.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { importPKCS8, SignJWT } from 'jose'
import { writeEnvFile } from '../../scripts/lib/dev-env.ts'
import { generateKeyPair } from '../../scripts/lib/dev-keys.ts'
import { type EmbeddedDb, freePort, startEmbeddedDb } from '../../scripts/lib/embedded-db.ts'
import { applyMigrations } from '../../scripts/lib/migrate.ts'
import { startWranglerDev, type WranglerDev } from '../../scripts/lib/wrangler-dev.ts'

export type SyncServer = {
  url: string
  /** A session token for `userId` (RS256), issued for `azp` when the server has allowed origins. */
  tokenFor: (userId: string, azp?: string) => Promise<string>
  stop: () => Promise<void>
}

/** `allowedOrigins`: CORS origins (a browser page's); none lets Node callers in without `azp`. */
export async function startSyncServer(options: { allowedOrigins?: string[] } = {}): Promise<SyncServer> {
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
    db = await startEmbeddedDb({ dir: join(temp, 'postgres'), persistent: false })
    await applyMigrations(db.url)
    const keys = generateKeyPair()
    const envFile = join(temp, 'worker.env')
    writeEnvFile(envFile, {
      CLERK_JWT_KEY: keys.publicKeyPem,
      CLERK_SECRET_KEY: '',
      ALLOWED_ORIGINS: (options.allowedOrigins ?? []).join(',')
    })
    worker = await startWranglerDev({
      port: await freePort(),
      inspectorPort: await freePort(),
      databaseUrl: db.url,
      envFile,
      persistTo: join(temp, 'wrangler-state')
    })
    const privateKey = await importPKCS8(keys.privateKeyPem, 'RS256')
    const tokenFor = (userId: string, azp?: string) =>
      new SignJWT({ sub: userId, ...(azp ? { azp } : {}) })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey)
    return { url: worker.url, tokenFor, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
