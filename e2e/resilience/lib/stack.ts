// What a resilience test runs against: an embedded PostgreSQL (persistent, so it can be stopped, killed and
// started again on the same port and data) with the migrations applied, a real `wrangler dev` whose
// Hyperdrive binding points at it, tokens signed like Clerk's, and calls that never wait past a bound.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { importPKCS8, SignJWT } from 'jose'
import postgres from 'postgres'
import { writeEnvFile } from '../../../scripts/lib/dev-env.ts'
import { generateKeyPair } from '../../../scripts/lib/dev-keys.ts'
import {
  type EmbeddedDb,
  embeddedDbUrl,
  freePort,
  startEmbeddedDb
} from '../../../scripts/lib/embedded-db.ts'
import { applyMigrations } from '../../../scripts/lib/migrate.ts'
import { sleep, startWranglerDev, type WranglerDev } from '../../../scripts/lib/wrangler-dev.ts'

/** A request that takes longer than this counts as a hang. */
export const HANG_MS = 10_000

export type Answer = {
  method: string
  path: string
  /** HTTP status, or 0 when the request failed or hung (see `failure`). */
  status: number
  body: unknown
  ms: number
  failure?: string
}

export type StackOptions = {
  /**
   * The Worker connects as another role: `url` makes its connection string from the superuser one (known
   * before the database starts, so the Worker starts meanwhile), and `prepare` creates the role once the
   * migrations are in.
   */
  workerDatabase?: { url: (superuserUrl: string) => string; prepare: (sql: postgres.Sql) => Promise<void> }
}

export type ResilienceStack = {
  url: string
  worker: WranglerDev
  /** The current database server (replaced on every start). */
  db: () => EmbeddedDb
  /** A superuser connection straight to PostgreSQL; made again after a restart. */
  sql: () => postgres.Sql
  tokenFor: (userId: string) => Promise<string>
  call: (method: string, path: string, user: string, body?: unknown) => Promise<Answer>
  stopDb: () => Promise<void>
  startDb: () => Promise<void>
  /** SIGKILLs the postmaster and every backend (a crash: no shutdown, no checkpoint), then waits. */
  killDb: () => Promise<void>
  /** Polls `path` until it answers 200 (the Worker serves again); returns the last answer. */
  waitFor200: (path: string, user: string, timeoutMs?: number) => Promise<Answer>
  stop: () => Promise<void>
}

export async function startResilienceStack(
  label: string,
  options: StackOptions = {}
): Promise<ResilienceStack> {
  const temp = mkdtempSync(join(tmpdir(), `bookmarks-resilience-${label}-`))
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
  const stop = async () => {
    await closeDirect()
    await worker?.stop()
    if (dbRunning) await db?.stop()
    rmSync(temp, { recursive: true, force: true })
  }

  try {
    const dbPort = await freePort()
    const superuserUrl = embeddedDbUrl(dbPort)
    const sql = () => {
      direct ??= postgres(superuserUrl, { max: 2, onnotice: () => {}, connect_timeout: 5 })
      return direct
    }
    const keys = generateKeyPair()
    const envFile = join(temp, 'worker.env')
    writeEnvFile(envFile, { CLERK_JWT_KEY: keys.publicKeyPem, CLERK_SECRET_KEY: '', ALLOWED_ORIGINS: '' })
    // The Worker needs only the database's address to start (its /health answers 503 until the database is
    // up), so the database and the Worker start side by side.
    const databaseReady = (async () => {
      db = await startEmbeddedDb({ dir: join(temp, 'postgres'), port: dbPort, persistent: true })
      dbRunning = true
      await applyMigrations(db.url)
      await options.workerDatabase?.prepare(sql())
    })()
    const workerReady = (async () => {
      worker = await startWranglerDev({
        port: await freePort(),
        inspectorPort: await freePort(),
        databaseUrl: options.workerDatabase?.url(superuserUrl) ?? superuserUrl,
        envFile,
        persistTo: join(temp, 'wrangler-state')
      })
      return worker
    })()
    // Both settle before a failure stops the stack, so that nothing is left starting.
    for (const result of await Promise.allSettled([databaseReady, workerReady]))
      if (result.status === 'rejected') throw result.reason
    const started = await workerReady
    const privateKey = await importPKCS8(keys.privateKeyPem, 'RS256')
    const tokens = new Map<string, Promise<string>>()
    const tokenFor = (userId: string) => {
      let token = tokens.get(userId)
      if (!token) {
        token = new SignJWT({ sub: userId })
          .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
          .setIssuedAt()
          .setExpirationTime('30m')
          .sign(privateKey)
        tokens.set(userId, token)
      }
      return token
    }
    const url = started.url

    const call = async (method: string, path: string, user: string, body?: unknown): Promise<Answer> => {
      const started = performance.now()
      try {
        const res = await fetch(`${url}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${await tokenFor(user)}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' })
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(HANG_MS)
        })
        const text = await res.text()
        let parsed: unknown = text
        try {
          parsed = text ? JSON.parse(text) : undefined
        } catch {
          // Kept as text: the checks report a body that is not JSON.
        }
        return { method, path, status: res.status, body: parsed, ms: performance.now() - started }
      } catch (error) {
        const failure = (error as Error).name === 'TimeoutError' ? 'hung' : String(error)
        return { method, path, status: 0, body: undefined, ms: performance.now() - started, failure }
      }
    }

    const startDb = async () => {
      if (dbRunning || !db) return
      db = await startEmbeddedDb({ dir: db.dir, port: db.port, persistent: true })
      dbRunning = true
    }
    const stopDb = async () => {
      await closeDirect()
      if (!dbRunning || !db) return
      await db.stop()
      dbRunning = false
    }
    const killDb = async () => {
      if (!dbRunning || !db) return
      const postmaster = Number(readFileSync(join(db.dir, 'postmaster.pid'), 'utf8').split('\n')[0])
      const backends = childrenOf(postmaster)
      for (const pid of [postmaster, ...backends]) kill(pid)
      // The old EmbeddedPostgres handle waits for an exit it already missed: it is dropped, not stopped.
      dbRunning = false
      const deadline = Date.now() + 10_000
      while ([postmaster, ...backends].some(alive) && Date.now() < deadline) await sleep(20)
      await closeDirect()
    }
    const waitFor200 = async (path: string, user: string, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs
      let last = await call('GET', path, user)
      while (last.status !== 200 && Date.now() < deadline) {
        await sleep(200)
        last = await call('GET', path, user)
      }
      return last
    }

    return {
      url,
      worker: started,
      db: () => db as EmbeddedDb,
      sql,
      tokenFor,
      call,
      stopDb,
      startDb,
      killDb,
      waitFor200,
      stop
    }
  } catch (error) {
    await stop()
    throw error
  }
}

/** The answer is a success, or the API's clean "database unavailable" error; anything else is reported. */
export function isCleanAnswer(answer: Answer): boolean {
  if (answer.status >= 200 && answer.status < 300) return true
  return answer.status === 503 && errorCode(answer) === 'db_unavailable'
}

export function errorCode(answer: Answer): string | undefined {
  const body = answer.body as { error?: { code?: unknown; message?: unknown } } | undefined
  const code = body?.error?.code
  return typeof code === 'string' && typeof body?.error?.message === 'string' ? code : undefined
}

/** A short line per answer for failure messages. */
export function describe(answer: Answer): string {
  const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)
  return `${answer.method} ${answer.path} -> ${answer.status}${answer.failure ? ` (${answer.failure})` : ''} in ${Math.round(answer.ms)} ms: ${(body ?? '').slice(0, 200)}`
}

function childrenOf(parent: number): number[] {
  const pids: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      // pid (comm) state ppid …; comm may hold spaces, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid === parent) pids.push(Number(entry))
    } catch {
      // The process ended while we looked.
    }
  }
  return pids
}

function kill(pid: number) {
  try {
    process.kill(pid, 'SIGKILL')
  } catch {
    // Already gone.
  }
}

/** Alive and not a zombie (a killed backend may wait to be reaped by an init that never does). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
  } catch {
    return false
  }
}
