// Applies the SQL migrations in migrations/ (written by drizzle-kit generate) to a database.
import { fileURLToPath } from 'node:url'
import { drizzle } from 'drizzle-orm/postgres-js'
import { migrate } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'

export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url))

export async function applyMigrations(url: string): Promise<void> {
  // An explicit sslmode in the URL (verify-full, require, disable) is obeyed as written; without one,
  // 'prefer' reaches both a TLS-only Supabase and a local plain database.
  const sql = postgres(url, {
    max: 1,
    onnotice: () => {},
    ...(/[?&]sslmode=/.test(url) ? {} : { ssl: 'prefer' as const })
  })
  try {
    await migrate(drizzle(sql), { migrationsFolder })
  } finally {
    await sql.end()
  }
}
