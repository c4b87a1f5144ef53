// Gives each request its own database client (the pool connects lazily, on the first query).
import { createMiddleware } from 'hono/factory'
import { createDb } from '../db/client'
import type { AppEnv } from '../lib/types'

export const dbMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  const { db } = createDb(c.env.HYPERDRIVE.connectionString)
  c.set('db', db)
  // No pool.end(): the runtime closes the request's sockets when it finishes, and Hyperdrive keeps the
  // real connections to PostgreSQL warm. db.test.ts checks that nothing leaks.
  await next()
})
