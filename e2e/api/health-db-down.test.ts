// GET /health through a real `wrangler dev` and its Hyperdrive binding, while the database goes down and
// comes back: 503 {"db":"unreachable"} within seconds, then 200 again without restarting the Worker.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeEnvFile } from '../../scripts/lib/dev-env.ts'
import { type EmbeddedDb, embeddedDbUrl, freePort, startEmbeddedDb } from '../../scripts/lib/embedded-db.ts'
import { sleep, startWranglerDev, type WranglerDev } from '../../scripts/lib/wrangler-dev.ts'

let temp: string
let db: EmbeddedDb
let worker: WranglerDev

async function health(): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${worker.url}/health`, { signal: AbortSignal.timeout(15_000) })
  return { status: res.status, body: await res.json() }
}

beforeAll(async () => {
  temp = mkdtempSync(join(tmpdir(), 'bookmarks-e2e-health-'))
  // PostgreSQL runs as the `postgres` user (the machines run as root) and must reach its data folder.
  chmodSync(temp, 0o755)
  const dbPort = await freePort()
  const envFile = join(temp, 'worker.env')
  writeEnvFile(envFile, { CLERK_JWT_KEY: '', CLERK_SECRET_KEY: '', ALLOWED_ORIGINS: '' })
  // The Worker needs only the database's address to start, so both start side by side.
  const started = await Promise.allSettled([
    (async () => {
      db = await startEmbeddedDb({ dir: join(temp, 'postgres'), port: dbPort, persistent: true })
    })(),
    (async () => {
      worker = await startWranglerDev({
        port: await freePort(),
        inspectorPort: await freePort(),
        databaseUrl: embeddedDbUrl(dbPort),
        envFile,
        persistTo: join(temp, 'wrangler-state')
      })
    })()
  ])
  for (const result of started) if (result.status === 'rejected') throw result.reason
})

afterAll(async () => {
  await worker?.stop()
  await db?.stop()
  if (temp) rmSync(temp, { recursive: true, force: true })
})

describe('GET /health with the database going down and up', () => {
  it('answers 200 while the database is up', async () => {
    expect(await health()).toEqual({ status: 200, body: { status: 'ok', db: 'ok' } })
  })

  it('answers 503 db unreachable within 5 s once the database stops', async () => {
    await db.stop()
    const started = Date.now()
    const res = await health()
    const elapsed = Date.now() - started
    expect(res).toEqual({ status: 503, body: { status: 'degraded', db: 'unreachable' } })
    expect(elapsed).toBeLessThan(5000)
    // And again: a dead origin must not make later probes slower (no stacked retries).
    const again = Date.now()
    expect((await health()).status).toBe(503)
    expect(Date.now() - again).toBeLessThan(5000)
  })

  it('answers 200 again once the database is back, without restarting wrangler', async () => {
    db = await startEmbeddedDb({ dir: db.dir, port: db.port, persistent: true })
    const deadline = Date.now() + 20_000
    let last = await health()
    while (last.status !== 200 && Date.now() < deadline) {
      await sleep(250)
      last = await health()
    }
    expect(last).toEqual({ status: 200, body: { status: 'ok', db: 'ok' } })
    expect(worker.child.exitCode).toBeNull()
  })
})
