// Gives each request its own database client (postgres.js connects lazily, on the first query).
import { createMiddleware } from 'hono/factory'
import { createDb } from '../db/client'
import type { AppEnv } from '../lib/types'

export const dbMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  const { sql, db } = createDb(c.env.HYPERDRIVE.connectionString)
  c.set('sql', sql)
  c.set('db', db)
  // No sql.end(): the runtime closes the request's sockets when it finishes, and Hyperdrive keeps the
  // real connections to PostgreSQL warm. Ending it ourselves races postgres.js's socket reader into
  // unhandled "socket has been closed" rejections. db.test.ts checks that nothing leaks.
  await next()
})
