// `DATABASE_URL=… npm run db:migrate`: applies the committed migrations in migrations/ to DATABASE_URL
// (the production Supabase database, or any PostgreSQL) and reports what it applied.
// TLS: an `sslmode` in the URL is obeyed (`require`, `verify-full`, `disable`, …); without one, TLS is used
// when the server offers it (`prefer`).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { drizzle } from 'drizzle-orm/postgres-js'
import { migrate } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import { migrationsFolder } from './lib/migrate.ts'

type Journal = { entries: { idx: number; tag: string }[] }

const url = process.env.DATABASE_URL
if (!url) {
  console.error(
    'DATABASE_URL is not set.\n' +
      'Usage: DATABASE_URL="postgres://user:password@host:5432/postgres?sslmode=require" npm run db:migrate\n' +
      '(npm run dev migrates the embedded dev database by itself.)'
  )
  process.exit(1)
}

function redact(connection: string): string {
  try {
    const parsed = new URL(connection)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(unparsable DATABASE_URL)'
  }
}

function connect(connection: string) {
  const hasSslMode = new URL(connection).searchParams.has('sslmode')
  return postgres(connection, {
    max: 1,
    onnotice: () => {},
    connect_timeout: 10,
    // postgres.js reads sslmode from the URL; an explicit `ssl` option would override it.
    ...(hasSslMode ? {} : { ssl: 'prefer' as const })
  })
}

async function appliedCount(): Promise<number> {
  const sql = connect(url as string)
  try {
    const [table] = await sql<
      { name: string | null }[]
    >`select to_regclass('drizzle.__drizzle_migrations')::text as name`
    if (!table?.name) return 0
    const [row] = await sql<
      { count: number }[]
    >`select count(*)::int as count from drizzle.__drizzle_migrations`
    return row?.count ?? 0
  } finally {
    await sql.end()
  }
}

const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as Journal
console.log(`Database: ${redact(url)}`)
console.log(`Migrations in repo: ${journal.entries.length}`)
try {
  const before = await appliedCount()
  console.log(`Applied before: ${before}`)
  const sql = connect(url)
  try {
    await migrate(drizzle(sql), { migrationsFolder })
  } finally {
    await sql.end()
  }
  const after = await appliedCount()
  const applied = journal.entries.slice(before, after)
  console.log(
    `Applied now: ${after - before}${applied.length ? ` (${applied.map((e) => e.tag).join(', ')})` : ''}`
  )
  console.log(`Applied after: ${after}`)
  if (after < journal.entries.length) {
    console.error(
      'Some migrations were not applied; check the database’s drizzle.__drizzle_migrations table.'
    )
    process.exit(1)
  }
  console.log(after === before ? 'Database is up to date.' : 'Migrations applied.')
} catch (error) {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
