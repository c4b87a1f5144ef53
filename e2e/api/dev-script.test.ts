// `npm run dev` as a user runs it (node scripts/dev.ts), on a temporary data folder and free ports:
// /health is 200 through Hyperdrive, a token from `npm run token` is accepted, Ctrl-C (SIGINT to the
// foreground process group) stops every process it started, and a second run keeps the data.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../../scripts/lib/embedded-db.ts'
import { groupAlive, repoRoot, signalGroup, sleep } from '../../scripts/lib/wrangler-dev.ts'

let temp: string
let env: NodeJS.ProcessEnv
let api: string
const running: ChildProcess[] = []

type DevRun = { child: ChildProcess; output: () => string }

function startDev(): Promise<DevRun> {
  const child = spawn(process.execPath, [join(repoRoot, 'scripts', 'dev.ts')], {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  running.push(child)
  let output = ''
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('Ctrl-C stops everything')) {
        clearInterval(timer)
        resolve({ child, output: () => output })
      } else if (child.exitCode !== null) {
        clearInterval(timer)
        reject(new Error(`npm run dev exited (${child.exitCode}):\n${output}`))
      }
    }, 100)
  })
}

/** Every live descendant of pid, from /proc (Linux). */
function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(name)])
    } catch {
      // Exited while we looked.
    }
  }
  const found: number[] = []
  const walk = (parent: number) => {
    for (const child of parents.get(parent) ?? []) {
      found.push(child)
      walk(child)
    }
  }
  walk(pid)
  return found
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ')
  } catch {
    return false
  }
}

/** Like Ctrl-C in a terminal: SIGINT to the whole foreground process group. */
async function pressCtrlC(run: DevRun): Promise<{ code: number | null; leftovers: number[] }> {
  const pid = run.child.pid as number
  const tree = descendants(pid)
  const exited = new Promise<number | null>((resolve) => run.child.once('exit', (code) => resolve(code)))
  signalGroup(pid, 'SIGINT')
  const code = await Promise.race([exited, sleep(20_000).then(() => -1)])
  // The children exit on their own signal a moment after the parent; whatever is left after 5 s is a leak.
  const deadline = Date.now() + 5000
  while (tree.some(alive) && Date.now() < deadline) await sleep(20)
  return { code, leftovers: tree.filter(alive) }
}

async function createSpace(token: string, name: string) {
  return fetch(`${api}/v1/spaces`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name })
  })
}

beforeAll(async () => {
  temp = mkdtempSync(join(tmpdir(), 'bookmarks-e2e-dev-'))
  chmodSync(temp, 0o755)
  const port = await freePort()
  api = `http://127.0.0.1:${port}`
  env = {
    ...process.env,
    BOOKMARKS_DATA_DIR: temp,
    BOOKMARKS_DEV_VARS: join(temp, 'no.dev.vars'),
    BOOKMARKS_DEV_EXTENSION: '0',
    PORT: String(port),
    DEV_DB_PORT: String(await freePort())
  }
  for (const name of ['DATABASE_URL', 'CLERK_JWT_KEY', 'CLERK_SECRET_KEY', 'ALLOWED_ORIGINS'])
    delete env[name]
})

afterAll(async () => {
  for (const child of running) {
    if (child.pid && groupAlive(child.pid)) signalGroup(child.pid, 'SIGINT')
  }
  const deadline = Date.now() + 10_000
  while (running.some((child) => child.pid && groupAlive(child.pid)) && Date.now() < deadline) await sleep(20)
  if (temp) rmSync(temp, { recursive: true, force: true })
})

describe('npm run dev', () => {
  const user = `user_dev_${crypto.randomUUID().slice(0, 8)}`
  let token = ''

  it('starts the database and the Worker, /health is 200, a dev token works, Ctrl-C stops everything', async () => {
    const started = Date.now()
    const run = await startDev()
    expect(Date.now() - started).toBeLessThan(60_000)
    expect(run.output()).toContain(`API            ${api}`)
    expect(run.output()).toContain(join(temp, 'postgres'))

    const health = await fetch(`${api}/health`)
    expect(await health.json()).toEqual({ status: 'ok', db: 'ok' })

    const minted = spawnSync('npm', ['run', '--silent', 'token', '--', user], {
      cwd: repoRoot,
      env,
      encoding: 'utf8'
    })
    expect(minted.status, minted.stderr).toBe(0)
    token = minted.stdout.trim()
    expect(token.split('.')).toHaveLength(3)
    const created = await createSpace(token, 'Kept across runs')
    expect(created.status, await created.clone().text()).toBe(201)

    const stopped = await pressCtrlC(run)
    expect(stopped.code, run.output()).toBe(0)
    expect(stopped.leftovers).toEqual([])
    expect(existsSync(join(temp, 'postgres', 'postmaster.pid'))).toBe(false)
    expect(run.output()).toContain('[dev] stopped')
  })

  it('a second run keeps the data', async () => {
    const run = await startDev()
    const res = await fetch(`${api}/v1/spaces`, { headers: { authorization: `Bearer ${token}` } })
    expect(res.status).toBe(200)
    const spaces = ((await res.json()) as { items: { name: string }[] }).items
    expect(spaces.map((s) => s.name)).toEqual(['Kept across runs'])
    const stopped = await pressCtrlC(run)
    expect(stopped.code).toBe(0)
    expect(stopped.leftovers).toEqual([])
  })
})
