// Model-based test of sync (issue 14): three devices of one user make random changes through the product's own
// actions while a nemesis loses push answers, sends pushes twice, takes devices offline, kills them mid-request
// and restarts the Worker and the database. After healing, every device equals the server, every acknowledged
// write is there, nothing is duplicated or back from the dead, and each refusal is one the rules call for.
// A failure prints its seed and the shortest failing history found. Size: MODEL_STEPS, MODEL_SEEDS (see
// scripts/test-model.ts); MODEL_SEED fixes the first seed, MODEL_REPLAY runs one printed history again.
import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { generateHistory, type HistoryOptions, isFault, type Step } from './history.ts'
import { shrinkHistory } from './shrink.ts'
import { type ModelStack, startModelStack } from './stack.ts'
import { type RunReport, World } from './world.ts'

const numberFrom = (name: string, fallback: number) => {
  const value = Number(process.env[name])
  return Number.isFinite(value) && process.env[name] !== '' && process.env[name] !== undefined
    ? value
    : fallback
}
const STEPS = numberFrom('MODEL_STEPS', 200)
const SEEDS = numberFrom('MODEL_SEEDS', 5)
const FIRST_SEED = numberFrom('MODEL_SEED', Math.floor(Math.random() * 2 ** 31))
const SHRINK_MS = numberFrom('MODEL_SHRINK_SECONDS', 120) * 1000
const REPLAY = process.env.MODEL_REPLAY

/**
 * A Worker restart costs seconds: the default run (≤ 200 steps) restarts it in its first history only; longer
 * histories once per 500 steps. A database restart is cheap: one per 200 steps, at least one.
 */
function optionsFor(index: number): HistoryOptions {
  const seed = (FIRST_SEED + index * 0x9e3779b9) >>> 0
  return {
    seed,
    steps: STEPS,
    workerRestarts: numberFrom(
      'MODEL_WORKER_RESTARTS',
      STEPS > 200 ? Math.ceil(STEPS / 500) : index === 0 ? 1 : 0
    ),
    databaseRestarts: numberFrom('MODEL_DB_RESTARTS', Math.max(1, Math.round(STEPS / 200)))
  }
}

// Each browser profile has its own Web Locks; Node has none, and the engine's stand-in queue is one per process,
// which would make the three devices take turns. Every lock is granted at once instead: each engine still runs
// one cycle at a time, and a killed device's cycle has ended before its reloaded page starts one.
Object.defineProperty(globalThis.navigator, 'locks', {
  configurable: true,
  value: {
    request: (_name: string, ...rest: unknown[]) => (rest.at(-1) as () => Promise<unknown>)()
  }
})

let stack: ModelStack
const started = Date.now()
const totals = {
  histories: 0,
  steps: 0,
  mutations: 0,
  rejected: 0,
  faults: 0,
  workerRestarts: 0,
  databaseRestarts: 0,
  concurrentMoves: 0
}

beforeAll(async () => {
  stack = await startModelStack()
})

afterAll(async () => {
  await stack?.stop()
  console.log(
    `sync model: ${totals.histories} histories, ${totals.steps} steps, ${totals.mutations} mutations ` +
      `(${totals.rejected} refused by the rules), ${totals.faults} faults injected ` +
      `(${totals.workerRestarts} Worker and ${totals.databaseRestarts} database restarts), ` +
      `${totals.concurrentMoves} concurrent moves of two devices, ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s`
  )
})

const run = (label: string, steps: Step[]): Promise<RunReport> => new World(stack, label).run(steps)

/** Runs a history; on failure shrinks it and throws with the seed, the problem and the shortest history. */
async function check(label: string, steps: Step[], repro: string): Promise<void> {
  const t0 = Date.now()
  const report = await run(label, steps)
  const f = report.faults
  const faults =
    f.lostAnswers + f.duplicatedPushes + f.kills + f.offline + f.workerRestarts + f.databaseRestarts
  totals.histories += 1
  totals.steps += steps.length
  totals.mutations += report.mutations
  totals.rejected += report.rejected
  totals.faults += faults
  totals.workerRestarts += f.workerRestarts
  totals.databaseRestarts += f.databaseRestarts
  totals.concurrentMoves += f.concurrentMoves
  console.log(
    `${label}: ${steps.length} steps, ${report.mutations} mutations, ${report.rejected} refused, faults ${JSON.stringify(f)}, ` +
      `${((Date.now() - t0) / 1000).toFixed(1)} s${report.problem ? ` — FAILED (${report.problem.kind})` : ''}`
  )
  if (process.env.MODEL_VERBOSE) {
    const ms = Object.entries(report.timings).map(([op, t]) => `${op} ${Math.round(t)}`)
    console.log(`${report.log.join('\n')}\nms by step: ${ms.join(', ')}`)
  }
  const problem = report.problem
  if (!problem) return
  console.log(`${label}: shrinking the failing history (at most ${SHRINK_MS / 1000} s)…`)

  // A step that did nothing changes nothing when it goes: those go first, without a run.
  const withoutNoops = (list: Step[], noops: number[]) => list.filter((_, i) => !noops.includes(i))
  let tries = 0
  const shrunk = await shrinkHistory(
    withoutNoops(steps, report.noops),
    async (candidate) => {
      tries += 1
      const again = await run(`${label}-shrink${tries}`, candidate)
      return again.problem?.kind === problem.kind ? withoutNoops(candidate, again.noops) : undefined
    },
    SHRINK_MS
  )
  // Once more, for the log of exactly this history (and to see that it fails again).
  const last = await run(`${label}-shortest`, shrunk.steps)
  throw new Error(
    [
      `The sync model failed: ${label} (${repro}).`,
      `Problem (${problem.kind}):`,
      ...problem.lines.map((line) => `  ${line}`),
      '',
      `Shortest failing history: ${shrunk.steps.length} of ${steps.length} steps, after ${shrunk.runs} shrinking runs` +
        `${shrunk.complete ? ' (no single step can be removed)' : ' (the shrinking time ran out)'}; ` +
        (last.problem
          ? `it fails with (${last.problem.kind}): ${last.problem.lines.slice(0, 3).join(' | ')}`
          : 'it passed when run once more (a race?)'),
      ...last.log,
      '',
      `Run it again: MODEL_REPLAY='${JSON.stringify(shrunk.steps)}' npx vitest run --project e2e-model`,
      `(${shrunk.steps.filter(isFault).length} of its steps are faults)`
    ].join('\n')
  )
}

describe('sync model: three devices of one user against a real Worker and PostgreSQL, with a nemesis', () => {
  if (REPLAY) {
    it('replays the given history', async () => {
      await check('replay', JSON.parse(REPLAY) as Step[], 'MODEL_REPLAY')
    })
    return
  }
  for (let i = 0; i < SEEDS; i++) {
    const options = optionsFor(i)
    it(`history ${i + 1}/${SEEDS} (seed ${options.seed}, ${STEPS} steps) converges with nothing lost, doubled or revived`, async () => {
      const repro =
        `MODEL_SEED=${options.seed} MODEL_SEEDS=1 MODEL_STEPS=${options.steps} ` +
        `MODEL_WORKER_RESTARTS=${options.workerRestarts} MODEL_DB_RESTARTS=${options.databaseRestarts} npx vitest run --project e2e-model`
      await check(`seed ${options.seed}`, generateHistory(options), repro)
    })
  }
})
