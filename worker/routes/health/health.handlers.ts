// The health probe: one `select 1`, answered ok, or degraded when the database fails or is too slow to reply.
import type { RouteHandler } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import { CONNECT_TIMEOUT_SECONDS } from '../../db/client'
import type { AppEnv } from '../../lib/types'
import type { health } from './health.routes'

// A connection that opens but never answers must not hang the probe either.
const PROBE_TIMEOUT_MS = (CONNECT_TIMEOUT_SECONDS + 1) * 1000

export const healthHandler: RouteHandler<typeof health, AppEnv> = async (c) => {
  const probe = c.var.db.execute(sql`select 1`)
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('health probe timed out')), PROBE_TIMEOUT_MS)
  })
  try {
    await Promise.race([probe, timeout])
    return c.json({ status: 'ok' as const, db: 'ok' as const }, 200)
  } catch {
    return c.json({ status: 'degraded' as const, db: 'unreachable' as const }, 503)
  } finally {
    if (timer !== undefined) clearTimeout(timer)
  }
}
