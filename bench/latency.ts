// `node bench/latency.ts [--delay 20] [--runs 30] [--duration 10]`: what users would feel with the database a
// VPS away. A real `wrangler dev` reaches PostgreSQL through bench/lib/delay-proxy.ts, which holds every
// packet `--delay` ms each way (handshakes excepted: Hyperdrive keeps warm connections). For each route:
// p50/p95 with the delay, p50 without it, and p50 divided by the injected round trip (2 × delay) = the round
// trips a user pays. Then throughput: autocannon at 50 connections on GET /v1/spaces beside the same query
// run raw through postgres.js at 50 concurrent, in the same run (no delay, both through the proxy).

import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import postgres from 'postgres'
import { rankKey } from '../test/rank-key.ts'
import { startBenchStack } from './lib/stack.ts'

const { values: flags } = parseArgs({
  options: {
    delay: { type: 'string', default: '20' },
    runs: { type: 'string', default: '30' },
    duration: { type: 'string', default: '10' }
  },
  strict: false
})
const DELAY = Number(flags.delay)
const RUNS = Number(flags.runs)
const DURATION = Number(flags.duration)
const RTT = 2 * DELAY
const CONNECTIONS = 50
const LOAD_USERS = 200

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? Number.NaN

const stack = await startBenchStack()
const proxy = stack.counter
const cleanup: (() => Promise<unknown>)[] = [stack.stop]

try {
  const sql = postgres(stack.databaseUrl, { max: 4, onnotice: () => {} })
  cleanup.push(() => sql.end())
  const call = async (method: string, path: string, user: string, body?: unknown) =>
    (await stack.call(method, path, user, body)).json

  /** A user with 10 spaces × 5 groups × 20 bookmarks (1,000), written straight to the database. */
  async function seed(owner: string, tag: string) {
    await sql`insert into users (id, sync_version) values (${owner}, 1)`
    await sql`insert into spaces (id, user_id, name, position, version)
      select 'space_' || ${tag} || '_' || s, ${owner}, 'Space ' || s, ${rankKey(sql, sql`s`)}, 1 from generate_series(0, 9) s`
    await sql`insert into groups (id, user_id, space_id, name, position, version)
      select 'group_' || ${tag} || '_' || g, ${owner}, 'space_' || ${tag} || '_' || (g / 5), 'Group ' || g, ${rankKey(sql, sql`g % 5`)}, 1
      from generate_series(0, 49) g`
    await sql`insert into bookmarks (id, user_id, space_id, group_id, title, url, position, version)
      select 'bookmark_' || ${tag} || '_' || b, ${owner}, 'space_' || ${tag} || '_' || ((b / 20) / 5),
        'group_' || ${tag} || '_' || (b / 20), 'Bookmark ' || b, 'https://example.com/' || b, ${rankKey(sql, sql`b % 20`)}, 1
      from generate_series(0, 999) b`
  }
  // The CRUD routes write to one user; the pulls read another, whom nothing else changes: a full pull is
  // 1,000 bookmarks, an incremental one the 5 changed since its cursor.
  const user = 'user_latency'
  await seed(user, 'lat')
  const reader = 'user_latency_reader'
  await seed(reader, 'pull')
  const cursorBefore = (await call('GET', '/v1/sync/status', reader)).cursor as string
  for (let i = 0; i < 5; i++) {
    await call('PATCH', `/v1/bookmarks/bookmark_pull_${i}`, reader, { title: `Changed ${i}` })
  }

  type Route = { name: string; runs?: number; run: (i: number) => Promise<unknown> }
  let created = 0
  let deleted = 0
  const routes: Route[] = [
    {
      name: 'GET /health (select 1, no auth)',
      run: async () => {
        const res = await fetch(`${stack.url}/health`)
        await res.text()
      }
    },
    { name: 'GET /v1/spaces', run: () => call('GET', '/v1/spaces', user) },
    { name: 'GET /v1/groups?spaceId=', run: () => call('GET', '/v1/groups?spaceId=space_lat_0', user) },
    { name: 'GET /v1/bookmarks?groupId=', run: () => call('GET', '/v1/bookmarks?groupId=group_lat_0', user) },
    {
      name: 'POST /v1/bookmarks (create)',
      run: () =>
        call('POST', '/v1/bookmarks', user, {
          id: `bookmark_new_${created++}`,
          groupId: 'group_lat_1',
          title: 'New',
          url: 'https://example.org/'
        })
    },
    {
      name: 'PATCH /v1/bookmarks/{id}',
      run: (i) => call('PATCH', `/v1/bookmarks/bookmark_lat_${100 + (i % 50)}`, user, { title: `T ${i}` })
    },
    {
      name: 'DELETE /v1/bookmarks/{id}',
      run: () => call('DELETE', `/v1/bookmarks/bookmark_lat_${500 + deleted++}`, user)
    },
    {
      name: 'PUT …/bookmarks/order (20)',
      run: (i) =>
        call('PUT', '/v1/groups/group_lat_10/bookmarks/order', user, {
          orderedIds: Array.from({ length: 20 }, (_, k) => `bookmark_lat_${200 + ((k + i) % 20)}`)
        })
    },
    {
      name: 'POST /v1/bookmarks/bulk (500)',
      runs: Math.max(5, Math.round(RUNS / 3)),
      run: (i) =>
        call('POST', '/v1/bookmarks/bulk', user, {
          bookmarks: Array.from({ length: 500 }, (_, k) => ({
            id: `bookmark_bulk_${i}_${k}`,
            groupId: 'group_lat_2',
            title: `Imported ${k}`,
            url: `https://example.net/${k}`
          }))
        })
    },
    { name: 'GET /v1/sync/pull (full, 1,000)', run: () => call('GET', '/v1/sync/pull', reader) },
    {
      name: 'GET /v1/sync/pull (5 changes)',
      run: () => call('GET', `/v1/sync/pull?cursor=${encodeURIComponent(cursorBefore)}`, reader)
    },
    {
      name: 'POST /v1/sync/push (50)',
      run: (i) =>
        call('POST', '/v1/sync/push', user, {
          clientId: 'bench',
          mutations: Array.from({ length: 50 }, (_, k) => ({
            mutationId: `lat_${i}_${k}`,
            entity: 'bookmark',
            op: 'update',
            data: { id: `bookmark_lat_${300 + k}`, title: `Pushed ${i}` }
          }))
        })
    }
  ]

  /** Samples a route `runs` times (after 2 warm-ups); returns the latencies and protocol round trips per call. */
  async function sample(route: Route, offset: number) {
    const runs = route.runs ?? RUNS
    await route.run(offset + 1_000_000)
    await route.run(offset + 1_000_001)
    const before = proxy.roundTrips()
    const connectionsBefore = proxy.connections()
    const samples: number[] = []
    for (let i = 0; i < runs; i++) {
      const start = performance.now()
      await route.run(offset + i)
      samples.push(performance.now() - start)
    }
    return {
      samples,
      trips: (proxy.roundTrips() - before) / runs,
      connections: (proxy.connections() - connectionsBefore) / runs
    }
  }

  const rows: string[][] = []
  for (const route of routes) {
    proxy.setDelay(0)
    const local = await sample(route, 0)
    proxy.setDelay(DELAY)
    const remote = await sample(route, 100)
    const p50 = percentile(remote.samples, 0.5)
    const p50Local = percentile(local.samples, 0.5)
    rows.push([
      route.name,
      p50.toFixed(1),
      percentile(remote.samples, 0.95).toFixed(1),
      p50Local.toFixed(1),
      (p50 / RTT).toFixed(2),
      ((p50 - p50Local) / RTT).toFixed(2),
      remote.trips.toFixed(1),
      remote.connections.toFixed(1)
    ])
  }
  proxy.setDelay(0)

  const table = (header: string[], body: string[][]) => {
    const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)))
    const line = (cells: string[]) =>
      cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')
    console.log(line(header))
    for (const row of body) console.log(line(row))
  }
  console.log(
    `\nLatency with ${DELAY} ms each way to PostgreSQL (round trip ${RTT} ms), ${RUNS} requests per route`
  )
  table(
    [
      'route',
      `p50 ms`,
      `p95 ms`,
      'p50 no delay',
      'p50 / RTT',
      '(p50 − local) / RTT',
      'protocol RTs',
      'new conns'
    ],
    rows
  )
  console.log('p50 / RTT: round trips a user pays (the floor for a read is 1). (p50 − local) / RTT: the same')
  console.log(
    'without the local HTTP/JWT/workerd overhead. protocol RTs: Sync/Query/Flush messages per request'
  )
  console.log('seen by the proxy (a driver that describes before executing would show 2 per statement).')
  console.log('Handshakes are not delayed (Hyperdrive keeps warm connections).')

  // Throughput: 200 users with 10 spaces each (the per-user rate limit is 600 a minute).
  const loadUsers = Array.from({ length: LOAD_USERS }, (_, i) => `user_load_${i}`)
  await sql`insert into users (id, sync_version) select unnest(${loadUsers}::text[]), 1`
  await sql`insert into spaces (id, user_id, name, position, version)
    select 'space_' || u || '_' || s, u, 'Space ' || s, ${rankKey(sql, sql`s`)}, 1 from unnest(${loadUsers}::text[]) u, generate_series(0, 9) s`
  const loadTokens = await Promise.all(loadUsers.map(stack.tokenFor))
  let next = 0
  const api = await autocannon({
    url: `${stack.url}/v1/spaces`,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          const token = loadTokens[next++ % loadTokens.length]
          return { ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } }
        }
      }
    ]
  })
  const raw = postgres(stack.proxiedUrl, {
    max: CONNECTIONS,
    onnotice: () => {},
    fetch_types: false,
    prepare: false
  })
  cleanup.push(() => raw.end())
  await raw`select 1`
  let rawCount = 0
  const rawLatencies: number[] = []
  const deadline = performance.now() + DURATION * 1000
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, c) => {
      let i = c
      while (performance.now() < deadline) {
        const owner = loadUsers[i++ % LOAD_USERS] ?? ''
        const start = performance.now()
        await raw`select * from spaces where user_id = ${owner} and deleted_at is null and is_archived = false
          order by position, created_at`
        rawLatencies.push(performance.now() - start)
        rawCount++
      }
    })
  )
  const rawRate = rawCount / DURATION
  console.log(
    `\nThroughput, GET /v1/spaces (10 spaces per user, ${LOAD_USERS} users), ${CONNECTIONS} concurrent, ${DURATION} s, no delay`
  )
  table(
    ['', 'requests/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'],
    [
      [
        'API (autocannon → wrangler dev)',
        api.requests.average.toFixed(0),
        String(api.latency.p50),
        String(api.latency.p99),
        String(api.non2xx),
        String(api.errors)
      ],
      [
        'raw postgres.js, same query',
        rawRate.toFixed(0),
        percentile(rawLatencies, 0.5).toFixed(1),
        percentile(rawLatencies, 0.99).toFixed(1),
        '-',
        '0'
      ],
      ['API / raw', (api.requests.average / rawRate).toFixed(2), '', '', '', '']
    ]
  )
  console.log(
    'wrangler dev is one local workerd process: the API figure is a floor for this machine, not the edge.'
  )
} finally {
  for (const step of cleanup.reverse()) await step().catch(() => {})
}
