// One sync stack for the whole e2e-sync project: a fresh PostgreSQL (in its own process), one `wrangler dev`,
// the development and the Clerk builds of the extension for it, and the origin browser.test.ts serves its page from.
// Every file's tests use their own user ids, so they share it the way users share the real API.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { EXTENSION_ORIGIN } from '../../scripts/lib/dev-env.ts'
import { freePort } from '../../scripts/lib/free-port.ts'
import { startTestDatabase } from '../../scripts/lib/test-database.ts'
import { STAND_IN_PUBLISHABLE_KEY } from '../clerk/frontend-api.ts'
import { buildClerkExtension, buildDevExtension } from '../lib/build-extension.ts'
import { type SyncServer, startSyncServer } from './server.ts'

/** The page browser.test.ts loads: its script is the bundle that file builds into `syncPageDir`. */
const PAGE =
  '<!doctype html><meta charset="utf-8"><title>sync</title><script type="module" src="/harness.js"></script>'

export default async function setup(project: TestProject) {
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
    project.provide('syncServerUrl', server.url)
    project.provide('syncDatabaseUrl', db.url)
    project.provide('syncPrivateKey', server.privateKeyPem)
    project.provide('syncPageOrigin', pageOrigin)
    project.provide('syncPageDir', pageDir)
    project.provide('syncDevExtension', devExtension.dist)
    project.provide('syncDevExtensionError', devExtension.error)
    project.provide('syncClerkExtension', clerkExtension.dist)
    project.provide('syncClerkExtensionError', clerkExtension.error)
  } catch (error) {
    // The builds never reject; they are done writing into `temp` before that goes.
    await built
    await stop()
    throw error
  }
  return stop
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared `wrangler dev`. */
    syncServerUrl: string
    /** Its database, for a file that runs a Worker of its own on the same data (live.test.ts). */
    syncDatabaseUrl: string
    /** Signs tokens its Worker trusts (syncServerAt() in server.ts). */
    syncPrivateKey: string
    /** An origin the Worker allows, serving PAGE and `<syncPageDir>/harness.js`. */
    syncPageOrigin: string
    syncPageDir: string
    /** A buildDevExtension() build for the shared Worker; withDevToken() makes one for a user. */
    syncDevExtension: string
    /** Why that build failed, when it did ('' when it did not). */
    syncDevExtensionError: string
    /** A buildClerkExtension() build for the shared Worker; withClerkProxy() points it at a Clerk stand-in. */
    syncClerkExtension: string
    syncClerkExtensionError: string
  }
}
