// `node bench/round-trips.ts [--verbose]`: runs every API route once against a real `wrangler dev` on an
// embedded PostgreSQL and counts the database round trips each request made (a proxy in front of
// PostgreSQL counts protocol Sync and Query messages). Through Hyperdrive each round trip crosses to the
// VPS, so every read and every write of the v1 API, and every sync pull, must be exactly one. The baseline runs the same
// statements (the routes' own query functions) straight through node-postgres, for the Worker's overhead.
// Exits 1 when a v1 route fails or makes more than one round trip. `--runs N` (default 5) repeats the
// sequence with fresh users and reports median times.

import { createDefaults } from '../model/defaults.ts'
import { PAGE_SIZE } from '../model/limits.ts'
import { loadWorkerQueries, type WorkerQueries } from './lib/load-worker-queries.ts'
import { type BenchStack, startBenchStack } from './lib/stack.ts'

const verbose = process.argv.includes('--verbose')
const runsArg = process.argv.indexOf('--runs')
/** The whole sequence runs this many times, each with a fresh user; ms columns are medians. */
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5
const BULK = 5000
const REORDER = 500
/** List routes answer pages; the bench asks for the default one. */
const PAGE = { includeArchived: false, limit: PAGE_SIZE.default }

type Ids = {
  user: string
  s1: string
  s2: string
  g1: string
  g2: string
  b1: string
  bulk: string[]
  /** The sync cursor at the head, from GET /v1/sync/status (for a pull with nothing new). */
  cursor?: string
}

function makeIds(label: string): Ids {
  const tag = `${label}${Date.now().toString(36)}`
  return {
    user: `user_bench_${tag}`,
    s1: `space_${tag}_1`,
    s2: `space_${tag}_2`,
    g1: `group_${tag}_1`,
    g2: `group_${tag}_2`,
    b1: `bookmark_${tag}_1`,
    bulk: Array.from({ length: BULK }, (_, i) => `bookmark_${tag}_bulk${i}`)
  }
}

type Db = ReturnType<WorkerQueries['createDb']>['db']
type Step = {
  route: string
  method: string
  path: (ids: Ids) => string
  body?: (ids: Ids) => unknown
  /** The same work through node-postgres directly. */
  baseline?: (q: WorkerQueries, db: Db, ids: Ids) => Promise<unknown>
  /** Push and status are outside the one-round-trip rule: reported, not enforced. Pulls are held to one. */
  informational?: boolean
  /** Keeps something of the answer for later steps. */
  keep?: (answer: string, ids: Ids) => void
}

const bulkList = (ids: Ids) =>
  ids.bulk.map((id, i) => ({
    id,
    groupId: i < REORDER ? ids.g1 : ids.g2,
    title: `Bookmark ${i}`,
    url: `https://example.com/${i}`
  }))
const newBookmark = (b: { id: string; groupId: string; title: string; url: string }) => ({
  ...createDefaults.bookmark,
  ...b
})

const steps: Step[] = [
  {
    route: 'GET /health',
    method: 'GET',
    path: () => '/health',
    baseline: (_q, db) => db.execute('select 1')
  },
  {
    route: 'GET /v1/me',
    method: 'GET',
    path: () => '/v1/me',
    baseline: (q, db, i) => q.me.getMe(db, i.user)
  },
  {
    route: 'POST /v1/spaces',
    method: 'POST',
    path: () => '/v1/spaces',
    body: (i) => ({ id: i.s1, name: 'Work' }),
    baseline: (q, db, i) =>
      q.spaces.insertSpace(db, i.user, { id: i.s1, name: 'Work', icon: '📁', color: null })
  },
  {
    route: 'POST /v1/spaces (2nd)',
    method: 'POST',
    path: () => '/v1/spaces',
    body: (i) => ({ id: i.s2, name: 'Home' }),
    baseline: (q, db, i) =>
      q.spaces.insertSpace(db, i.user, { id: i.s2, name: 'Home', icon: '📁', color: null })
  },
  {
    route: 'GET /v1/spaces',
    method: 'GET',
    path: () => '/v1/spaces',
    baseline: (q, db, i) => q.spaces.listSpaces(db, i.user, PAGE)
  },
  {
    route: 'PATCH /v1/spaces/{id}',
    method: 'PATCH',
    path: (i) => `/v1/spaces/${i.s1}`,
    body: () => ({ name: 'Work 2' }),
    baseline: (q, db, i) => q.spaces.updateSpace(db, i.user, i.s1, { name: 'Work 2' })
  },
  {
    route: 'PUT /v1/spaces/order',
    method: 'PUT',
    path: () => '/v1/spaces/order',
    body: (i) => ({ orderedIds: [i.s2, i.s1] }),
    baseline: (q, db, i) => q.spaces.reorderSpaces(db, i.user, [i.s2, i.s1])
  },
  {
    route: 'POST /v1/groups',
    method: 'POST',
    path: () => '/v1/groups',
    body: (i) => ({ id: i.g1, spaceId: i.s1, name: 'Reading' }),
    baseline: (q, db, i) =>
      q.groups.insertGroup(db, i.user, { id: i.g1, spaceId: i.s1, name: 'Reading', icon: null })
  },
  {
    route: 'POST /v1/groups (2nd)',
    method: 'POST',
    path: () => '/v1/groups',
    body: (i) => ({ id: i.g2, spaceId: i.s1, name: 'Tools' }),
    baseline: (q, db, i) =>
      q.groups.insertGroup(db, i.user, { id: i.g2, spaceId: i.s1, name: 'Tools', icon: null })
  },
  {
    route: 'GET /v1/groups?spaceId=',
    method: 'GET',
    path: (i) => `/v1/groups?spaceId=${i.s1}`,
    baseline: (q, db, i) => q.groups.listGroups(db, i.user, { ...PAGE, spaceId: i.s1 })
  },
  {
    route: 'PATCH /v1/groups/{id}',
    method: 'PATCH',
    path: (i) => `/v1/groups/${i.g1}`,
    body: () => ({ name: 'Reading list' }),
    baseline: (q, db, i) => q.groups.updateGroup(db, i.user, i.g1, { name: 'Reading list' })
  },
  {
    route: 'PUT /v1/spaces/{spaceId}/groups/order',
    method: 'PUT',
    path: (i) => `/v1/spaces/${i.s1}/groups/order`,
    body: (i) => ({ orderedIds: [i.g2, i.g1] }),
    baseline: (q, db, i) => q.groups.reorderGroups(db, i.user, i.s1, [i.g2, i.g1])
  },
  {
    route: 'POST /v1/bookmarks',
    method: 'POST',
    path: () => '/v1/bookmarks',
    body: (i) => ({ id: i.b1, groupId: i.g1, title: 'MDN', url: 'https://developer.mozilla.org/' }),
    baseline: (q, db, i) =>
      q.bookmarks.insertBookmarks(db, i.user, [
        newBookmark({ id: i.b1, groupId: i.g1, title: 'MDN', url: 'https://developer.mozilla.org/' })
      ])
  },
  {
    route: `POST /v1/bookmarks/bulk (${BULK.toLocaleString('en')})`,
    method: 'POST',
    path: () => '/v1/bookmarks/bulk',
    body: (i) => ({ bookmarks: bulkList(i) }),
    baseline: (q, db, i) => q.bookmarks.insertBookmarks(db, i.user, bulkList(i).map(newBookmark))
  },
  {
    route: `GET /v1/bookmarks?groupId= (page of ${PAGE.limit} of ${REORDER + 1})`,
    method: 'GET',
    path: (i) => `/v1/bookmarks?groupId=${i.g1}`,
    baseline: (q, db, i) => q.bookmarks.listBookmarks(db, i.user, { ...PAGE, groupId: i.g1 })
  },
  {
    route: `GET /v1/bookmarks (page of ${PAGE.limit} of ${(BULK + 1).toLocaleString('en')})`,
    method: 'GET',
    path: () => '/v1/bookmarks',
    baseline: (q, db, i) => q.bookmarks.listBookmarks(db, i.user, PAGE)
  },
  {
    route: 'PATCH /v1/bookmarks/{id}',
    method: 'PATCH',
    path: (i) => `/v1/bookmarks/${i.b1}`,
    body: () => ({ title: 'MDN Web Docs', isPinned: true }),
    baseline: (q, db, i) =>
      q.bookmarks.updateBookmark(db, i.user, i.b1, { title: 'MDN Web Docs', isPinned: true })
  },
  {
    route: 'PATCH /v1/bookmarks/{id} (move)',
    method: 'PATCH',
    path: (i) => `/v1/bookmarks/${i.b1}`,
    body: (i) => ({ groupId: i.g2 }),
    baseline: (q, db, i) => q.bookmarks.updateBookmark(db, i.user, i.b1, { groupId: i.g2 })
  },
  {
    route: `PUT /v1/groups/{groupId}/bookmarks/order (${REORDER})`,
    method: 'PUT',
    path: (i) => `/v1/groups/${i.g1}/bookmarks/order`,
    body: (i) => ({ orderedIds: i.bulk.slice(0, REORDER).reverse() }),
    baseline: (q, db, i) => q.bookmarks.reorderBookmarks(db, i.user, i.g1, i.bulk.slice(0, REORDER).reverse())
  },
  {
    route: 'PATCH /v1/groups/{id} (move, 4,501 bookmarks)',
    method: 'PATCH',
    path: (i) => `/v1/groups/${i.g2}`,
    body: (i) => ({ spaceId: i.s2 }),
    baseline: (q, db, i) => q.groups.updateGroup(db, i.user, i.g2, { spaceId: i.s2 })
  },
  {
    route: 'GET /v1/sync/status',
    method: 'GET',
    path: () => '/v1/sync/status',
    informational: true,
    keep: (answer, ids) => {
      ids.cursor = (JSON.parse(answer) as { cursor: string }).cursor
    }
  },
  { route: 'GET /v1/sync/pull (full)', method: 'GET', path: () => '/v1/sync/pull' },
  {
    route: 'GET /v1/sync/pull (nothing new)',
    method: 'GET',
    path: (i) => `/v1/sync/pull?cursor=${i.cursor ?? ''}`
  },
  {
    route: 'POST /v1/sync/push (3 creates)',
    method: 'POST',
    path: () => '/v1/sync/push',
    body: (i) => {
      const tag = i.s1.slice(6)
      return {
        clientId: 'bench',
        mutations: [
          { mutationId: 'm1', entity: 'space', op: 'create', data: { id: `space_${tag}_s`, name: 'Synced' } },
          {
            mutationId: 'm2',
            entity: 'group',
            op: 'create',
            data: { id: `group_${tag}_s`, spaceId: `space_${tag}_s`, name: 'G' }
          },
          {
            mutationId: 'm3',
            entity: 'bookmark',
            op: 'create',
            data: {
              id: `bookmark_${tag}_s`,
              groupId: `group_${tag}_s`,
              title: 'T',
              url: 'https://example.org/'
            }
          }
        ]
      }
    },
    informational: true
  },
  {
    route: 'DELETE /v1/bookmarks/{id}',
    method: 'DELETE',
    path: (i) => `/v1/bookmarks/${i.b1}`,
    baseline: (q, db, i) => q.bookmarks.deleteBookmark(db, i.user, i.b1)
  },
  {
    route: `DELETE /v1/groups/{id} (${REORDER} bookmarks)`,
    method: 'DELETE',
    path: (i) => `/v1/groups/${i.g1}`,
    baseline: (q, db, i) => q.groups.deleteGroup(db, i.user, i.g1)
  },
  {
    route: 'DELETE /v1/spaces/{id} (1 group, 4,501 bookmarks)',
    method: 'DELETE',
    path: (i) => `/v1/spaces/${i.s2}`,
    baseline: (q, db, i) => q.spaces.deleteSpace(db, i.user, i.s2)
  },
  {
    route: 'DELETE /v1/me',
    method: 'DELETE',
    path: () => '/v1/me',
    baseline: (q, db, i) => q.me.deleteMe(db, i.user)
  }
]

type Result = {
  route: string
  status: number
  roundTrips: number
  connections: number
  ms: number
  /** Bytes of the answer's body. */
  bytes: number
  baselineMs?: number
  informational: boolean
  statements: string[]
}

async function call(stack: BenchStack, token: string, step: Step, ids: Ids) {
  const body = step.body?.(ids)
  const started = performance.now()
  const res = await fetch(`${stack.url}${step.path(ids)}`, {
    method: step.method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' })
    },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const text = await res.text()
  return { status: res.status, ms: performance.now() - started, text }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

async function runOnce(stack: BenchStack, queries: WorkerQueries, db: Db, run: number): Promise<Result[]> {
  const worker = makeIds(`w${run}`)
  const base = makeIds(`b${run}`)
  const token = await stack.tokenFor(worker.user)
  await new Promise((resolve) => setTimeout(resolve, 100))
  stack.counter.takeStatements()
  const results: Result[] = []
  for (const step of steps) {
    const tripsBefore = stack.counter.roundTrips()
    const connectionsBefore = stack.counter.connections()
    const res = await call(stack, token, step, worker)
    if (res.status < 400) step.keep?.(res.text, worker)
    // Let any trailing protocol traffic (a Terminate, a late Sync) reach the proxy before reading it.
    await new Promise((resolve) => setTimeout(resolve, 50))
    const result: Result = {
      route: step.route,
      status: res.status,
      roundTrips: stack.counter.roundTrips() - tripsBefore,
      connections: stack.counter.connections() - connectionsBefore,
      ms: res.ms,
      bytes: Buffer.byteLength(res.text),
      informational: step.informational ?? false,
      statements: stack.counter.takeStatements()
    }
    if (res.status >= 400) result.statements.push(`response: ${res.text.slice(0, 300)}`)
    if (step.baseline) {
      const started = performance.now()
      await step.baseline(queries, db, base)
      result.baselineMs = performance.now() - started
    }
    results.push(result)
  }
  return results
}

async function main() {
  console.log('starting embedded PostgreSQL, the counting proxy and wrangler dev…')
  const stack = await startBenchStack()
  const queries = await loadWorkerQueries()
  const { pool, db } = queries.createDb(stack.databaseUrl)
  const runs: Result[][] = []
  try {
    const warmUp = makeIds('warm')
    const warmToken = await stack.tokenFor(warmUp.user)
    // Warm up both sides (first request compiles the Worker; first query opens the connection).
    for (const path of ['/health', '/v1/me', '/v1/spaces']) {
      await call(stack, warmToken, { route: '', method: 'GET', path: () => path }, warmUp)
    }
    await pool.query('select 1')
    for (let run = 0; run < RUNS; run++) runs.push(await runOnce(stack, queries, db, run))
  } finally {
    await pool.end().catch(() => {})
    await stack.stop()
  }
  const results = steps.map((_, i) => {
    const all = runs.map((r) => r[i] as Result)
    const first = all[0] as Result
    return {
      ...first,
      status: all.find((r) => r.status >= 400)?.status ?? first.status,
      roundTrips: Math.max(...all.map((r) => r.roundTrips)),
      connections: Math.max(...all.map((r) => r.connections)),
      ms: median(all.map((r) => r.ms)),
      baselineMs: first.baselineMs === undefined ? undefined : median(all.map((r) => r.baselineMs ?? 0))
    }
  })
  print(results)
  const failures = results.filter((r) => !r.informational && (r.status >= 400 || r.roundTrips !== 1))
  if (failures.length > 0) {
    console.error(`\n${failures.length} route(s) failed or made more than one round trip:`)
    for (const f of failures)
      console.error(
        `  ${f.route}: ${f.status}, ${f.roundTrips} round trips\n    ${f.statements.join('\n    ')}`
      )
    process.exit(1)
  }
}

function print(results: Result[]) {
  const rows = results.map((r) => [
    r.route,
    String(r.status),
    String(r.roundTrips),
    String(r.connections),
    String(r.bytes),
    r.ms.toFixed(1),
    r.baselineMs === undefined ? '—' : r.baselineMs.toFixed(1),
    r.baselineMs === undefined ? '—' : `${(r.ms / Math.max(r.baselineMs, 0.01)).toFixed(1)}×`
  ])
  const header = ['route', 'status', 'round trips', 'new conns', 'answer bytes', 'ms', 'baseline ms', 'ratio']
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => (row[c] ?? '').length)))
  const line = (cells: string[]) =>
    `| ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join(' | ')} |`
  console.log()
  console.log(line(header))
  console.log(
    `|${widths.map((w, c) => (c === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`
  )
  for (const row of rows) console.log(line(row))
  console.log(
    `\n${RUNS} runs, each with a fresh user; ms = median wall time of the HTTP request.` +
      '\nround trips: PostgreSQL Sync + Query messages the Worker sent for that request (through the Hyperdrive binding);' +
      '\nbaseline: the same query function called from Node through node-postgres, no Worker/HTTP/auth; ratio = ms / baseline ms.'
  )
  if (verbose) {
    for (const r of results) {
      console.log(`\n${r.route}:`)
      for (const statement of r.statements) console.log(`  ${statement.replace(/\s+/g, ' ').slice(0, 400)}`)
    }
  }
}

await main()
