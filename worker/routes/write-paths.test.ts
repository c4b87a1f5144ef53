// Property: a random sequence of operations ends in the same state through the client store, sync push and REST.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyMutation } from '../../extension/src/store/apply'
import { positionAfter } from '../../extension/src/store/selectors'
import { type DataState, emptyState, type MutationInput } from '../../extension/src/store/types'
import { byPosition, type Positioned, reordered } from '../../model/rules'
import { api, tokenFor, uniqueUser } from '../test/helpers'
import { mutationId, type PullBody } from './sync/test-client'

type Kind = 'space' | 'group' | 'bookmark'
type Path = 'c' | 's' | 'r'

/** Operations on abstract ids (s0, g1, b2…), mapped to real ids per path. */
type Op =
  | { op: 'create'; kind: 'space'; id: string }
  | { op: 'create'; kind: 'group'; id: string; spaceId: string }
  | { op: 'create'; kind: 'bookmark'; id: string; groupId: string }
  | { op: 'update'; kind: Kind; id: string; fields: Record<string, unknown> }
  | { op: 'delete'; kind: Kind; id: string }
  | { op: 'reorder'; kind: Kind; parentId: string | null; orderedIds: string[] }
  | { op: 'move'; kind: 'group'; id: string; spaceId: string }
  | { op: 'move'; kind: 'bookmark'; id: string; groupId: string }

const MAX = { space: 3, group: 4, bookmark: 8 } as const
const prefix = { s: 'space', g: 'group', b: 'bookmark' } as const
const table = { space: 'spaces', group: 'groups', bookmark: 'bookmarks' } as const
const kindOf = (abstract: string): Kind => prefix[abstract[0] as keyof typeof prefix]

let runs = 0

/** Real ids of one run and path: `space_<run>_<path>_s0`; `back` strips the mapping again. */
function idMap(run: string, path: Path) {
  const to = (abstract: string) => `${kindOf(abstract)}_${run}_${path}_${abstract}`
  const back = (real: string) => real.slice(real.lastIndexOf('_') + 1)
  return { to, back }
}

const describeOp = (o: Op): string => {
  switch (o.op) {
    case 'create':
      return `create ${o.id}${'spaceId' in o ? ` in ${o.spaceId}` : 'groupId' in o ? ` in ${o.groupId}` : ''}`
    case 'update':
      return `update ${o.id} ${JSON.stringify(o.fields)}`
    case 'delete':
      return `delete ${o.id}`
    case 'reorder':
      return `reorder ${o.kind}s of ${o.parentId ?? 'top'} [${o.orderedIds.join(',')}]`
    case 'move':
      return `move ${o.id} to ${'spaceId' in o ? o.spaceId : o.groupId}`
  }
}
const describeOps = (ops: Op[]) => ops.map((o, i) => `  ${i}: ${describeOp(o)}`).join('\n')

// --- Generation: random choices, interpreted against the client state so every op is valid when made.

const choice = <T>(list: T[], n: number): T => list[n % list.length] as T

/** The `code`-th permutation of `list` (Lehmer code); code 0 keeps the order, so shrinking heads there. */
function permutation<T>(list: T[], code: number): T[] {
  const rest = list.slice()
  const out: T[] = []
  let c = code
  for (let n = rest.length; n > 0; n--) {
    let f = 1
    for (let i = 2; i < n; i++) f *= i
    const index = Math.floor(c / f) % n
    c %= f
    out.push(...rest.splice(index, 1))
  }
  return out
}

const opKinds = [
  'createBookmark',
  'createGroup',
  'createSpace',
  'update',
  'delete',
  'reorder',
  'moveGroup',
  'moveBookmark'
] as const
type OpKind = (typeof opKinds)[number]
const weights: Record<OpKind, number> = {
  createBookmark: 4,
  createGroup: 3,
  createSpace: 2,
  update: 4,
  delete: 2,
  reorder: 3,
  moveGroup: 2,
  moveBookmark: 2
}
const stepArb = fc.record({
  kind: fc.oneof(...opKinds.map((k) => ({ weight: weights[k], arbitrary: fc.constant(k) }))),
  a: fc.nat({ max: 999 }),
  b: fc.nat({ max: 999 }),
  c: fc.nat({ max: 40_319 })
})
type Step = { kind: OpKind; a: number; b: number; c: number }

/** The members of a list: spaces (parent null), a space's groups, a group's bookmarks. */
function membersOf(state: DataState, kind: Kind, parentId: string | null): (Positioned & { id: string })[] {
  const rows: (Positioned & { parent: string | null })[] =
    kind === 'space'
      ? Object.values(state.spaces).map((s) => ({ id: s.id, position: s.position, parent: null }))
      : kind === 'group'
        ? Object.values(state.groups).map((g) => ({ id: g.id, position: g.position, parent: g.spaceId }))
        : Object.values(state.bookmarks).map((b) => ({ id: b.id, position: b.position, parent: b.groupId }))
  return rows.filter((r) => r.parent === parentId).sort(byPosition)
}

/** Sibling ids of a list in (position, id) order. */
const listOf = (state: DataState, kind: Kind, parentId: string | null): string[] =>
  membersOf(state, kind, parentId).map((r) => r.id)

const ids = (state: DataState, kind: Kind) => Object.keys(state[table[kind]]).sort()

/** Turns random steps into valid operations, tracking them on a client state of abstract ids. */
function plan(steps: Step[]): Op[] {
  const state = emptyState()
  const made = { space: 0, group: 0, bookmark: 0 }
  const ops: Op[] = []
  const make = (step: Step, kind: OpKind): Op | undefined => {
    const spaces = ids(state, 'space')
    const groups = ids(state, 'group')
    const bookmarks = ids(state, 'bookmark')
    // Bookmarks are picked twice as often, so that deletes of whole spaces do not empty every run.
    const all = [...spaces, ...groups, ...bookmarks, ...bookmarks]
    switch (kind) {
      case 'createSpace':
        if (spaces.length >= MAX.space) return
        return { op: 'create', kind: 'space', id: `s${made.space++}` }
      case 'createGroup':
        if (!spaces.length || groups.length >= MAX.group) return
        return { op: 'create', kind: 'group', id: `g${made.group++}`, spaceId: choice(spaces, step.a) }
      case 'createBookmark':
        if (!groups.length || bookmarks.length >= MAX.bookmark) return
        return { op: 'create', kind: 'bookmark', id: `b${made.bookmark++}`, groupId: choice(groups, step.a) }
      case 'update': {
        if (!all.length) return
        const id = choice(all, step.a)
        const k = kindOf(id)
        const options: Record<string, unknown>[] = [
          k === 'bookmark' ? { title: `T${step.b}` } : { name: `N${step.b}` },
          { isArchived: true },
          { isArchived: false },
          ...(k === 'bookmark'
            ? [{ isPinned: true }, { isPinned: false }, { tags: ['a'] }, { tags: ['a', 'b'] }, { tags: [] }]
            : [])
        ]
        return { op: 'update', kind: k, id, fields: choice(options, step.b) }
      }
      case 'delete': {
        if (!all.length) return
        const id = choice(all, step.a)
        return { op: 'delete', kind: kindOf(id), id }
      }
      case 'reorder': {
        const lists: { kind: Kind; parentId: string | null }[] = [
          ...(spaces.length ? [{ kind: 'space' as const, parentId: null }] : []),
          ...spaces.flatMap((s) =>
            listOf(state, 'group', s).length ? [{ kind: 'group' as const, parentId: s }] : []
          ),
          ...groups.flatMap((g) =>
            listOf(state, 'bookmark', g).length ? [{ kind: 'bookmark' as const, parentId: g }] : []
          )
        ]
        if (!lists.length) return
        const { kind: k, parentId } = choice(lists, step.a)
        const siblings = listOf(state, k, parentId)
        const orderedIds = permutation(siblings, step.c).slice(0, 1 + (step.b % siblings.length))
        return { op: 'reorder', kind: k, parentId, orderedIds }
      }
      case 'moveGroup': {
        if (spaces.length < 2 || !groups.length) return
        const id = choice(groups, step.a)
        const others = spaces.filter((s) => s !== state.groups[id]?.spaceId)
        return { op: 'move', kind: 'group', id, spaceId: choice(others, step.b) }
      }
      case 'moveBookmark': {
        if (groups.length < 2 || !bookmarks.length) return
        const id = choice(bookmarks, step.a)
        const others = groups.filter((g) => g !== state.bookmarks[id]?.groupId)
        return { op: 'move', kind: 'bookmark', id, groupId: choice(others, step.b) }
      }
    }
  }
  for (const step of steps) {
    // An op the state cannot take (no parent yet, list full) gives way to the first one it can.
    const op = [step.kind, ...opKinds].reduce<Op | undefined>((found, k) => found ?? make(step, k), undefined)
    if (!op) continue
    ops.push(op)
    for (const m of toMutations(op, state, (id) => id, ops.length)) applyMutation(state, m, stamp(ops.length))
  }
  return ops
}

// --- The three paths.

const stamp = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString()

/** A key after the last of a list (archived items included), as the extension gives a new or moved item. */
const nextPosition = (state: DataState, kind: Kind, parentId: string | null) =>
  positionAfter(membersOf(state, kind, parentId))

/** The client mutations (also the sync push's) for an op, with ids mapped by `to`: a reorder is a move per item. */
function toMutations(o: Op, state: DataState, to: (abstract: string) => string, i: number): MutationInput[] {
  return [toMutation(o, state, to, i)].flat()
}

function toMutation(
  o: Op,
  state: DataState,
  to: (abstract: string) => string,
  i: number
): MutationInput | MutationInput[] {
  const at = stamp(i)
  const base = { isArchived: false, createdAt: at, updatedAt: at }
  switch (o.op) {
    case 'create':
      if (o.kind === 'space') {
        const data = {
          id: to(o.id),
          name: o.id,
          icon: '📁',
          color: null,
          position: nextPosition(state, 'space', null)
        }
        return { op: 'create', entity: 'space', data: { ...data, ...base } }
      }
      if (o.kind === 'group') {
        const spaceId = to(o.spaceId)
        const data = {
          id: to(o.id),
          spaceId,
          name: o.id,
          icon: null,
          position: nextPosition(state, 'group', spaceId)
        }
        return { op: 'create', entity: 'group', data: { ...data, ...base } }
      } else {
        const groupId = to(o.groupId)
        const spaceId = state.groups[groupId]?.spaceId ?? ''
        const data = {
          id: to(o.id),
          spaceId,
          groupId,
          title: o.id,
          url: `https://example.com/${o.id}`,
          faviconUrl: null,
          description: null,
          tags: [],
          isPinned: false,
          position: nextPosition(state, 'bookmark', groupId)
        }
        return { op: 'create', entity: 'bookmark', data: { ...data, ...base } }
      }
    case 'update':
      return { op: 'update', entity: o.kind, data: { id: to(o.id), ...o.fields } } as MutationInput
    case 'delete':
      return { op: 'delete', entity: o.kind, data: { id: to(o.id) } }
    case 'reorder': {
      const parentId = o.parentId === null ? null : to(o.parentId)
      // As the extension reorders: only the items that must move get keys, each a move of its one row.
      return reordered(membersOf(state, o.kind, parentId), o.orderedIds.map(to)).map(([item, position]) =>
        o.kind === 'space'
          ? ({ op: 'move', entity: 'space', data: { id: item.id, position } } as const)
          : o.kind === 'group'
            ? ({
                op: 'move',
                entity: 'group',
                data: { id: item.id, spaceId: parentId ?? '', position }
              } as const)
            : ({
                op: 'move',
                entity: 'bookmark',
                data: { id: item.id, groupId: parentId ?? '', position }
              } as const)
      )
    }
    case 'move':
      return o.kind === 'group'
        ? {
            op: 'move',
            entity: 'group',
            data: {
              id: to(o.id),
              spaceId: to(o.spaceId),
              position: nextPosition(state, 'group', to(o.spaceId))
            }
          }
        : {
            op: 'move',
            entity: 'bookmark',
            data: {
              id: to(o.id),
              groupId: to(o.groupId),
              position: nextPosition(state, 'bookmark', to(o.groupId))
            }
          }
  }
}

/** Path 1: the extension's pure applier. Also returns the mutations, in the shape sync push takes. */
function viaClient(ops: Op[], to: (abstract: string) => string) {
  const state = emptyState()
  const mutations: MutationInput[] = []
  ops.forEach((o, i) => {
    for (const m of toMutations(o, state, to, i + 1)) {
      mutations.push(m)
      applyMutation(state, m, stamp(i + 1))
    }
  })
  return { state, mutations }
}

type Row = Record<string, unknown> & { id: string; position: string }
type Server = {
  spaces: Row[]
  groups: Row[]
  bookmarks: Row[]
  deleted: Record<'spaces' | 'groups' | 'bookmarks', string[]>
}

/** Pulls every page from `cursor` (everything live when absent). */
async function pullAll(token: string, cursor?: string): Promise<Server> {
  const out: Server = {
    spaces: [],
    groups: [],
    bookmarks: [],
    deleted: { spaces: [], groups: [], bookmarks: [] }
  }
  let from = cursor
  for (;;) {
    const res = await api<PullBody>(
      'GET',
      `/v1/sync/pull?${from ? `cursor=${encodeURIComponent(from)}` : ''}`,
      {
        token
      }
    )
    if (res.status !== 200) throw new Error(`pull answered ${res.status}: ${JSON.stringify(res.body)}`)
    for (const t of ['spaces', 'groups', 'bookmarks'] as const) {
      out[t].push(...(res.body[t] as Row[]))
      out.deleted[t].push(...res.body.deleted[t])
    }
    from = res.body.cursor
    if (!res.body.hasMore) return out
  }
}

async function startCursor(token: string): Promise<string> {
  const res = await api<{ cursor: string }>('GET', '/v1/sync/status', { token })
  if (res.status !== 200) throw new Error(`status answered ${res.status}`)
  return res.body.cursor
}

/** Path 2: the mutations pushed in order, `chunk` at a time; every one must be applied. */
async function viaSync(token: string, mutations: MutationInput[], chunk: number, ops: Op[]) {
  for (let i = 0; i < mutations.length; i += chunk) {
    const batch = mutations.slice(i, i + chunk).map((m) => ({ ...m, mutationId: mutationId() }))
    const res = await api<{ results: { status: string; reason?: string }[] }>('POST', '/v1/sync/push', {
      token,
      body: { clientId: 'client_write_paths', mutations: batch }
    })
    if (res.status !== 200)
      throw new Error(
        `push answered ${res.status}: ${JSON.stringify(res.body)}\n${describeOps(ops)}\nbatch ${JSON.stringify(batch.map((m) => [m.op, m.entity, m.data]))}`
      )
    res.body.results.forEach((r, j) => {
      if (r.status !== 'applied')
        throw new Error(`sync rejected op ${i + j} (${r.reason}):\n${describeOps(ops)}`)
    })
  }
}

/** Path 3: one REST call per op; every one must answer 2xx. */
async function viaRest(token: string, ops: Op[], to: (abstract: string) => string) {
  for (const [i, o] of ops.entries()) {
    const call = (method: string, path: string, body?: unknown) => api(method, path, { token, body })
    let res: Awaited<ReturnType<typeof call>>
    switch (o.op) {
      case 'create':
        res =
          o.kind === 'space'
            ? await call('POST', '/v1/spaces', { id: to(o.id), name: o.id, icon: '📁', color: null })
            : o.kind === 'group'
              ? await call('POST', '/v1/groups', {
                  id: to(o.id),
                  spaceId: to(o.spaceId),
                  name: o.id,
                  icon: null
                })
              : await call('POST', '/v1/bookmarks', {
                  id: to(o.id),
                  groupId: to(o.groupId),
                  title: o.id,
                  url: `https://example.com/${o.id}`
                })
        break
      case 'update':
        res = await call('PATCH', `/v1/${table[o.kind]}/${to(o.id)}`, o.fields)
        break
      case 'delete':
        res = await call('DELETE', `/v1/${table[o.kind]}/${to(o.id)}`)
        break
      case 'reorder': {
        const path =
          o.kind === 'space'
            ? '/v1/spaces/order'
            : o.kind === 'group'
              ? `/v1/spaces/${to(o.parentId ?? '')}/groups/order`
              : `/v1/groups/${to(o.parentId ?? '')}/bookmarks/order`
        res = await call('PUT', path, { orderedIds: o.orderedIds.map(to) })
        break
      }
      case 'move':
        res =
          o.kind === 'group'
            ? await call('PATCH', `/v1/groups/${to(o.id)}`, { spaceId: to(o.spaceId) })
            : await call('PATCH', `/v1/bookmarks/${to(o.id)}`, { groupId: to(o.groupId) })
        break
    }
    if (res.status < 200 || res.status >= 300)
      throw new Error(
        `REST answered ${res.status} to op ${i} ${JSON.stringify(res.body)}:\n${describeOps(ops)}`
      )
  }
}

// --- Comparison.

/** What must agree: live entities with parents and flags (abstract ids), and each list's order of ids. */
function canonical(rows: { spaces: Row[]; groups: Row[]; bookmarks: Row[] }, back: (real: string) => string) {
  const lists: Record<string, string[]> = {}
  const sorted = (list: Row[]) => list.slice().sort(byPosition)
  const addList = (key: string, list: Row[]) => {
    if (list.length) lists[key] = sorted(list).map((r) => back(r.id))
  }
  addList('spaces', rows.spaces)
  const byParent = (list: Row[], key: string) => {
    const groups = new Map<string, Row[]>()
    for (const r of list) groups.set(String(r[key]), [...(groups.get(String(r[key])) ?? []), r])
    return groups
  }
  for (const [spaceId, list] of byParent(rows.groups, 'spaceId')) addList(`groups of ${back(spaceId)}`, list)
  for (const [groupId, list] of byParent(rows.bookmarks, 'groupId'))
    addList(`bookmarks of ${back(groupId)}`, list)
  const entities = Object.fromEntries([
    ...rows.spaces.map((s) => [back(s.id), { name: s.name, isArchived: s.isArchived }]),
    ...rows.groups.map((g) => [
      back(g.id),
      { spaceId: back(String(g.spaceId)), name: g.name, isArchived: g.isArchived }
    ]),
    ...rows.bookmarks.map((b) => [
      back(b.id),
      {
        spaceId: back(String(b.spaceId)),
        groupId: back(String(b.groupId)),
        title: b.title,
        isArchived: b.isArchived,
        isPinned: b.isPinned,
        tags: b.tags
      }
    ])
  ])
  return { entities, lists }
}

const createdIds = (ops: Op[]) => ops.flatMap((o) => (o.op === 'create' ? [o.id] : []))

describe('write paths agree', () => {
  it('random operations end in the same state through the client store, sync push and REST', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 5, maxLength: 30 }),
        fc.integer({ min: 1, max: 30 }),
        async (steps, chunk) => {
          const ops = plan(steps)
          const run = `${(runs++).toString(36)}${crypto.randomUUID().slice(0, 6)}`
          const message = `ops (pushed ${chunk} at a time):\n${describeOps(ops)}`

          const client = idMap(run, 'c')
          const { state } = viaClient(ops, client.to)
          const expected = canonical(
            {
              spaces: Object.values(state.spaces),
              groups: Object.values(state.groups),
              bookmarks: Object.values(state.bookmarks)
            },
            client.back
          )
          const gone = createdIds(ops)
            .filter((id) => !(id in expected.entities))
            .sort()

          for (const path of ['s', 'r'] as const) {
            const ids = idMap(run, path)
            const token = await tokenFor(uniqueUser(`write_paths_${path}`))
            const cursor = await startCursor(token)
            if (path === 's') await viaSync(token, viaClient(ops, ids.to).mutations, chunk, ops)
            else await viaRest(token, ops, ids.to)

            const live = await pullAll(token)
            const label = path === 's' ? 'sync push' : 'REST'
            expect(canonical(live, ids.back), `${label} vs client store; ${message}`).toEqual(expected)
            const changes = await pullAll(token, cursor)
            const deleted = [
              ...changes.deleted.spaces,
              ...changes.deleted.groups,
              ...changes.deleted.bookmarks
            ]
              .map(ids.back)
              .sort()
            expect(deleted, `${label} tombstones since the start; ${message}`).toEqual(gone)
          }
        }
      ),
      // Shrinking a failure replays API calls: the time limit ends it with the best counterexample so far.
      { numRuns: 15, interruptAfterTimeLimit: 120_000, markInterruptAsFailure: true }
    )
  }, 180_000)
})
