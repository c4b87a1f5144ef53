// `node bench/live.ts [--changes 50]`: how soon an open new tab shows another device's change through the live
// channel. Two real Chromium profiles of one account (the development build, signed in) against a real
// `wrangler dev` on embedded PostgreSQL, both new tabs open on the same group. Device A adds a bookmark through its
// page; the clock starts when A's push is answered (the network timing of A's POST /v1/sync/push, i.e. the write is
// acknowledged) and stops at the animation frame in which B's page first has the new tile (a MutationObserver in B,
// then requestAnimationFrame: the frame that paints it). Baselines from the same run: one GET /health and one empty
// GET /v1/sync/pull (the request B's engine makes when poked) from Node. Targets (issue 18): p50 ≤ 1 s, p95 ≤ 2 s.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page, Request } from 'playwright-core'
import { buildDevExtension, withDevToken } from '../e2e/lib/build-extension.ts'
import { type ExtensionBrowser, launchExtension } from '../e2e/lib/extension.ts'
import { addBookmark, tiles } from '../e2e/lib/pages.ts'
import { startSyncServer } from '../e2e/sync/server.ts'
import { buildDocsAssets } from '../scripts/build-docs-assets.ts'
import { EXTENSION_ORIGIN } from '../scripts/lib/dev-env.ts'

const TARGETS = { p50Ms: 1000, p95Ms: 2000 }
const argument = (name: string) => {
  const index = process.argv.indexOf(name)
  return index > 0 ? process.argv[index + 1] : undefined
}
const CHANGES = Number(argument('--changes') ?? 50)

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
}

/** Until `check` holds, or fails after `ms`. */
async function until(check: () => Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

async function signedInTab(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.newTab()
  await page.getByRole('button', { name: 'User menu' }).click()
  await page.getByRole('menuitem', { name: 'Sign in' }).click()
  await until(async () => (await page.locator('.sync-status').textContent()) === 'Synced', 'sign-in')
  return page
}

/** In B's page: records, per tile title, the epoch ms of the frame in which it first appeared. */
function watchTiles(page: Page) {
  return page.evaluate(() => {
    const seen: Record<string, number> = {}
    const shown = () =>
      new Set(
        Array.from(document.querySelectorAll('[data-bookmark-id] .tile-title'), (e) => e.textContent ?? '')
      )
    const before = shown()
    new MutationObserver(() => {
      for (const title of shown()) {
        if (before.has(title) || title in seen) continue
        seen[title] = 0
        requestAnimationFrame(() => {
          seen[title] = performance.timeOrigin + performance.now()
        })
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true })
    ;(globalThis as { liveSeen?: Record<string, number> }).liveSeen = seen
  })
}

const seenAt = (page: Page, title: string) =>
  page.evaluate((t) => (globalThis as { liveSeen?: Record<string, number> }).liveSeen?.[t] ?? 0, title)

/** Median wall time of `n` calls from Node. */
async function medianOf(n: number, call: () => Promise<unknown>): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const start = performance.now()
    await call()
    times.push(performance.now() - start)
  }
  return percentile(times, 50)
}

buildDocsAssets()
const temp = mkdtempSync(join(tmpdir(), 'bookmarks-bench-live-'))
const server = await startSyncServer({ allowedOrigins: [EXTENSION_ORIGIN] })
const browsers: ExtensionBrowser[] = []
try {
  const user = `user_bench_live_${Date.now()}`
  const token = await server.tokenFor(user, EXTENSION_ORIGIN)
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    })
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
    return (await res.json()) as Record<string, unknown>
  }
  const space = await api('POST', '/v1/spaces', { name: 'Live' })
  await api('POST', '/v1/groups', { spaceId: space.id, name: 'Bench' })

  const dist = withDevToken(await buildDevExtension(join(temp, 'dev'), server.url), token, join(temp, 'dist'))
  for (let i = 0; i < 2; i++) browsers.push(await launchExtension({ dist }))
  const [laptop, phone] = browsers as [ExtensionBrowser, ExtensionBrowser]
  const a = await signedInTab(laptop)
  const b = await signedInTab(phone)
  await watchTiles(b)

  const acks = new Map<string, number>()
  laptop.context.on('requestfinished', (request: Request) => {
    if (!request.url().endsWith('/v1/sync/push')) return
    const timing = request.timing()
    const end = timing.startTime + timing.responseEnd
    for (const m of (request.postDataJSON() as { mutations: { data: { title?: string } }[] }).mutations)
      if (m.data.title) acks.set(m.data.title, end)
  })

  const latencies: number[] = []
  for (let i = 0; i < CHANGES; i++) {
    const title = `Live ${i}`
    await addBookmark(a, `https://example.com/live/${i}`, title)
    await until(async () => acks.has(title) && (await seenAt(b, title)) > 0, `${title} on device B`)
    latencies.push((await seenAt(b, title)) - (acks.get(title) ?? Number.NaN))
  }
  const shownOnB = (await tiles(b).allTextContents()).length

  const pullCursor = (await api('GET', '/v1/sync/pull?limit=5000')).cursor as string
  const health = await medianOf(20, () => fetch(`${server.url}/health`).then((r) => r.text()))
  const emptyPull = await medianOf(20, () =>
    api('GET', `/v1/sync/pull?cursor=${encodeURIComponent(pullCursor)}&limit=5000`)
  )

  const p50 = percentile(latencies, 50)
  const p95 = percentile(latencies, 95)
  const ms = (v: number) => `${v.toFixed(0)} ms`
  const verdict = (v: number, target: number) => (v <= target ? 'OK' : 'OVER')
  console.log(
    `live channel: ${CHANGES} changes, write acknowledged on device A → visible on device B's open new tab`
  )
  console.log(`| figure | ms | × GET /health | × empty pull | target |`)
  console.log(`| --- | ---: | ---: | ---: | --- |`)
  const row = (name: string, v: number, target?: number) =>
    console.log(
      `| ${name} | ${v.toFixed(0)} | ${(v / health).toFixed(1)}× | ${(v / emptyPull).toFixed(1)}× | ${
        target ? `≤ ${target} ms ${verdict(v, target)}` : '—'
      } |`
    )
  row('p50', p50, TARGETS.p50Ms)
  row('p95', p95, TARGETS.p95Ms)
  row('max', Math.max(...latencies))
  row('baseline: GET /health (Node)', health)
  row('baseline: empty GET /v1/sync/pull (Node)', emptyPull)
  console.log(
    `B shows ${shownOnB} tiles; without the live channel an open tab waits for the engine's poll (up to ${ms(60_000)}).`
  )
} finally {
  for (const browser of browsers) await browser.close().catch(() => undefined)
  await server.stop()
  rmSync(temp, { recursive: true, force: true })
}
