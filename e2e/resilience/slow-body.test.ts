// Bodies that arrive slowly, in chunks over seconds, through a real `wrangler dev`: they complete or fail
// cleanly (413 in the error shape for one that grows too big), never a 5xx, and a client that gives up
// half-way leaves the Worker serving.
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sleep } from '../../scripts/lib/wrangler-dev.ts'
import { type ResilienceStack, startResilienceStack } from './lib/stack.ts'

let stack: ResilienceStack
const user = 'user_resilience_slow'

beforeAll(async () => {
  stack = await startResilienceStack('slow')
})

afterAll(async () => {
  await stack?.stop()
})

type SlowAnswer = { status: number; body: string; failure?: string }

/**
 * Sends `chunks` one by one, `gapMs` apart, chunked (no Content-Length). With `abortAfter`, the client
 * destroys its socket after that many chunks. Resolves with the answer, or with the failure if none came.
 */
function slowPost(path: string, token: string, chunks: string[], gapMs: number, abortAfter?: number) {
  return new Promise<SlowAnswer>((resolve) => {
    const url = new URL(path, stack.url)
    let settled = false
    const settle = (answer: SlowAnswer) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(answer)
    }
    const req = request(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
    })
    const timer = setTimeout(() => {
      req.destroy()
      settle({ status: 0, body: '', failure: 'hung' })
    }, 30_000)
    req.on('response', (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (part: string) => {
        body += part
      })
      res.on('end', () => settle({ status: res.statusCode ?? 0, body }))
      res.on('error', (error) => settle({ status: res.statusCode ?? 0, body, failure: String(error) }))
    })
    req.on('error', (error) => settle({ status: 0, body: '', failure: String(error) }))
    void (async () => {
      for (const [i, chunk] of chunks.entries()) {
        if (settled || req.destroyed) return
        if (abortAfter !== undefined && i === abortAfter) {
          req.destroy()
          settle({ status: 0, body: '', failure: 'aborted by the client' })
          return
        }
        req.write(chunk)
        await sleep(gapMs)
      }
      req.end()
    })()
  })
}

/** Splits a string into `parts` pieces of about equal length. */
function split(text: string, parts: number): string[] {
  const size = Math.ceil(text.length / parts)
  return Array.from({ length: parts }, (_, i) => text.slice(i * size, (i + 1) * size))
}

describe('slow request bodies', () => {
  it('completes a JSON body sent in 8 chunks over ~3 s', async () => {
    const token = await stack.tokenFor(user)
    const body = JSON.stringify({ id: 'space_slow', name: 'Slowly but surely', icon: '🐢' })
    const answer = await slowPost('/v1/spaces', token, split(body, 8), 400)
    expect(answer.status, answer.failure ?? answer.body).toBe(201)
    expect(JSON.parse(answer.body)).toMatchObject({ id: 'space_slow', name: 'Slowly but surely' })
  })

  it('completes a 1 MB bulk import trickled in 10 chunks', async () => {
    const token = await stack.tokenFor(user)
    const group = await stack.call('POST', '/v1/groups', user, {
      id: 'group_slow',
      spaceId: 'space_slow',
      name: 'Slow'
    })
    expect(group.status).toBe(201)
    const body = JSON.stringify({
      bookmarks: Array.from({ length: 2000 }, (_, i) => ({
        id: `bookmark_slow_${i}`,
        groupId: 'group_slow',
        title: `Slow ${i} ${'x'.repeat(300)}`,
        url: `https://example.com/${i}`
      }))
    })
    expect(body.length).toBeGreaterThan(700_000)
    const answer = await slowPost('/v1/bookmarks/bulk', token, split(body, 10), 250)
    expect(answer.status, answer.failure ?? answer.body.slice(0, 300)).toBe(201)
    const [row] = await stack.sql()`select count(*)::int as n from bookmarks where group_id = 'group_slow'`
    expect(row?.n).toBe(2000)
  })

  it('answers 413 in the error shape for a slow body that grows past 64 KB, never a 5xx', async () => {
    const token = await stack.tokenFor(user)
    const chunk = 'x'.repeat(16 * 1024)
    const chunks = ['{"name":"', ...Array.from({ length: 8 }, () => chunk), '"}']
    const answer = await slowPost('/v1/spaces', token, chunks, 250)
    // The Worker may answer before the client has finished sending; then the client's socket may be cut.
    if (answer.status === 0) {
      expect(answer.failure).toMatch(/ECONNRESET|EPIPE|socket hang up/)
    } else {
      expect(answer.status).toBe(413)
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'payload_too_large' } })
    }
    const [row] = await stack.sql()`select count(*)::int as n from spaces where user_id = ${user}`
    expect(row?.n).toBe(1)
  })

  it('keeps serving after clients give up half-way through their bodies', async () => {
    const token = await stack.tokenFor(user)
    const body = JSON.stringify({ id: 'space_abandoned', name: 'Never finished' })
    const abandoned = await Promise.all(
      Array.from({ length: 5 }, () => slowPost('/v1/spaces', token, split(body, 6), 200, 3))
    )
    expect(abandoned.every((a) => a.status === 0 || a.status < 500)).toBe(true)
    const list = await stack.call('GET', '/v1/spaces', user)
    expect(list.status).toBe(200)
    expect((list.body as { items: { id: string }[] }).items.map((s) => s.id)).toEqual(['space_slow'])
    expect(stack.worker.child.exitCode).toBeNull()
  })
})
