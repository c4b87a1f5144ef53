// The model test's histories: plain, JSON-able steps made from a seed by a small PRNG. A step names its
// targets by number, not by id, and is resolved against the device's data when it runs, so that any part of a
// history (what shrinking tries) is still a history that runs.
import type { EntityName } from '../../extension/src/store/types.ts'

export const DEVICES = ['A', 'B', 'C'] as const

/** How one sync goes wrong: the answer never comes back, the push is sent twice, or the page dies mid-request. */
export type SyncFault = 'none' | 'lose-answer' | 'duplicate' | 'duplicate-concurrent' | 'kill'

/** `pick` and friends are raw random numbers; the runner takes them modulo what there is to choose from. */
export type Step =
  | { op: 'create'; device: number; entity: EntityName; pick: number }
  | { op: 'update'; device: number; entity: EntityName; pick: number; variant: number }
  | { op: 'archive' | 'unarchive'; device: number; entity: EntityName; pick: number }
  | {
      op: 'move'
      device: number
      entity: 'group' | 'bookmark'
      pick: number
      to: number
      index: number | null
    }
  | { op: 'reorder'; device: number; entity: EntityName; pick: number; shuffle: number }
  | { op: 'delete'; device: number; entity: EntityName; pick: number }
  | { op: 'undo'; device: number }
  | { op: 'sync'; device: number; fault: SyncFault; at: number }
  | { op: 'sync-all' }
  /** Two devices (`device` and the next) move different bookmarks of one group, then both sync at once. */
  | { op: 'concurrent-moves'; device: number; pick: number }
  | { op: 'offline' | 'online'; device: number }
  | { op: 'restart-worker' | 'restart-database'; device: number }

export type HistoryOptions = {
  seed: number
  steps: number
  /** Worker restarts in the history: each costs seconds, so the default run has few. */
  workerRestarts: number
  databaseRestarts: number
}

/** sfc32: small, fast and good enough; seeded from one 32-bit number. */
export function prng(seed: number): () => number {
  let a = 0x9e3779b9
  let b = 0x243f6a88
  let c = 0xb7e15162
  let d = seed >>> 0
  const next = () => {
    a >>>= 0
    b >>>= 0
    c >>>= 0
    d >>>= 0
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }
  for (let i = 0; i < 12; i++) next()
  return next
}

type Random = { int: (n: number) => number; chance: (p: number) => boolean }

const randomOf = (next: () => number): Random => ({
  int: (n) => Math.floor(next() * n),
  chance: (p) => next() < p
})

/** One entry per kind of step; the weights set the mix (local changes batch up between syncs). */
const weighted: [number, (r: Random) => Step][] = [
  [30, (r) => ({ op: 'create', device: r.int(3), entity: 'space', pick: r.int(1e6) })],
  [60, (r) => ({ op: 'create', device: r.int(3), entity: 'group', pick: r.int(1e6) })],
  [140, (r) => ({ op: 'create', device: r.int(3), entity: 'bookmark', pick: r.int(1e6) })],
  [20, (r) => ({ op: 'update', device: r.int(3), entity: 'space', pick: r.int(1e6), variant: r.int(1e6) })],
  [25, (r) => ({ op: 'update', device: r.int(3), entity: 'group', pick: r.int(1e6), variant: r.int(1e6) })],
  [
    45,
    (r) => ({ op: 'update', device: r.int(3), entity: 'bookmark', pick: r.int(1e6), variant: r.int(1e6) })
  ],
  [25, (r) => ({ op: 'archive', device: r.int(3), entity: kindOf(r), pick: r.int(1e6) })],
  [20, (r) => ({ op: 'unarchive', device: r.int(3), entity: kindOf(r), pick: r.int(1e6) })],
  [50, (r) => move(r, 'bookmark')],
  [25, (r) => move(r, 'group')],
  [
    45,
    (r) => ({ op: 'reorder', device: r.int(3), entity: kindOf(r), pick: r.int(1e6), shuffle: r.int(1e6) })
  ],
  [30, (r) => ({ op: 'delete', device: r.int(3), entity: 'bookmark', pick: r.int(1e6) })],
  [14, (r) => ({ op: 'delete', device: r.int(3), entity: 'group', pick: r.int(1e6) })],
  [6, (r) => ({ op: 'delete', device: r.int(3), entity: 'space', pick: r.int(1e6) })],
  [15, (r) => ({ op: 'undo', device: r.int(3) })],
  [28, (r) => ({ op: 'sync', device: r.int(3), fault: 'none', at: 0 })],
  [8, () => ({ op: 'sync-all' })],
  [24, (r) => ({ op: 'concurrent-moves', device: r.int(3), pick: r.int(1e6) })],
  [8, (r) => ({ op: 'sync', device: r.int(3), fault: 'lose-answer', at: 0 })],
  [5, (r) => ({ op: 'sync', device: r.int(3), fault: 'duplicate', at: 0 })],
  [5, (r) => ({ op: 'sync', device: r.int(3), fault: 'duplicate-concurrent', at: 0 })],
  [7, (r) => ({ op: 'sync', device: r.int(3), fault: 'kill', at: 1 + r.int(3) })],
  [18, (r) => ({ op: 'offline', device: r.int(3) })],
  [50, (r) => ({ op: 'online', device: r.int(3) })]
]
const totalWeight = weighted.reduce((sum, [w]) => sum + w, 0)

function kindOf(r: Random): EntityName {
  const x = r.int(10)
  return x < 2 ? 'space' : x < 5 ? 'group' : 'bookmark'
}

function move(r: Random, entity: 'group' | 'bookmark'): Step {
  return {
    op: 'move',
    device: r.int(3),
    entity,
    pick: r.int(1e6),
    to: r.int(1e6),
    index: r.chance(0.5) ? null : r.int(6)
  }
}

/** The history of one seed: `steps` random steps, with the restarts at random places among them. */
export function generateHistory(options: HistoryOptions): Step[] {
  const r = randomOf(prng(options.seed))
  const steps: Step[] = []
  for (let i = 0; i < options.steps; i++) {
    let x = r.int(totalWeight)
    for (const [weight, make] of weighted) {
      x -= weight
      if (x >= 0) continue
      steps.push(make(r))
      break
    }
  }
  const restarts = [
    ...Array.from({ length: options.workerRestarts }, () => 'restart-worker' as const),
    ...Array.from({ length: options.databaseRestarts }, () => 'restart-database' as const)
  ]
  for (const op of restarts) {
    // Not in the first tenth: there should be something to lose when the server goes away.
    const at =
      Math.floor(steps.length / 10) + r.int(Math.max(1, steps.length - Math.floor(steps.length / 10)))
    steps.splice(at, 0, { op, device: r.int(3) })
  }
  return steps
}

/** Whether a step talks to the servers (the rest are local changes, or the network going on or off). */
export const isFault = (step: Step): boolean =>
  (step.op === 'sync' && step.fault !== 'none') ||
  step.op === 'offline' ||
  step.op === 'restart-worker' ||
  step.op === 'restart-database'
