// A per-request node-postgres + Drizzle client over the Hyperdrive binding.
// Never share one across requests: Workers forbid I/O objects crossing request contexts.
//
// node-postgres sends a parameterized statement as Parse/Bind/Describe/Execute/Sync in one write: one
// network round trip. (postgres.js first asks the server to describe the parameters, then executes: two
// round trips per statement on a fresh connection, which is every request here. Through Hyperdrive each
// round trip crosses to the database's host.)
import type { Duplex } from 'node:stream'
import type { SQL } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/node-postgres'
import { Pool } from 'pg'
import * as pgCloudflare from 'pg-cloudflare'
import * as schema from './schema'

// pg-cloudflare publishes types only for its empty Node entry; its workerd entry exports the socket class.
const { CloudflareSocket } = pgCloudflare as unknown as { CloudflareSocket: new (ssl: boolean) => Duplex }

/**
 * pg corks the socket around a query's Parse/Bind/Describe/Execute/Sync so that they leave in one write;
 * pg-cloudflare's socket has no cork, so each message went out alone and the server's delayed ACK held the
 * query ~40 ms. These cork/uncork buffer the writes in between and send them as one.
 */
function corkable(socket: Duplex): Duplex {
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean
  let corked: Uint8Array[] | undefined
  socket.cork = () => {
    corked ??= []
  }
  socket.uncork = () => {
    const chunks = corked
    corked = undefined
    if (chunks?.length) write(Buffer.concat(chunks))
  }
  socket.write = ((chunk: Uint8Array, ...rest: unknown[]) => {
    if (!corked) return write(chunk, ...rest)
    corked.push(chunk)
    const callback = rest.find((arg): arg is () => void => typeof arg === 'function')
    callback?.()
    return true
  }) as Duplex['write']
  return socket
}
const inWorkers = typeof navigator !== 'undefined' && navigator.userAgent === 'Cloudflare-Workers'

const wantsTls = (url: string) => /[?&]sslmode=(require|verify-ca|verify-full)\b/.test(url)

/** Seconds to wait for a connection before answering 503. */
export const CONNECT_TIMEOUT_SECONDS = 3

export function createDb(connectionString: string) {
  const pool = new Pool({
    connectionString,
    // Hyperdrive pools on its side; a few sockets let one request run independent queries together.
    max: 5,
    connectionTimeoutMillis: CONNECT_TIMEOUT_SECONDS * 1000,
    // In workerd, hand pg its Workers socket ourselves: pg's own `require('pg-cloudflare')` loses the
    // class under vitest's module runner (brianc/node-postgres#3493). TLS follows the connection string.
    ...(inWorkers ? { stream: () => corkable(new CloudflareSocket(wantsTls(connectionString))) } : {})
  })
  // A socket that dies while idle must not become an unhandled 'error' event; the next query reports it.
  pool.on('error', () => {})
  const db = drizzle({ client: pool, schema, casing: 'snake_case' })
  return { pool, db }
}

export type Database = ReturnType<typeof createDb>['db']

/** A client or a transaction. */
export type Executor = Pick<Database, 'execute'>

/** Runs a raw statement and returns its rows as objects keyed by the SQL column names. */
export async function execute(db: Executor, query: SQL): Promise<Record<string, unknown>[]> {
  return (await db.execute(query)).rows
}
