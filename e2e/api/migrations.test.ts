// Every committed migration applied to an empty database by `npm run db:migrate` (scripts/migrate.ts),
// over TLS with sslmode=require as against Supabase; then the tables and ownership keys are checked.
import { execFileSync, spawnSync } from 'node:child_process'
import {
  chmodSync,
  chownSync,
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { drizzle } from 'drizzle-orm/postgres-js'
import { migrate as drizzleMigrate } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rankPosition } from '../../model/position.ts'
import { type EmbeddedDb, startEmbeddedDb } from '../../scripts/lib/embedded-db.ts'
import { migrationsFolder } from '../../scripts/lib/migrate.ts'
import { repoRoot } from '../../scripts/lib/wrangler-dev.ts'
import { countedUsage } from '../../worker/routes/shared/quota.ts'

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
        expect.arrayContaining(['id', 'user_id', 'version', 'deleted_at', 'position'])
      )
      expect(of(table), table).not.toContain('order')
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

/** Applies the migrations up to (not including) `tag`, from a copy of the folder with a shorter journal. */
async function migrateUpTo(client: ReturnType<typeof postgres>, tag: string) {
  const folder = join(temp, `migrations-before-${tag}`)
  cpSync(migrationsFolder, folder, { recursive: true })
  const cut = journal.entries.findIndex((e) => e.tag === tag)
  expect(cut).toBeGreaterThan(0)
  const full = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8'))
  writeFileSync(
    join(folder, 'meta', '_journal.json'),
    JSON.stringify({ ...full, entries: full.entries.slice(0, cut) })
  )
  await drizzleMigrate(drizzle(client), { migrationsFolder: folder })
}

describe('the position migration on data', () => {
  it('keeps every list in the order people saw (order, then id by code units), live rows first', async () => {
    await sql`create database withdata`
    const client = postgres(db.url.replace(/\/empty(\?|$)/, '/withdata$1'), { max: 1, onnotice: () => {} })
    try {
      await migrateUpTo(client, '0008_positions_add')
      await client`insert into users (id, sync_version) values ('user_a', 7), ('user_b', 3)`
      // Orders with gaps and ties: ties were read by id, by code units ('B' < '_' < 'a'), whatever the collation.
      await client`insert into spaces (id, user_id, name, "order", version) values
        ('space_b', 'user_a', 'B', 5, 1), ('space_a', 'user_a', 'A', 5, 1), ('space_B', 'user_a', 'C', 5, 1),
        ('space_z', 'user_a', 'Z', 0, 2), ('space_x', 'user_b', 'X', 9, 1)`
      await client`insert into groups (id, user_id, space_id, name, "order", version, deleted_at) values
        ('group_2', 'user_a', 'space_a', 'two', 2, 1, null), ('group_1', 'user_a', 'space_a', 'one', 1, 1, null),
        ('group_0', 'user_a', 'space_a', 'gone', 0, 1, now()), ('group_9', 'user_a', 'space_b', 'other', 0, 1, null)`
      const bookmarks = Array.from({ length: 70 }, (_, i) => ({
        id: `bookmark_${(i * 37) % 70}`,
        order: (i * 13) % 20
      }))
      for (const b of bookmarks)
        await client`insert into bookmarks (id, user_id, space_id, group_id, title, url, "order", version)
          values (${b.id}, 'user_a', 'space_a', 'group_1', ${b.id}, 'https://example.com/', ${b.order}, 1)`
      const byOrderThenId = (rows: { id: string; order: number }[]) =>
        rows
          .slice()
          .sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
          .map((r) => r.id)

      await drizzleMigrate(drizzle(client), { migrationsFolder })

      const spaces =
        await client`select id from spaces where user_id = 'user_a' order by position, id collate "C"`
      expect(spaces.map((r) => r.id)).toEqual(['space_z', 'space_B', 'space_a', 'space_b'])
      const keys = await client`select id, position from spaces where user_id = 'user_a' order by position`
      expect(keys.map((r) => r.position)).toEqual([0, 1, 2, 3].map(rankPosition))
      const groups =
        await client`select id, position from groups where space_id = 'space_a' order by position`
      // The tombstone comes after the live rows, whatever its old order.
      expect(groups.map((r) => [r.id, r.position])).toEqual([
        ['group_1', rankPosition(0)],
        ['group_2', rankPosition(1)],
        ['group_0', rankPosition(2)]
      ])
      const listed =
        await client`select id from bookmarks where group_id = 'group_1' order by position, id collate "C"`
      expect(listed.map((r) => r.id)).toEqual(byOrderThenId(bookmarks))
      // Every live row got a new version, so each device's next pull brings its key; the tombstone kept its own.
      const users = await client`select id, sync_version::int as v from users order by id`
      expect(users.map((u) => [u.id, u.v])).toEqual([
        ['user_a', 8],
        ['user_b', 4]
      ])
      const versions = await client`
        select (select array_agg(distinct version::int) from bookmarks) as bookmarks,
          (select version::int from groups where id = 'group_0') as tombstone,
          (select version::int from spaces where id = 'space_x') as other_user`
      expect(versions[0]).toEqual({ bookmarks: [8], tombstone: 1, other_user: 4 })
    } finally {
      await client.end()
    }
  })
})

describe('the usage counters migration on data', () => {
  it("fills every account's counters from its live rows and text, and the triggers keep them from then on", async () => {
    await sql`create database withusage`
    const client = postgres(db.url.replace(/\/empty(\?|$)/, '/withusage$1'), { max: 1, onnotice: () => {} })
    try {
      await migrateUpTo(client, '0011_usage_counters')
      await client`insert into users (id) values ('user_a'), ('user_b'), ('user_empty')`
      await client`insert into spaces (id, user_id, name, icon, color, position, deleted_at) values
        ('space_a', 'user_a', 'Späce', '🚀', '#fff', 'a0', null), ('space_gone', 'user_a', 'Gone', '📁', null, 'a1', now()),
        ('space_b', 'user_b', 'B', '📁', null, 'a0', null)`
      await client`insert into groups (id, user_id, space_id, name, icon, position) values
        ('group_a', 'user_a', 'space_a', 'Gröup', null, 'a0'), ('group_b', 'user_b', 'space_b', 'G', '📚', 'a0')`
      await client`insert into bookmarks (id, user_id, space_id, group_id, title, url, favicon_url, description, tags, position, deleted_at)
        select 'bookmark_' || i, 'user_a', 'space_a', 'group_a', 'Títle ' || i, 'https://example.com/' || i,
          case when i % 2 = 0 then 'https://example.com/favicon.ico' end, case when i % 3 = 0 then 'ü' end,
          case when i % 4 = 0 then array['tag', 'täg'] else '{}'::text[] end, 'a' || i,
          case when i % 5 = 0 then now() end
        from generate_series(1, 40) i`
      // The rows counted afresh, by the same rule as the Worker's (worker/routes/shared/quota.ts).
      const counted = (user: string) => drizzle(client).execute(countedUsage(user))
      const kept = (user: string) => client`select usage_spaces as spaces, usage_groups as groups,
        usage_bookmarks as bookmarks, usage_bytes::float8 as bytes from users where id = ${user}`

      await drizzleMigrate(drizzle(client), { migrationsFolder })

      for (const user of ['user_a', 'user_b', 'user_empty'])
        expect([...(await kept(user))]).toEqual([...(await counted(user))])
      expect((await kept('user_a'))[0]).toMatchObject({ spaces: 1, groups: 1, bookmarks: 32 })
      expect((await kept('user_empty'))[0]).toEqual({ spaces: 0, groups: 0, bookmarks: 0, bytes: 0 })
      // From here the triggers keep them: a delete that cascades, an update, an insert.
      await client`delete from groups where id = 'group_a'`
      await client`update spaces set name = 'A longer name' where id = 'space_b'`
      await client`insert into spaces (id, user_id, name, position) values ('space_new', 'user_empty', 'N', 'a0')`
      for (const user of ['user_a', 'user_b', 'user_empty'])
        expect([...(await kept(user))]).toEqual([...(await counted(user))])
    } finally {
      await client.end()
    }
  })
})
