// Swagger UI at /docs renders from the Worker itself with no internet: a real `wrangler dev` (static assets
// from worker/public), headless Chromium with every non-127.0.0.1 request aborted, then a call made from
// the page with a bearer token, the way a person tries the API.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { importPKCS8, SignJWT } from 'jose'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildDocsAssets } from '../../scripts/build-docs-assets.ts'
import { writeEnvFile } from '../../scripts/lib/dev-env.ts'
import { generateKeyPair } from '../../scripts/lib/dev-keys.ts'
import { type EmbeddedDb, embeddedDbUrl, freePort, startEmbeddedDb } from '../../scripts/lib/embedded-db.ts'
import { applyMigrations } from '../../scripts/lib/migrate.ts'
import { startWranglerDev, type WranglerDev } from '../../scripts/lib/wrangler-dev.ts'
import { launchChromium } from '../lib/extension.ts'

let temp: string
let db: EmbeddedDb
let worker: WranglerDev
let browser: Browser
let page: Page
let token: string
/** Every request the page tried to make outside 127.0.0.1 (all aborted). */
const leftLoopback: string[] = []
const failed: string[] = []

beforeAll(async () => {
  buildDocsAssets()
  temp = mkdtempSync(join(tmpdir(), 'bookmarks-e2e-docs-'))
  // PostgreSQL runs as the `postgres` user (the machines run as root) and must reach its data folder.
  chmodSync(temp, 0o755)
  const dbPort = await freePort()
  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  const keys = generateKeyPair()
  const envFile = join(temp, 'worker.env')
  writeEnvFile(envFile, { CLERK_JWT_KEY: keys.publicKeyPem, CLERK_SECRET_KEY: '', ALLOWED_ORIGINS: origin })
  // The database, the Worker (which needs only the database's address to start) and Chromium start side by
  // side; all three are up before the first test.
  const started = await Promise.allSettled([
    (async () => {
      db = await startEmbeddedDb({ dir: join(temp, 'postgres'), port: dbPort, persistent: false })
      await applyMigrations(db.url)
    })(),
    (async () => {
      worker = await startWranglerDev({
        port,
        inspectorPort: await freePort(),
        databaseUrl: embeddedDbUrl(dbPort),
        envFile,
        persistTo: join(temp, 'wrangler-state')
      })
    })(),
    (async () => {
      browser = await launchChromium()
    })()
  ])
  for (const result of started) if (result.status === 'rejected') throw result.reason
  token = await new SignJWT({ sub: 'user_docs_e2e', azp: origin })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(await importPKCS8(keys.privateKeyPem, 'RS256'))

  page = await browser.newPage()
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url())
    if (url.hostname === '127.0.0.1' || url.protocol === 'data:') return route.continue()
    leftLoopback.push(url.href)
    return route.abort('blockedbyclient')
  })
  page.on('requestfailed', (request) => failed.push(`${request.url()} ${request.failure()?.errorText}`))
  page.on('response', (res) => {
    if (res.status() >= 400) failed.push(`${res.url()} ${res.status()}`)
  })
})

afterAll(async () => {
  await browser?.close()
  await worker?.stop()
  await db?.stop()
  if (temp) rmSync(temp, { recursive: true, force: true })
})

describe('/docs in headless Chromium, offline', () => {
  it('loads Swagger UI from the Worker and lists every operation of /openapi.json', async () => {
    await page.goto(`${worker.url}/docs`)
    await page.locator('.opblock').first().waitFor({ timeout: 30_000 })
    const doc = (await (await fetch(`${worker.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>
    }
    const expected = Object.values(doc.paths).reduce((n, methods) => n + Object.keys(methods).length, 0)
    expect(expected).toBeGreaterThanOrEqual(20)
    expect(await page.locator('.opblock').count()).toBe(expected)
    expect(await page.locator('.info .title').textContent()).toContain('Bookmarks Index API')
    const summaries = await page.locator('.opblock-summary').allInnerTexts()
    const flat = summaries.map((s) => s.replace(/\s+/g, ' '))
    for (const op of [
      'GET /v1/spaces',
      'POST /v1/bookmarks/bulk',
      'PUT /v1/groups/{groupId}/bookmarks/order'
    ]) {
      const [method, path] = op.split(' ')
      expect(
        flat.some((s) => s.startsWith(`${method} ${path}`) || s.includes(`${method}${path}`)),
        op
      ).toBe(true)
    }
  })

  it('asked for nothing outside 127.0.0.1, and every asset it asked for loaded', () => {
    expect(leftLoopback).toEqual([])
    expect(failed).toEqual([])
  })

  it('lets a person authorize with a bearer token and call GET /v1/spaces from the page', async () => {
    const created = await fetch(`${worker.url}/v1/spaces`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'From the docs test' })
    })
    expect(created.status).toBe(201)

    await page.locator('button.authorize').first().click()
    await page.locator('.auth-container input').first().fill(token)
    await page.locator('.auth-btn-wrapper button.authorize').click()
    await page.locator('.auth-btn-wrapper button.btn-done').click()

    const operation = page.locator('#operations-Spaces-get_v1_spaces')
    await operation.locator('.opblock-summary').click()
    await operation.locator('button.try-out__btn').click()
    await operation.locator('button.execute').click()
    const status = operation.locator('.live-responses-table tr.response .response-col_status').first()
    await status.waitFor({ timeout: 15_000 })
    expect((await status.textContent())?.trim()).toBe('200')
    expect(await operation.locator('.live-responses-table').textContent()).toContain('From the docs test')
    expect(leftLoopback).toEqual([])
  })
})
