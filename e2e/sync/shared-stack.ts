// One sync stack for the whole e2e-sync project: a fresh PostgreSQL (in its own process), one `wrangler dev`,
// the development and the Clerk builds of the extension for it, and the origin browser.test.ts serves its page from.
// Every file's tests use their own user ids, so they share it the way users share the real API.
// Started once per Vitest process (kept on globalThis: each project loads its setup modules apart), so that the
// run's root setup can start it beside its own database instead of after it (Vitest runs setups one by one).
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ProvidedContext } from 'vitest'
import { EXTENSION_ORIGIN } from '../../scripts/lib/dev-env.ts'
import { freePort } from '../../scripts/lib/free-port.ts'
import { startTestDatabase } from '../../scripts/lib/test-database.ts'
import { STAND_IN_PUBLISHABLE_KEY } from '../clerk/frontend-api.ts'
import { buildClerkExtension, buildDevExtension } from '../lib/build-extension.ts'
import { type SyncServer, startSyncServer } from './server.ts'

/** The page browser.test.ts loads: its script is the bundle that file builds into `syncPageDir`. */
const PAGE =
  '<!doctype html><meta charset="utf-8"><title>sync</title><script type="module" src="/harness.js"></script>'

/** What the project's tests get through inject(): the keys global-setup.ts declares. */
export type SyncProvided = Pick<
  ProvidedContext,
  | 'syncServerUrl'
  | 'syncDatabaseUrl'
  | 'syncPrivateKey'
  | 'syncPageOrigin'
  | 'syncPageDir'
  | 'syncDevExtension'
  | 'syncDevExtensionError'
  | 'syncClerkExtension'
  | 'syncClerkExtensionError'
>
export type SharedStack = { provided: SyncProvided; stop: () => Promise<void> }

const KEY = Symbol.for('bookmarks-index.e2e-sync.shared-stack')
type Holder = { [KEY]?: { started: Promise<SharedStack>; stopped?: Promise<void> } }

/** The project's stack, started on the first call in this process; later calls get the same one. */
export function sharedSyncStack(): Promise<SharedStack> {
  const holder = globalThis as Holder
  holder[KEY] ??= { started: startStack() }
  return holder[KEY].started
}

/** Stops the stack if this process started one; safe to call more than once, and from either setup. */
export async function stopSharedSyncStack(): Promise<void> {
  const entry = (globalThis as Holder)[KEY]
  if (!entry) return
  entry.stopped ??= entry.started.then(
    (stack) => stack.stop(),
    () => {}
  )
  await entry.stopped
}

async function startStack(): Promise<SharedStack> {
  const temp = mkdtempSync(join(tmpdir(), 'bookmarks-e2e-sync-shared-'))
  const pageDir = join(temp, 'page')
  mkdirSync(pageDir)
  // Listening before the Worker starts: the page's origin must be in ALLOWED_ORIGINS, and a port held from
  // the start cannot be taken by anything else in the meantime.
  const site = createServer((req, res) => {
    if (req.url === '/harness.js') {
      try {
        res
          .writeHead(200, { 'content-type': 'text/javascript' })
          .end(readFileSync(join(pageDir, 'harness.js')))
      } catch {
        res.writeHead(404).end()
      }
    } else {
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE)
    }
  })
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve))
  const pageOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`
  const closeSite = () => new Promise<void>((resolve) => site.close(() => resolve()))

  let db: Awaited<ReturnType<typeof startTestDatabase>> | undefined
  let server: SyncServer | undefined
  type Built = { dist: string; error: string }
  let built: Promise<[Built, Built]> | undefined
  const stop = async () => {
    await server?.stop()
    await db?.stop()
    await closeSite()
    rmSync(temp, { recursive: true, force: true })
  }
  try {
    const port = await freePort()
    const apiUrl = `http://127.0.0.1:${port}`
    // The builds need only the API's address, so they run while the database and the Worker start. A failed
    // build fails only the tests that load it (harness.buildFor, harness.clerkBuild), as when each built its own.
    const settled = (build: Promise<string>): Promise<Built> =>
      build.then(
        (dist) => ({ dist, error: '' }),
        (error: unknown) => ({ dist: '', error: String((error as Error).message ?? error) })
      )
    built = Promise.all([
      settled(buildDevExtension(join(temp, 'dist-dev'), apiUrl)),
      settled(buildClerkExtension(join(temp, 'dist-clerk'), apiUrl, STAND_IN_PUBLISHABLE_KEY))
    ])
    db = await startTestDatabase({ fresh: true })
    server = await startSyncServer({
      allowedOrigins: [EXTENSION_ORIGIN, pageOrigin],
      port,
      databaseUrl: db.url
    })
    const [devExtension, clerkExtension] = await built
    const provided: SyncProvided = {
      syncServerUrl: server.url,
      syncDatabaseUrl: db.url,
      syncPrivateKey: server.privateKeyPem,
      syncPageOrigin: pageOrigin,
      syncPageDir: pageDir,
      syncDevExtension: devExtension.dist,
      syncDevExtensionError: devExtension.error,
      syncClerkExtension: clerkExtension.dist,
      syncClerkExtensionError: clerkExtension.error
    }
    return { provided, stop }
  } catch (error) {
    // The builds never reject; they are done writing into `temp` before that goes.
    await built
    await stop()
    throw error
  }
}
