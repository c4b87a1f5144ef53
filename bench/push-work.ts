// `node bench/push-work.ts [--runs N] [--size N]`: the cost of a sync push against one large list, through a
// real `wrangler dev` on embedded PostgreSQL. Each kind of mutation is pushed 10,000 times in one batch and
// once alone, against a group of 60,000 bookmarks; the ratio of the two says whether the cost grows with the
// batch alone (a few ×) or with batch × list size (thousands of ×). The 1-mutation push is the baseline, in
// the same run, against the same list. Then one bookmark of a group of 5,000 is reordered as the extension
// does it (model/rules.ts): the rows that push changed and the rows another device's next pull carries.
import postgres from 'postgres'
import { positionBetween, rankPosition } from '../model/position.ts'
import { byPosition, reordered } from '../model/rules.ts'
import { startBenchStack } from './lib/stack.ts'

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(name)
  return index > 0 ? Number(process.argv[index + 1]) : fallback
}
const RUNS = argument('--runs', 3)
const LIST = argument('--size', 60_000)
const BATCH = 10_000

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN

const stack = await startBenchStack()
const sql = postgres(stack.databaseUrl, { max: 2, onnotice: () => {} })
const user = 'user_bench_push_work'
const space = 'space_pw'
const group = 'group_pw'
const other = 'group_pw_other'
const bookmarkId = (i: number) => `bookmark_pw_${i}`

let counter = 0
const id = () => `pw_${(counter++).toString(36)}`

type Case = { what: string; mutation: (i: number, run: number) => Record<string, unknown> }
/** A key between the rank keys of the `at`-th and the next bookmark of the seeded group: a drag to there. */
const between = (at: number) => positionBetween(rankPosition(at), rankPosition(at + 1)) as string
const cases: Case[] = [
  {
    what: 'move with a key between two neighbours',
    mutation: (i) => ({
      entity: 'bookmark',
      op: 'move',
      data: { id: bookmarkId((i * 104_729) % LIST), groupId: group, position: between((i * 31) % (LIST - 1)) }
    })
  },
  {
    what: 'move to the other group’s end (no key)',
    mutation: (i) => ({
      entity: 'bookmark',
      op: 'move',
      data: { id: bookmarkId((i * 7919) % LIST), groupId: i % 2 ? other : group }
    })
  },
  {
    what: 'create at the end of the group',
    mutation: (i, run) => ({
      entity: 'bookmark',
      op: 'create',
      data: {
        id: `bookmark_pw_new_${run}_${i}`,
        groupId: group,
        title: `New ${i}`,
        url: 'https://example.com/'
      }
    })
  }
]

async function pushOnce(mutations: Record<string, unknown>[]) {
  const body = { clientId: 'bench', mutations: mutations.map((m) => ({ mutationId: id(), ...m })) }
  for (let attempt = 1; ; attempt++) {
    const started = performance.now()
    const tripsBefore = stack.counter.roundTrips()
    try {
      const res = await stack.call('POST', '/v1/sync/push', user, body)
      const ms = performance.now() - started
      const trips = stack.counter.roundTrips() - tripsBefore
      const results = res.json.results as { status: string }[]
      // Rows the push wrote (each carries its version): what a dense renumbering costs.
      const [written] = await sql`select count(*)::int as n from bookmarks
        where user_id = ${user} and version = ${Number(res.json.version)}`
      return {
        ms,
        trips,
        written: Number(written?.n),
        applied: results.filter((r) => r.status === 'applied').length
      }
    } catch (error) {
      // `wrangler dev` restarts when a source file changes (someone editing while this runs): measure again,
      // with new mutation ids so that the repeat is not answered as a replay.
      if (attempt >= 3 || !String(error).includes('restarted mid-request')) throw error
      body.mutations = body.mutations.map((m) => ({ ...m, mutationId: id() }))
    }
  }
}

/** A group of `count` bookmarks with the rank keys a migrated or spread list has (model/position.ts). */
async function seedGroup(
  owner: string,
  spaceId: string,
  groupId: string,
  count: number,
  prefix = 'bookmark_pw_'
) {
  const keys = Array.from({ length: count }, (_, i) => rankPosition(i))
  // Ids 0..count-1 in key order (bookmarkId), as the cases pick them.
  await sql`insert into bookmarks (id, user_id, space_id, group_id, title, url, position, version)
    select ${prefix} || (k.n - 1), ${owner}, ${spaceId}, ${groupId}, 'Bookmark number ' || k.n,
      'https://example.com/page/' || k.n, k.key, 1
    from unnest(${keys}::text[]) with ordinality as k(key, n)`
}

/**
 * One bookmark of a group of `size` dragged to the 10th place by a device, as the extension computes it from its
 * pulled copy; another device had pulled everything before. Its baseline: the group's size (what a whole-list
 * write, the dense-order design, changed and sent).
 */
async function reorderOneOf(size: number): Promise<string> {
  const owner = 'user_bench_push_work_reorder'
  await sql`insert into users (id, sync_version) values (${owner}, 1)`
  await sql`insert into spaces (id, user_id, name, position, version) values ('space_pw_r', ${owner}, 'S', 'c000', 1)`
  await sql`insert into groups (id, user_id, space_id, name, position, version)
    values ('group_pw_r', ${owner}, 'space_pw_r', 'G', 'c000', 1)`
  await seedGroup(owner, 'space_pw_r', 'group_pw_r', size, 'bookmark_pwr_')
  const pullAll = async (cursor?: string) => {
    const query = new URLSearchParams({ limit: '10000', ...(cursor ? { cursor } : {}) })
    return (await stack.call('GET', `/v1/sync/pull?${query}`, owner)).json as {
      cursor: string
      spaces: unknown[]
      groups: unknown[]
      bookmarks: { id: string; position: string }[]
    }
  }
  const device = await pullAll()
  const other = await pullAll()
  const list = device.bookmarks.slice().sort(byPosition)
  const ids = list.map((b) => b.id)
  const moving = ids[Math.floor(size * 0.8)] as string
  const wanted = [...ids.slice(0, 9), moving, ...ids.slice(9).filter((id) => id !== moving)]
  const changes = reordered(list, wanted)
  const res = await stack.call('POST', '/v1/sync/push', owner, {
    clientId: 'bench_reorder',
    mutations: changes.map(([b, position]) => ({
      mutationId: id(),
      entity: 'bookmark',
      op: 'move',
      data: { id: b.id, groupId: 'group_pw_r', position }
    }))
  })
  const version = Number((res.json as { version: number }).version)
  const [changed] =
    await sql`select count(*)::int as n from bookmarks where user_id = ${owner} and version = ${version}`
  const next = await pullAll(other.cursor)
  const carried = next.spaces.length + next.groups.length + next.bookmarks.length
  const rowsChanged = Number(changed?.n)
  return [
    `reorder one bookmark in a group of ${size.toLocaleString('en')}: ${changes.length} move pushed, ` +
      `${rowsChanged} row changed, the next pull from another device carries ${carried} row` +
      ` (target 1 and 1; a whole-list write changed and sent ${size.toLocaleString('en')}: ` +
      `${(rowsChanged / size).toFixed(4)}× and ${(carried / size).toFixed(4)}× of it)`
  ].join('\n')
}

const rows: string[][] = []
try {
  await sql`insert into users (id, sync_version) values (${user}, 1)`
  await sql`insert into spaces (id, user_id, name, position, version) values (${space}, ${user}, 'S', ${rankPosition(0)}, 1)`
  await sql`insert into groups (id, user_id, space_id, name, position, version) values
    (${group}, ${user}, ${space}, 'Big', ${rankPosition(0)}, 1),
    (${other}, ${user}, ${space}, 'Other', ${rankPosition(1)}, 1)`
  await seedGroup(user, space, group, LIST)
  await sql`vacuum analyze bookmarks`
  await pushOnce([cases[0]?.mutation(0, 0) ?? {}]) // warm up: the Worker's first request, the JIT

  let run = 0
  for (const c of cases) {
    const one: number[] = []
    const many: number[] = []
    let applied = 0
    let trips = ''
    let written = ''
    for (let r = 0; r < RUNS; r++) {
      run++
      const single = await pushOnce([c.mutation(BATCH + r, run)])
      one.push(single.ms)
      const batch = await pushOnce(Array.from({ length: BATCH }, (_, i) => c.mutation(i, run)))
      many.push(batch.ms)
      applied = batch.applied
      trips = `${single.trips} / ${batch.trips}`
      written = `${single.written.toLocaleString('en')} / ${batch.written.toLocaleString('en')}`
    }
    const [oneMs, manyMs] = [median(one), median(many)]
    rows.push([
      c.what,
      oneMs.toFixed(0),
      manyMs.toFixed(0),
      `${(manyMs / oneMs).toFixed(1)}×`,
      trips,
      written,
      `${applied.toLocaleString('en')} applied`
    ])
  }

  const header = [
    `push against a ${LIST.toLocaleString('en')}-bookmark group`,
    '1 mutation ms',
    `${BATCH.toLocaleString('en')} mutations ms`,
    'ratio',
    'round trips (1 / many)',
    'rows written (1 / many)',
    'note'
  ]
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')
  console.log(line(header))
  for (const row of rows) console.log(line(row))
  console.log(
    `Medians of ${RUNS} runs, HTTP through wrangler dev. A move carries the key its device made between the new ` +
      'neighbours (model/position.ts) and writes its own row only; a move or create without a key reads its ' +
      'list’s last key. (With dense integer orders, one reorder stamped every row of the group.)'
  )
  console.log(`\n${await reorderOneOf(5000)}`)
} finally {
  await sql.end()
  await stack.stop()
}
