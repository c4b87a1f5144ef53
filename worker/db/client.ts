// A per-request postgres.js + Drizzle client over the Hyperdrive binding.
// Never share one across requests: Workers forbid I/O objects crossing request contexts.
import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import * as schema from './schema'

/** Seconds to wait for a connection before answering 503 (postgres.js defaults to 30). */
export const CONNECT_TIMEOUT_SECONDS = 3

export function createDb(connectionString: string) {
  const sql = postgres(connectionString, {
    // Hyperdrive pools on its side; a few sockets let one request run independent queries together.
    max: 5,
    // The type lookup costs a round trip on every new connection; our columns need no custom parsers.
    fetch_types: false,
    connect_timeout: CONNECT_TIMEOUT_SECONDS,
    // Statements go through Hyperdrive's transaction pool; unnamed statements keep no server state.
    prepare: false
  })
  const db = drizzle(sql, { schema, casing: 'snake_case' })
  return { sql, db }
}

export type Database = ReturnType<typeof createDb>['db']
export type Sql = ReturnType<typeof createDb>['sql']
