// Runs one history: three devices of one user (the real store and sync engine, in fake-indexeddb) make changes
// through the product's own actions, a nemesis in each device's fetch loses answers, repeats pushes, takes the
// device offline or kills it mid-request, and the servers restart. Then everything heals, syncs until quiet,
// and the checks compare every device, the server and the reference model.
import { IDBFactory } from 'fake-indexeddb'
import { type ApiClient, createApiClient, expectData } from '../../extension/src/api/client.ts'
import {
  createBookmark,
  createGroup,
  createSpace,
  moveBookmark,
  moveGroup,
  type Removed,
  remove,
  reorder,
  restoreRemoved,
  stepOrder,
  updateBookmark,
  updateGroup,
  updateSpace
} from '../../extension/src/store/actions.ts'
import type { DataStore } from '../../extension/src/store/data-store.ts'
import { sortedBookmarks, sortedGroups, sortedSpaces } from '../../extension/src/store/selectors.ts'
import type { RejectedMutation, SyncStatus } from '../../extension/src/store/sync/engine.ts'
import type { DataState, EntityName, Mutation } from '../../extension/src/store/types.ts'
import { Device } from '../sync/device.ts'
import { DEVICES, prng, type Step, type SyncFault } from './history.ts'
import { compareStates, compareWithModel, type Outcome, ServerModel } from './oracle.ts'
import type { ModelStack } from './stack.ts'

/** What a run found wrong, by kind: shrinking keeps a smaller history only if it fails the same way. */
export type Problem = { kind: string; lines: string[] }

export type FaultCounts = {
  lostAnswers: number
  duplicatedPushes: number
  kills: number
  offline: number
  workerRestarts: number
  databaseRestarts: number
  /** Not a fault: how many concurrent-moves steps ran (two devices moving rows of one group at once). */
  concurrentMoves: number
}

export type RunReport = {
  log: string[]
  problem?: Problem
  faults: FaultCounts
  mutations: number
  rejected: number
  /** Indices of the steps that did nothing (nothing to act on, already offline…). */
  noops: number[]
  /** Milliseconds spent per kind of step, and in healing and checking. */
  timings: Record<string, number>
}

/** Per device: how big its push batches and pull pages are, so that batching and paging are part of the test. */
const ENGINE_OPTIONS = [{}, { pushBatchSize: 6, pullPageSize: 40 }, { pushBatchSize: 15, pullPageSize: 100 }]
/** Quiet must come within this many rounds of everyone syncing once the faults are healed. */
const HEAL_ROUNDS = 6

class NemesisError extends TypeError {}

/**
 * A device's network: the real fetch, with the fault of the current sync step. The server's answers pass
 * through here, so it also keeps every outcome the server answered, delivered or lost.
 */
class Link {
  offline = false
  private fault: SyncFault = 'none'
  private killAt = 0
  private requests = 0
  /** What the fault did in this cycle, for the log. */
  effect: string | undefined
  killed = false
  /** Outcomes the engine received. */
  readonly delivered: { mutationId: string; status: string; reason?: string }[] = []
  /** Outcomes the server answered that never reached the engine. */
  readonly lost: { mutationId: string; status: string; reason?: string }[] = []

  constructor(private readonly counts: FaultCounts) {}

  arm(fault: SyncFault, at: number) {
    this.fault = fault
    this.killAt = at
    this.requests = 0
    this.effect = undefined
    this.killed = false
  }

  disarm() {
    this.fault = 'none'
  }

  private async keep(response: Response, into: Link['delivered']) {
    if (!response.ok) return
    const body = (await response.clone().json()) as { results?: Link['delivered'] }
    into.push(...(body.results ?? []))
  }

  readonly fetch = async (request: Request, init?: RequestInit): Promise<Response> => {
    if (this.offline) throw new NemesisError('fetch failed: this device is offline')
    const isPush = request.method === 'POST' && new URL(request.url).pathname === '/v1/sync/push'
    this.requests += 1
    const fault = this.fault
    if (fault === 'kill' && this.requests === this.killAt) {
      const response = await fetch(request, init)
      if (isPush) await this.keep(response, this.lost)
      await response.arrayBuffer()
      this.fault = 'none'
      this.killed = true
      this.effect = `killed while its ${isPush ? 'push' : 'pull'} was answered`
      this.counts.kills += 1
      throw new NemesisError('the page was closed')
    }
    if (!isPush || fault === 'none' || fault === 'kill') {
      const response = await fetch(request, init)
      if (isPush) await this.keep(response, this.delivered)
      return response
    }
    this.fault = 'none'
    if (fault === 'lose-answer') {
      const response = await fetch(request, init)
      await this.keep(response, this.lost)
      await response.arrayBuffer()
      this.effect = `push answer lost (HTTP ${response.status})`
      this.counts.lostAnswers += 1
      throw new NemesisError('network connection lost')
    }
    // The same push twice: one after the other, or both at once (the server's lock decides which applies).
    const copy = request.clone()
    let first: Response
    let second: Response
    if (fault === 'duplicate') {
      first = await fetch(copy, init)
      await this.keep(first, this.lost)
      second = await fetch(request, init)
    } else {
      ;[first, second] = await Promise.all([fetch(copy, init), fetch(request, init)])
      await this.keep(first, this.lost)
    }
    await first.arrayBuffer()
    this.effect = `push sent twice${fault === 'duplicate' ? '' : ' at once'} (HTTP ${first.status}, ${second.status})`
    this.counts.duplicatedPushes += 1
    await this.keep(second, this.delivered)
    return second
  }
}

/** Labels (s1, g2, b3…) in creation order: steps pick by position in this order, logs show labels, not ids. */
class Registry {
  private readonly labels = new Map<string, string>()
  private readonly orders = new Map<string, number>()
  private counters = { space: 0, group: 0, bookmark: 0 }

  next(kind: EntityName): string {
    this.counters[kind] += 1
    return `${kind[0]}${this.counters[kind]}`
  }

  add(id: string, label: string) {
    this.labels.set(id, label)
    this.orders.set(id, this.orders.size)
  }

  label = (id: string): string => this.labels.get(id) ?? id
  sort<T extends { id: string }>(items: T[]): T[] {
    const at = (id: string) => this.orders.get(id) ?? Number.MAX_SAFE_INTEGER
    return items.slice().sort((a, b) => at(a.id) - at(b.id) || (a.id < b.id ? -1 : 1))
  }
}

/** One device: its engine, its network, what it last deleted (for Undo) and what it was told was refused. */
class Slot {
  device: Device
  readonly link: Link
  removed: Removed | undefined
  /** Rejections reported to earlier lives of this device (before a kill). */
  private readonly earlier: RejectedMutation[] = []
  private readonly pending: Promise<unknown>[] = []
  readonly store: DataStore

  constructor(
    readonly name: string,
    private readonly account: string,
    private readonly client: ApiClient,
    link: Link,
    private readonly engineOptions: object,
    private readonly record: (slot: Slot, mutations: Mutation[]) => void
  ) {
    this.link = link
    this.device = this.newDevice()
    const slot = this
    // The product's actions take the app's store; these are the parts they use, backed by this device.
    const store: Pick<DataStore, 'state' | 'snapshot' | 'groupBookmarks' | 'mutate'> = {
      get state() {
        return slot.device.state
      },
      snapshot: () => slot.device.state,
      groupBookmarks: (groupId) =>
        Object.values(slot.device.state.bookmarks).filter((b) => b.groupId === groupId),
      mutate: (input) => {
        const list = Array.isArray(input) ? input : [input]
        const done = list.length === 0 ? Promise.resolve([]) : slot.device.change(...list)
        const recorded = done.then((mutations) => {
          slot.record(slot, mutations)
          return mutations
        })
        slot.pending.push(recorded)
        return recorded
      }
    }
    this.store = store as DataStore
  }

  private newDevice() {
    return new Device({ account: this.account, client: this.client, ...this.engineOptions })
  }

  /** Waits for the changes the actions started (they call mutate without awaiting it, as the UI does). */
  async settle() {
    while (this.pending.length > 0) await this.pending.shift()
  }

  get rejected(): RejectedMutation[] {
    return [...this.earlier, ...this.device.rejected]
  }

  /** One sync with `fault`; a killed device is loaded again from IndexedDB, as a reopened new tab is. */
  async sync(fault: SyncFault = 'none', at = 0): Promise<string> {
    this.link.arm(fault, at)
    const before = this.device.rejected.length
    const status = await this.device.engine.syncNow()
    this.link.disarm()
    const refused = this.device.rejected.slice(before)
    let text = describeStatus(status)
    if (refused.length > 0) text += `, refused ${refused.map((r) => r.reason).join(' ')}`
    if (this.link.effect) text = `${this.link.effect} → ${text}`
    if (fault === 'kill') {
      if (!this.link.killed) text += ', then killed while idle'
      this.earlier.push(...this.device.rejected)
      this.device = this.newDevice()
      await this.device.load()
      text += '; reopened from IndexedDB'
    }
    return text
  }
}

const describeStatus = (s: SyncStatus) =>
  `${s.state}${s.pending ? `, ${s.pending} pending` : ''}${s.setAside ? `, ${s.setAside} set aside` : ''}`

const pickOf = <T>(items: T[], n: number): T | undefined =>
  items.length === 0 ? undefined : items[n % items.length]

function shuffled<T>(items: T[], seed: number): T[] {
  const next = prng(seed)
  const out = items.slice()
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}

const ICONS = ['⭐', '📚', '🎵', '🧪']
const COLORS = ['#3b82f6', 'red', null]

export class World {
  readonly registry = new Registry()
  readonly log: string[] = []
  readonly faults: FaultCounts = {
    lostAnswers: 0,
    duplicatedPushes: 0,
    kills: 0,
    offline: 0,
    workerRestarts: 0,
    databaseRestarts: 0,
    concurrentMoves: 0
  }
  private readonly slots: Slot[]
  /** Every mutation any device recorded, with its place in that device's outbox order. */
  private readonly made = new Map<string, { mutation: Mutation; seq: number; device: string }>()
  private seq = 0
  private edits = 0
  private readonly noops: number[] = []
  private readonly timings: Record<string, number> = {}
  private readonly user: string
  private readonly server: ApiClient

  constructor(
    private readonly stack: ModelStack,
    label: string
  ) {
    // A fresh IndexedDB per history: nothing of an earlier run (or an earlier shrink try) is left in it.
    globalThis.indexedDB = new IDBFactory()
    this.user = `user_model_${label.replace(/[^a-z0-9]+/gi, '-')}_${crypto.randomUUID().slice(0, 8)}`
    const getToken = () => stack.tokenFor(this.user)
    this.server = createApiClient({ baseUrl: stack.url, getToken, timeoutMs: 15_000 }).client
    const record = (slot: Slot, mutations: Mutation[]) => {
      for (const mutation of mutations) {
        this.made.set(mutation.mutationId, { mutation, seq: this.seq++, device: slot.name })
      }
    }
    this.slots = DEVICES.map((name, i) => {
      const link = new Link(this.faults)
      const client = createApiClient({
        baseUrl: stack.url,
        getToken,
        timeoutMs: 15_000,
        fetch: link.fetch
      }).client
      return new Slot(name, `${this.user}@${name}`, client, link, ENGINE_OPTIONS[i] ?? {}, record)
    })
  }

  private slot(i: number): Slot {
    return this.slots[i % this.slots.length] as Slot
  }

  private label = (id: string) => this.registry.label(id)

  /** Set when the current step did nothing at all: shrinking drops such steps first, without running them. */
  private noop = false
  private skip(text: string): string {
    this.noop = true
    return text.endsWith(')') ? text : `${text} (skipped)`
  }

  /**
   * Two devices each drag a different bookmark of one group one place (from their own view of it), then both
   * push at once: both moves must survive, on the server (checked here) and on every device (the final checks).
   */
  private async concurrentMoves(step: Extract<Step, { op: 'concurrent-moves' }>): Promise<string> {
    const L = this.label
    const [one, two] = [this.slot(step.device), this.slot(step.device + 1)]
    if (one.link.offline || two.link.offline) return this.skip('concurrent moves: a device is offline')
    const shown = (slot: Slot, groupId: string) =>
      sortedBookmarks(
        Object.values(slot.store.snapshot().bookmarks).filter((b) => b.groupId === groupId && !b.isArchived)
      )
    const groups = Object.values(one.store.snapshot().groups).filter(
      (g) => shown(one, g.id).length >= 2 && shown(two, g.id).length >= 2
    )
    const group = pickOf(groups, step.pick)
    if (!group) return this.skip('concurrent moves: no group both devices show with 2 bookmarks')
    const moved: { slot: Slot; id: string; key: string }[] = []
    for (const [slot, n] of [
      [one, step.pick],
      [two, step.pick + 1]
    ] as const) {
      const ids = shown(slot, group.id).map((b) => b.id)
      const candidates = ids.filter((id) => !moved.some((m) => m.id === id))
      const id = candidates[n % candidates.length] as string
      const wanted = stepOrder(ids, id, ids.indexOf(id) === 0 ? 1 : -1)
      if (!wanted) return this.skip('concurrent moves: nothing to move')
      const before = slot.store.snapshot().bookmarks
      await reorder(slot.store, 'bookmark', group.id, wanted)
      await slot.settle()
      // The row that took a new key (the dragged one, or its neighbour: one move either way), unless the other
      // device's move already took it: then the two moves are of one row, and the later one wins.
      const after = slot.store.snapshot().bookmarks
      for (const b of Object.values(after))
        if (before[b.id]?.position !== b.position && !moved.some((m) => m.id === b.id))
          moved.push({ slot, id: b.id, key: b.position })
    }
    const results = await Promise.all([one.sync(), two.sync()])
    this.faults.concurrentMoves += 1
    // Both online, both pushed: each device's key for its own bookmark is the server's now.
    const page = expectData(await this.server.GET('/v1/sync/pull', { params: { query: { limit: 10_000 } } }))
    const keys = new Map(page.bookmarks.map((b) => [b.id, b.position]))
    for (const m of moved)
      if (keys.has(m.id) && keys.get(m.id) !== m.key)
        this.concurrentLoss.push(
          `${m.slot.name}'s move of ${L(m.id)} (to ${m.key}) was lost: ${keys.get(m.id)}`
        )
    return `${one.name} and ${two.name} move ${moved.map((m) => L(m.id)).join(' and ')} of ${L(group.id)} at once → ${results.join('; ')}`
  }

  /** Moves of two devices at once that the server did not keep (concurrentMoves): a problem for the checks. */
  private readonly concurrentLoss: string[] = []

  /** Runs one step; returns its log line (without the number). */
  async step(step: Step): Promise<string> {
    switch (step.op) {
      case 'sync-all': {
        const results = await Promise.all(this.slots.map((s) => s.sync()))
        return `all sync at once → ${results.map((r, i) => `${this.slot(i).name}: ${r}`).join('; ')}`
      }
      case 'concurrent-moves':
        return this.concurrentMoves(step)
      case 'restart-worker':
      case 'restart-database': {
        const slot = this.slot(step.device)
        let during = ''
        const whileDown = async () => {
          during = await slot.sync()
        }
        if (step.op === 'restart-worker') {
          await this.stack.restartWorker(whileDown)
          this.faults.workerRestarts += 1
        } else {
          await this.stack.restartDatabase(whileDown)
          this.faults.databaseRestarts += 1
        }
        return `${step.op === 'restart-worker' ? 'Worker' : 'database'} restarted; ${slot.name} synced while it was down → ${during}`
      }
      default: {
        const slot = this.slot(step.device)
        const text = await this.deviceStep(slot, step)
        await slot.settle()
        return `${slot.name}  ${text}`
      }
    }
  }

  private async deviceStep(
    slot: Slot,
    step: Exclude<Step, { op: 'sync-all' | 'restart-worker' | 'restart-database' }>
  ) {
    const state = slot.device.state
    const { registry } = this
    const L = this.label
    const all = <K extends keyof DataState>(key: K) =>
      registry.sort(Object.values(state[key]) as DataState[K][string][])
    type Listed = { id: string; isArchived: boolean }
    const listOf = (entity: EntityName): Listed[] =>
      entity === 'space' ? all('spaces') : entity === 'group' ? all('groups') : all('bookmarks')
    switch (step.op) {
      case 'sync':
        return `sync${step.fault === 'none' ? '' : ` (${step.fault}${step.fault === 'kill' ? ` at request ${step.at}` : ''})`} → ${await slot.sync(step.fault, step.at)}`
      case 'offline':
        if (slot.link.offline) return this.skip('offline (already)')
        slot.link.offline = true
        this.faults.offline += 1
        return 'goes offline'
      case 'online':
        if (!slot.link.offline) return this.skip('online (already)')
        slot.link.offline = false
        return 'comes back online'
      case 'create': {
        // With nothing to put it in, the device makes the parent first (as a person would).
        const spaces = all('spaces')
        const groups = all('groups')
        const entity = step.entity === 'bookmark' && groups.length === 0 ? 'group' : step.entity
        const kind = entity === 'group' && spaces.length === 0 ? 'space' : entity
        const label = registry.next(kind)
        if (kind === 'space') {
          const space = createSpace(slot.store, { name: label, icon: '📁', color: null })
          registry.add(space.id, label)
          return `create space ${label}`
        }
        if (kind === 'group') {
          const space = pickOf(spaces, step.pick)
          if (!space) return this.skip('create group: no space')
          const group = createGroup(slot.store, space.id, { name: label, icon: null })
          registry.add(group.id, label)
          return `create group ${label} in ${L(space.id)}`
        }
        const group = pickOf(groups, step.pick)
        const bookmark =
          group && createBookmark(slot.store, group.id, { title: label, url: `https://example.com/${label}` })
        if (!group || !bookmark) return this.skip('create bookmark: no group')
        registry.add(bookmark.id, label)
        return `create bookmark ${label} in ${L(group.id)}`
      }
      case 'update': {
        const target = pickOf(listOf(step.entity), step.pick)
        if (!target) return this.skip(`update ${step.entity}: none`)
        const n = ++this.edits
        const v = step.variant
        if (step.entity === 'space') {
          const fields = [
            { name: `${L(target.id)}.${n}` },
            { icon: ICONS[v % ICONS.length] },
            { color: COLORS[v % 3] }
          ][v % 3]
          updateSpace(slot.store, target.id, fields ?? {})
          return `update space ${L(target.id)} ${JSON.stringify(fields)}`
        }
        if (step.entity === 'group') {
          const fields = v % 2 === 0 ? { name: `${L(target.id)}.${n}` } : { icon: ICONS[v % ICONS.length] }
          updateGroup(slot.store, target.id, fields)
          return `update group ${L(target.id)} ${JSON.stringify(fields)}`
        }
        const bookmark = state.bookmarks[target.id]
        const fields = [
          { title: `${L(target.id)}.${n}` },
          { url: `https://example.com/${L(target.id)}/${n}` },
          { description: `about ${n}` },
          { tags: [`t${v % 4}`, `t${(v >> 2) % 4}`].filter((t, i, list) => list.indexOf(t) === i) },
          { isPinned: !bookmark?.isPinned },
          { title: `${L(target.id)}.${n}`, url: `https://example.com/${L(target.id)}/${n}` }
        ][v % 6]
        updateBookmark(slot.store, target.id, fields ?? {})
        return `update bookmark ${L(target.id)} ${JSON.stringify(fields)}`
      }
      case 'archive':
      case 'unarchive': {
        const archived = step.op === 'archive'
        const target = pickOf(
          listOf(step.entity).filter((item) => item.isArchived !== archived),
          step.pick
        )
        if (!target) return this.skip(`${step.op} ${step.entity}: none`)
        const fields = { isArchived: archived }
        if (step.entity === 'space') updateSpace(slot.store, target.id, fields)
        else if (step.entity === 'group') updateGroup(slot.store, target.id, fields)
        else updateBookmark(slot.store, target.id, fields)
        return `${archived ? 'archive' : 'restore (un-archive)'} ${step.entity} ${L(target.id)}`
      }
      case 'move': {
        const index = step.index ?? undefined
        const at = index === undefined ? 'at the end' : `at ${index}`
        if (step.entity === 'bookmark') {
          const bookmark = pickOf(all('bookmarks'), step.pick)
          const to =
            bookmark &&
            pickOf(
              all('groups').filter((g) => g.id !== bookmark.groupId),
              step.to
            )
          if (!bookmark || !to) return this.skip('move bookmark: nothing to move')
          await moveBookmark(slot.store, bookmark.id, to.id, index)
          return `move bookmark ${L(bookmark.id)} from ${L(bookmark.groupId)} to ${L(to.id)} ${at}`
        }
        const group = pickOf(all('groups'), step.pick)
        const to =
          group &&
          pickOf(
            all('spaces').filter((s) => s.id !== group.spaceId),
            step.to
          )
        if (!group || !to) return this.skip('move group: nothing to move')
        await moveGroup(slot.store, group.id, to.id, index)
        return `move group ${L(group.id)} from ${L(group.spaceId)} to ${L(to.id)} ${at}`
      }
      case 'reorder': {
        let parentId: string | null = null
        let ids: string[]
        if (step.entity === 'space') ids = sortedSpaces(state).map((s) => s.id)
        else if (step.entity === 'group') {
          const space = pickOf(all('spaces'), step.pick)
          if (!space) return this.skip('reorder groups: no space')
          parentId = space.id
          ids = sortedGroups(state, space.id).map((g) => g.id)
        } else {
          const group = pickOf(all('groups'), step.pick)
          if (!group) return this.skip('reorder bookmarks: no group')
          parentId = group.id
          const shown = Object.values(state.bookmarks).filter((b) => b.groupId === group.id && !b.isArchived)
          ids = sortedBookmarks(shown).map((b) => b.id)
        }
        // A drag moves one item one step, or (an import, a sort) everything changes place.
        const wanted =
          step.shuffle % 2 === 0
            ? stepOrder(
                ids,
                ids[step.shuffle % Math.max(1, ids.length)] ?? '',
                step.shuffle % 4 === 0 ? 1 : -1
              )
            : shuffled(ids, step.shuffle)
        if (!wanted || wanted.join() === ids.join())
          return this.skip(`reorder ${step.entity}s: nothing to change`)
        await reorder(slot.store, step.entity, parentId, wanted)
        return `reorder ${step.entity}s${parentId ? ` of ${L(parentId)}` : ''}: ${wanted.map(L).join(' ')}`
      }
      case 'delete': {
        const target = pickOf(listOf(step.entity), step.pick)
        if (!target) return this.skip(`delete ${step.entity}: none`)
        slot.removed = remove(slot.store, step.entity, target.id)
        return `delete ${step.entity} ${L(target.id)}`
      }
      case 'undo': {
        const removed = slot.removed
        if (!removed) return this.skip('undo: nothing deleted')
        slot.removed = undefined
        const ids = restoreRemoved(slot.store, removed)
        const made = Object.entries(ids).map(([old, id]) => {
          this.registry.add(id, `${L(old)}r`)
          return `${L(old)} as ${L(id)}`
        })
        return `undo the delete: restores ${made.join(', ') || 'nothing (its parent is gone)'}`
      }
    }
  }

  /** Runs the steps, then heals and checks. A step that throws is itself the problem found. */
  async run(steps: Step[]): Promise<RunReport> {
    let problem: Problem | undefined
    try {
      for (const [i, step] of steps.entries()) {
        this.noop = false
        const t0 = performance.now()
        const text = await this.step(step)
        this.timings[step.op] = (this.timings[step.op] ?? 0) + performance.now() - t0
        if (this.noop) this.noops.push(i)
        this.log.push(`${String(i + 1).padStart(4)}. ${text}`)
      }
      const t0 = performance.now()
      problem = (await this.heal()) ?? (await this.check())
      this.timings['heal and checks'] = performance.now() - t0
    } catch (error) {
      problem = { kind: 'crash', lines: [String((error as Error)?.stack ?? error)] }
    }
    const rejected = this.slots.reduce((n, s) => n + s.rejected.length, 0)
    return {
      log: this.log,
      problem,
      faults: this.faults,
      mutations: this.made.size,
      rejected,
      noops: this.noops,
      timings: this.timings
    }
  }

  private async head(): Promise<number> {
    return expectData(await this.server.GET('/v1/sync/status')).version
  }

  /** Everyone back online, no faults: sync round after round until a round changes nothing on the server. */
  private async heal(): Promise<Problem | undefined> {
    for (const slot of this.slots) slot.link.offline = false
    let last: string[] = []
    for (let round = 1; round <= HEAL_ROUNDS; round++) {
      const before = await this.head()
      last = []
      for (const slot of this.slots) last.push(`${slot.name}: ${await slot.sync()}`)
      const quiet =
        (await this.head()) === before && this.slots.every((s) => s.device.engine.status().state === 'synced')
      if (quiet) {
        this.log.push(`      heal: quiet after ${round} round(s) → ${last.join('; ')}`)
        return undefined
      }
    }
    return { kind: 'no-quiet', lines: [`still not quiet after ${HEAL_ROUNDS} rounds: ${last.join('; ')}`] }
  }

  private async check(): Promise<Problem | undefined> {
    const L = this.label
    const cut = (lines: string[]) =>
      lines.length > 25 ? [...lines.slice(0, 25), `… and ${lines.length - 25} more`] : lines
    const fail = (kind: string, lines: string[]): Problem | undefined =>
      lines.length ? { kind, lines: cut(lines) } : undefined
    const describe = (id: string) => {
      const made = this.made.get(id)
      if (!made) return id
      const m = made.mutation
      const target = L(m.data.id)
      if (m.op === 'move') {
        if (m.entity === 'space') return `${made.device}'s move of space ${target} to ${m.data.position}`
        const to = m.entity === 'group' ? m.data.spaceId : m.data.groupId
        return `${made.device}'s move of ${m.entity} ${target} to ${L(to)} at ${m.data.position}`
      }
      return `${made.device}'s ${m.op} ${m.entity} ${target}`
    }

    const concurrent = fail('concurrent-move-lost', this.concurrentLoss)
    if (concurrent) return concurrent

    // Nothing waits: an outbox or a set-aside change left after healing is a change that never got through.
    const waiting: string[] = []
    for (const slot of this.slots) {
      const outbox = await slot.device.outbox()
      const aside = await slot.device.engine.setAsideList()
      for (const m of outbox) waiting.push(`${slot.name} still has ${describe(m.mutationId)} in its outbox`)
      for (const a of aside)
        waiting.push(`${slot.name} set aside ${describe(a.mutation.mutationId)}: ${a.reason}`)
    }
    const waitingProblem = fail('left-waiting', waiting)
    if (waitingProblem) return waitingProblem

    // The server's own ledger: one outcome per mutation, in commit order (version; then outbox order within).
    const ledger = await this.stack.ledger(this.user)
    const byId = new Map(ledger.map((row) => [row.mutationId, row]))
    const lost = [...this.made.values()]
      .filter(({ mutation }) => !byId.has(mutation.mutationId))
      .map(({ mutation }) => `${describe(mutation.mutationId)} never reached the server`)
    const strangers = ledger
      .filter((row) => !this.made.has(row.mutationId))
      .map((row) => `unknown mutation ${row.mutationId}`)
    const lostProblem = fail('lost-change', [...lost, ...strangers])
    if (lostProblem) return lostProblem

    // What the server answered (delivered or lost on the way) is what it stored.
    const answered: string[] = []
    for (const slot of this.slots) {
      for (const a of [...slot.link.delivered, ...slot.link.lost]) {
        const row = byId.get(a.mutationId)
        if (!row || row.status !== a.status || (row.reason ?? undefined) !== (a.reason ?? undefined))
          answered.push(
            `${describe(a.mutationId)} was answered ${a.status} ${a.reason ?? ''} but stored ${row?.status ?? 'nowhere'}`
          )
      }
      for (const r of slot.rejected) {
        const row = byId.get(r.mutation.mutationId)
        if (row?.status !== 'rejected' || row.reason !== r.reason)
          answered.push(
            `${slot.name} was told ${describe(r.mutation.mutationId)} was refused (${r.reason}), the server stored ${row?.status}`
          )
      }
    }
    const answeredProblem = fail('acknowledged', answered)
    if (answeredProblem) return answeredProblem

    // The model replays every mutation in the server's order: each outcome must be the one the rules give.
    const model = new ServerModel()
    const order = ledger
      .map((row) => ({ row, made: this.made.get(row.mutationId) }))
      .sort((a, b) => a.row.version - b.row.version || (a.made?.seq ?? 0) - (b.made?.seq ?? 0))
    const outcomes: string[] = []
    for (const { row, made } of order) {
      if (!made) continue
      const want: Outcome = model.apply(made.mutation)
      if (want.status !== row.status || want.reason !== row.reason)
        outcomes.push(
          `v${row.version} ${describe(row.mutationId)}: the server ${row.status === 'applied' ? 'applied it' : `refused it (${row.reason})`}, the rules say ${want.status === 'applied' ? 'apply it' : `refuse it (${want.reason})`}`
        )
    }
    const outcomeProblem = fail('outcome', outcomes)
    if (outcomeProblem) return outcomeProblem

    // The server's data: no id twice, every applied write there, nothing deleted back.
    const page = expectData(await this.server.GET('/v1/sync/pull', { params: { query: { limit: 10_000 } } }))
    const seen = new Set<string>()
    const twice: string[] = []
    for (const item of [...page.spaces, ...page.groups, ...page.bookmarks]) {
      if (seen.has(item.id)) twice.push(`${L(item.id)} is on the server twice`)
      seen.add(item.id)
    }
    const duplicateProblem = fail('duplicate', twice)
    if (duplicateProblem) return duplicateProblem
    const server: DataState = {
      spaces: Object.fromEntries(page.spaces.map((s) => [s.id, s])),
      groups: Object.fromEntries(page.groups.map((g) => [g.id, g])),
      bookmarks: Object.fromEntries(page.bookmarks.map((b) => [b.id, b]))
    }
    const serverProblem = fail('server-data', compareWithModel(model, server, L))
    if (serverProblem) return serverProblem

    // Every device, in memory and in IndexedDB, is the server's copy; nothing deleted is back on any of them.
    const devices: string[] = []
    for (const slot of this.slots) {
      const stored = (await slot.device.stored()) ?? emptyData()
      for (const [where, data] of [
        ['memory', slot.device.state],
        ['IndexedDB', stored]
      ] as const) {
        for (const id of [
          ...Object.keys(data.spaces),
          ...Object.keys(data.groups),
          ...Object.keys(data.bookmarks)
        ])
          if (model.gone.has(id)) devices.push(`${slot.name} (${where}) shows ${L(id)}, which was deleted`)
      }
      devices.push(...compareStates(`${slot.name} (memory)`, slot.device.state, server, L))
      devices.push(...compareStates(`${slot.name} (IndexedDB)`, stored, server, L))
    }
    return fail('device-differs', devices)
  }
}

const emptyData = (): DataState => ({ spaces: {}, groups: {}, bookmarks: {} })
