// `node bench/quota-cost.ts [--runs N]`: what the quota check and the list pages cost as an account grows. The
// Worker's own statements run straight through node-postgres on an embedded PostgreSQL, for accounts of 0 to
// 100,000 bookmarks (the bookmark quota): a create checks the quotas in its own statement against the account's
// usage counters (users.usage_*, kept by triggers), so its cost must not grow with the account (it did while the
// check counted the account's rows: 5 ms at 0 and 65-80 ms at 99,900), nor a page of a list. The ratio column is
// each create against the same create in the empty account, measured in this run.

import postgres from 'postgres'
import { PAGE_SIZE, QUOTAS } from '../model/limits.ts'
import { startTestDatabase } from '../scripts/lib/test-database.ts'
import { rankKey } from '../test/rank-key.ts'
import { loadWorkerQueries } from './lib/load-worker-queries.ts'

const runsArg = process.argv.indexOf('--runs')
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 9
const SIZES = [0, 1_000, 10_000, QUOTAS.bookmarks - 100]
const GROUPS = 100

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN

const database = await startTestDatabase({ fresh: true })
const sql = postgres(database.url, { max: 1, onnotice: () => {} })
const q = await loadWorkerQueries()
const { db, pool } = q.createDb(database.url)

/** An account of `size` bookmarks over GROUPS groups of one space, made in SQL. */
async function seed(user: string, size: number) {
  await sql`insert into users (id) values (${user})`
  await sql`insert into spaces (id, user_id, name, position) values (${`space_${user}`}, ${user}, 'S', 'a0')`
  await sql`insert into groups (id, user_id, space_id, name, position)
    select 'group_' || ${user} || '_' || g, ${user}, ${`space_${user}`}, 'G', ${rankKey(sql, sql`g`)} from generate_series(0, ${GROUPS - 1}) g`
  if (size > 0)
    await sql`insert into bookmarks (id, user_id, space_id, group_id, title, url, position)
      select 'bookmark_' || ${user} || '_' || i, ${user}, ${`space_${user}`}, 'group_' || ${user} || '_' || (i % ${GROUPS}),
        'A title of some length ' || i, 'https://example.com/some/path/' || md5(i::text), ${rankKey(sql, sql`i / ${GROUPS}`)}
      from generate_series(0, ${size - 1}) i`
  await sql`analyze`
}

async function time(run: (i: number) => Promise<unknown>) {
  await run(-1)
  const samples: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now()
    await run(i)
    samples.push(performance.now() - start)
  }
  return median(samples)
}

const rows: string[][] = []
/** The bookmark create in the empty account: the baseline of the ratio column. */
let base: number | undefined
try {
  for (const size of SIZES) {
    const user = `user_qc_${size}`
    await seed(user, size)
    const group = `group_${user}_0`
    let n = 0
    const create = await time(() =>
      q.bookmarks.insertBookmarks(db, user, [
        {
          id: `bookmark_${user}_new_${n++}`,
          groupId: group,
          title: 'New',
          url: 'https://example.org/',
          faviconUrl: null,
          description: null,
          tags: [],
          isPinned: false
        }
      ])
    )
    const space = await time(() =>
      q.spaces.insertSpace(db, user, { id: `space_${user}_new_${n++}`, name: 'New', icon: '📁', color: null })
    )
    const page = await time(() =>
      q.bookmarks.listBookmarks(db, user, { includeArchived: false, limit: PAGE_SIZE.default })
    )
    base ??= create
    rows.push([
      size.toLocaleString('en'),
      create.toFixed(1),
      `${(create / base).toFixed(2)}x`,
      space.toFixed(1),
      page.toFixed(1)
    ])
  }
} finally {
  await pool.end()
  await sql.end()
  await database.stop()
}

const header = [
  'bookmarks in the account',
  'create a bookmark ms',
  'vs empty account',
  'create a space ms',
  'first page ms'
]
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i] ?? 0)).join(' | ')} |`
console.log(`\nMedian of ${RUNS}, one statement each, node-postgres straight to PostgreSQL:`)
console.log(line(header))
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
for (const row of rows) console.log(line(row))
