// Starts `wrangler dev` as a detached process group, waits for /health, and stops the whole group.
// Shared by `npm run dev` and the end-to-end tests, so both run the Worker the same way.
import { type ChildProcess, spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

/** Keeps wrangler offline: no metrics, no error reports, no cf fetch, no banner. */
export const WRANGLER_OFFLINE_ENV = {
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true'
} as const

/** The variable wrangler reads to override the Hyperdrive binding's localConnectionString. */
export const HYPERDRIVE_LOCAL_ENV = 'CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE'

const wranglerBin = fileURLToPath(new URL('../../node_modules/wrangler/bin/wrangler.js', import.meta.url))

export type WranglerDevOptions = {
  port: number
  /** Reached through the HYPERDRIVE binding, as in production. */
  databaseUrl: string
  /** A dotenv file with the Worker's secrets; when given, wrangler does not read .dev.vars. */
  envFile?: string
  /** `--var` overrides, e.g. ALLOWED_ORIGINS. */
  vars?: Record<string, string>
  /** Where wrangler keeps local state; defaults to .wrangler/state. */
  persistTo?: string
  inspectorPort?: number
  /** 'inherit' shows wrangler's output (dev); 'pipe' keeps it for error messages (tests). */
  output?: 'inherit' | 'pipe'
  startTimeoutMs?: number
}

export type WranglerDev = {
  url: string
  pid: number
  child: ChildProcess
  /** Whatever wrangler printed, when output is 'pipe'. */
  logs: () => string
  stop: () => Promise<void>
}

export async function startWranglerDev(options: WranglerDevOptions): Promise<WranglerDev> {
  const args = [wranglerBin, 'dev', '--ip', '127.0.0.1', '--port', String(options.port)]
  args.push('--show-interactive-dev-session=false')
  if (options.envFile) args.push('--env-file', options.envFile)
  for (const [key, value] of Object.entries(options.vars ?? {})) args.push('--var', `${key}:${value}`)
  if (options.persistTo) args.push('--persist-to', options.persistTo)
  if (options.inspectorPort) args.push('--inspector-port', String(options.inspectorPort))

  const output = options.output ?? 'pipe'
  // process.execPath: the Node 22 that runs this script (wrangler needs >= 22.12; the machine's may be 20).
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    detached: true,
    stdio: output === 'inherit' ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...WRANGLER_OFFLINE_ENV, [HYPERDRIVE_LOCAL_ENV]: options.databaseUrl }
  })
  let logs = ''
  child.stdout?.on('data', (chunk) => {
    logs += chunk
  })
  child.stderr?.on('data', (chunk) => {
    logs += chunk
  })
  const pid = child.pid
  if (pid === undefined) throw new Error('wrangler dev did not start')
  const url = `http://127.0.0.1:${options.port}`
  const dev: WranglerDev = { url, pid, child, logs: () => logs, stop: () => stopProcessGroup(child) }

  try {
    await waitForHealth(url, child, options.startTimeoutMs ?? 60_000)
  } catch (error) {
    await dev.stop()
    throw new Error(`${(error as Error).message}\n${logs.slice(-4000)}`)
  }
  return dev
}

/** Polls GET /health until the Worker answers at all (200 or 503); returns the status. */
export async function waitForHealth(url: string, child?: ChildProcess, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`wrangler dev exited with code ${child.exitCode}`)
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(10_000) })
      await res.body?.cancel()
      return res.status
    } catch {
      await sleep(200)
    }
  }
  throw new Error(`${url}/health did not answer within ${timeoutMs} ms`)
}

/** True while any process of the group is alive. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0)
  } catch {
    return false
  }
  // kill(0) reaches zombies too: processes that have exited and wait to be collected, here by an init that
  // may take a second or more once wrangler (their parent) is gone. They hold no ports, files or memory, so
  // they count as stopped; only where /proc cannot tell (not Linux) does kill(0) decide.
  const states = groupStates(pgid)
  return states === undefined || states.some((state) => state !== 'Z')
}

/** The state letter of every process in the group, from /proc; undefined when /proc cannot be read. */
function groupStates(pgid: number): string[] | undefined {
  let entries: string[]
  try {
    entries = readdirSync('/proc')
  } catch {
    return undefined
  }
  const states: string[] = []
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses, so read after the last ')'.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(pgrp) === pgid && state) states.push(state)
    } catch {
      // Gone while we looked.
    }
  }
  return states
}

/** SIGTERM to the whole process group (wrangler and its workerd), SIGKILL after a grace period. */
export async function stopProcessGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  const pgid = child.pid
  if (pgid === undefined) return
  signalGroup(pgid, 'SIGTERM')
  const deadline = Date.now() + graceMs
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(50)
  if (groupAlive(pgid)) signalGroup(pgid, 'SIGKILL')
  while (groupAlive(pgid)) await sleep(50)
}

export function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal)
  } catch {
    // Already gone.
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
