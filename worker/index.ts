// The Worker entry point: the API for requests, the Cron Trigger (wrangler.toml) that purges expired sync
// history (worker/routes/sync/retention.ts), and the live channel's Durable Object class (worker/live/).
import { createApp } from './app'
import { createDb } from './db/client'
import { describeError } from './lib/log'
import { purgeExpired } from './routes/sync/retention'

export { LiveChannel } from './live/live-channel'

const app = createApp()

/** A failed run logs one JSON line of error codes (as worker/lib/log.ts: never user text). */
async function purge(env: Env): Promise<void> {
  try {
    await purgeExpired(createDb(env.HYPERDRIVE.connectionString).db)
  } catch (err) {
    // The next run picks up where this one stopped: nothing is half-purged (each step is one transaction).
    console.error(JSON.stringify({ level: 'error', task: 'purge-sync-history', errors: describeError(err) }))
  }
}

export default {
  fetch: app.fetch,
  scheduled(_controller, env, ctx) {
    ctx.waitUntil(purge(env))
  }
} satisfies ExportedHandler<Env>
