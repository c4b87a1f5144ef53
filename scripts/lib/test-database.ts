// The throwaway database for a test run: DATABASE_URL when given, else a fresh embedded PostgreSQL.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmbeddedDb } from './embedded-db'
import { applyMigrations } from './migrate'

export type TestDatabase = { url: string; stop: () => Promise<void> }

export async function startTestDatabase(): Promise<TestDatabase> {
  const given = process.env.DATABASE_URL
  if (given) {
    await applyMigrations(given)
    return { url: given, stop: async () => {} }
  }
  const db = await startEmbeddedDb({
    dir: mkdtempSync(join(tmpdir(), 'bookmarks-test-db-')),
    persistent: false
  })
  await applyMigrations(db.url)
  return db
}
