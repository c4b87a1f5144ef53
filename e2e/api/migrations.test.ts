// Every committed migration applied to an empty database by `npm run db:migrate` (scripts/migrate.ts),
// over TLS with sslmode=require as against Supabase; then the tables and ownership keys are checked.
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type EmbeddedDb, startEmbeddedDb } from '../../scripts/lib/embedded-db.ts'
import { migrationsFolder } from '../../scripts/lib/migrate.ts'
import { repoRoot } from '../../scripts/lib/wrangler-dev.ts'

const hasOpenssl = spawnSync('openssl', ['version']).status === 0
const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
  entries: { tag: string }[]
}

let temp: string
let db: EmbeddedDb
let sql: ReturnType<typeof postgres>
let tls = false

/** Turns TLS on with a throwaway self-signed certificate (reloadable, no restart). */
async function enableTls() {
  const owner = statSync(db.dir)
  const cert = join(db.dir, 'server.crt')
  const key = join(db.dir, 'server.key')
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'].concat([
      '-keyout',
      key,
      '-out',
      cert
    ]),
    { stdio: 'ignore' }
  )
  for (const file of [cert, key]) chownSync(file, owner.uid, owner.gid)
  chmodSync(key, 0o600)
  const admin = postgres(db.url, { max: 1, onnotice: () => {} })
  await admin`alter system set ssl = on`
  await admin`select pg_reload_conf()`
  await admin.end()
  tls = true
}

function migrate(url: string) {
  const result = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'migrate.ts')], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: url }
  })
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}

beforeAll(async () => {
  temp = mkdtempSync(join(tmpdir(), 'bookmarks-e2e-migrations-'))
  chmodSync(temp, 0o755)
  db = await startEmbeddedDb({ dir: join(temp, 'postgres'), persistent: true, database: 'empty' })
  if (hasOpenssl) await enableTls()
  sql = postgres(db.url, { max: 1, onnotice: () => {} })
})

afterAll(async () => {
  await sql?.end()
  await db?.stop()
  if (temp) rmSync(temp, { recursive: true, force: true })
})

describe('migrations on an empty database', () => {
  it('npm run db:migrate applies every migration, then nothing the second time', async () => {
    const url = tls ? `${db.url}?sslmode=require` : db.url
    const first = migrate(url)
    expect(first.status, first.output).toBe(0)
    expect(first.output).toContain('Applied before: 0')
    expect(first.output).toContain(`Applied now: ${journal.entries.length}`)
    const second = migrate(url)
    expect(second.status, second.output).toBe(0)
    expect(second.output).toContain('Applied now: 0')
    const [row] = await sql`select count(*)::int as n from drizzle.__drizzle_migrations`
    expect(row?.n).toBe(journal.entries.length)
  })

  it.skipIf(!hasOpenssl)(
    'the database speaks TLS, so db:migrate above ran with sslmode=require over TLS',
    async () => {
      const client = postgres(`${db.url}?sslmode=require`, { max: 1 })
      try {
        const [row] = await client`select ssl from pg_stat_ssl where pid = pg_backend_pid()`
        expect(row?.ssl).toBe(true)
      } finally {
        await client.end()
      }
    }
  )

  it('creates the four tables with their sync columns', async () => {
    const columns = await sql<{ table_name: string; column_name: string }[]>`
      select table_name, column_name from information_schema.columns where table_schema = 'public'`
    const of = (table: string) => columns.filter((c) => c.table_name === table).map((c) => c.column_name)
    expect(of('users')).toEqual(expect.arrayContaining(['id', 'sync_version']))
    for (const table of ['spaces', 'groups', 'bookmarks']) {
      expect(of(table), table).toEqual(
        expect.arrayContaining(['id', 'user_id', 'version', 'deleted_at', 'order'])
      )
    }
    expect(of('bookmarks')).toEqual(expect.arrayContaining(['space_id', 'group_id', 'url', 'title']))
  })

  it('has the composite ownership keys with their delete and update rules', async () => {
    const keys = await sql<
      { table: string; columns: string; references: string; on_delete: string; on_update: string }[]
    >`
      select c.conrelid::regclass::text as table,
             (select string_agg(a.attname, ',' order by k.ord) from unnest(c.conkey) with ordinality k(num, ord)
               join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.num) as columns,
             c.confrelid::regclass::text as references,
             c.confdeltype as on_delete, c.confupdtype as on_update
      from pg_constraint c where c.contype = 'f' and c.connamespace = 'public'::regnamespace`
    const find = (table: string, columns: string) =>
      keys.find((k) => k.table === table && k.columns === columns)
    expect(find('groups', 'user_id,space_id')).toMatchObject({ references: 'spaces', on_delete: 'c' })
    expect(find('bookmarks', 'user_id,space_id')).toMatchObject({ references: 'spaces', on_delete: 'c' })
    expect(find('bookmarks', 'user_id,space_id,group_id')).toMatchObject({
      references: 'groups',
      on_delete: 'c',
      on_update: 'c'
    })
    for (const table of ['spaces', 'groups', 'bookmarks']) {
      expect(find(table, 'user_id'), table).toMatchObject({ references: 'users', on_delete: 'c' })
    }
  })
})
