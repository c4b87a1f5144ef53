// GET /v1/live through the real Worker and its Durable Object in workerd: the upgrade is authenticated like every
// /v1 request, and a committed write of the user pokes their open sockets (and nobody else's).
import { exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import {
  LIVE_CLOSE,
  LIVE_PING,
  LIVE_PONG,
  LIVE_PROTOCOL,
  liveProtocols,
  POKE_MESSAGE
} from '../../model/live'
import { seedGroup } from '../routes/sync/test-client'
import { api, type ErrorResponse, makeSpace, tokenFor, uniqueUser } from '../test/helpers'

const upgrade = (protocols?: string[], extra: Record<string, string> = {}) =>
  exports.default.fetch('http://api.test/v1/live', {
    headers: {
      Upgrade: 'websocket',
      ...(protocols ? { 'Sec-WebSocket-Protocol': protocols.join(', ') } : {}),
      ...extra
    }
  })

/** An open socket for `user`, with every message it receives, and a way to wait for the next event. */
async function open(token: string) {
  const res = await upgrade(liveProtocols(token))
  expect(res.status).toBe(101)
  expect(res.headers.get('sec-websocket-protocol')).toBe(LIVE_PROTOCOL)
  const ws = res.webSocket
  if (!ws) throw new Error('no webSocket on the 101')
  ws.accept()
  const messages: string[] = []
  const closed = new Promise<number>((resolve) => ws.addEventListener('close', (e) => resolve(e.code)))
  ws.addEventListener('message', (e) => {
    messages.push(String(e.data))
  })
  return { ws, messages, closed }
}

describe('GET /v1/live', () => {
  it('answers 401 in the error shape, not an upgrade, without a token or with a bad one', async () => {
    for (const protocols of [
      undefined,
      [LIVE_PROTOCOL],
      liveProtocols('not.a.token'),
      liveProtocols(await tokenFor(uniqueUser(), { expiresIn: -60 })),
      liveProtocols(await tokenFor(uniqueUser(), { azp: 'https://elsewhere.example' }))
    ]) {
      const res = await upgrade(protocols)
      expect(res.status).toBe(401)
      expect(res.webSocket).toBeNull()
      const body = (await res.json()) as ErrorResponse
      expect(body.error.code).toBe('unauthorized')
    }
  })

  it('answers 426 to a request that is no WebSocket upgrade', async () => {
    const res = await exports.default.fetch('http://api.test/v1/live', {
      headers: { authorization: `Bearer ${await tokenFor(uniqueUser())}` }
    })
    expect(res.status).toBe(426)
    expect(((await res.json()) as ErrorResponse).error.code).toBe('upgrade_required')
  })

  it('upgrades with a valid token and pokes the user after a write, not another user', async () => {
    const user = uniqueUser('live')
    const mine = await open(await tokenFor(user))
    const theirs = await open(await tokenFor(uniqueUser('other')))
    // Keep-alives are answered (by the runtime, without waking the object).
    mine.ws.send(LIVE_PING)
    await expect.poll(() => mine.messages).toEqual([LIVE_PONG])

    await makeSpace(user)
    await expect.poll(() => mine.messages).toEqual([LIVE_PONG, POKE_MESSAGE])
    // A read is no write: no poke.
    await exports.default.fetch('http://api.test/v1/spaces', {
      headers: { authorization: `Bearer ${await tokenFor(user)}` }
    })
    mine.ws.send(LIVE_PING)
    await expect.poll(() => mine.messages).toEqual([LIVE_PONG, POKE_MESSAGE, LIVE_PONG])
    expect(theirs.messages).toEqual([])
    mine.ws.close(1000, 'done')
    theirs.ws.close(1000, 'done')
  })

  it('pokes after a sync push too, and not after a write that failed', async () => {
    const user = uniqueUser('push')
    const socket = await open(await tokenFor(user))
    // A 404 and a 400 change nothing. Their pokes, if they sent any, would leave before the push's.
    expect((await api('PATCH', '/v1/spaces/space_missing', { user, body: { name: 'X' } })).status).toBe(404)
    expect((await api('POST', '/v1/spaces', { user, body: { name: '' } })).status).toBe(400)
    const { res } = await seedGroup(user, 2)
    expect(res.status).toBe(200)
    await expect.poll(() => socket.messages).toContain(POKE_MESSAGE)
    socket.ws.send(LIVE_PING)
    await expect.poll(() => socket.messages).toContain(LIVE_PONG)
    expect(socket.messages).toEqual([POKE_MESSAGE, LIVE_PONG])
    socket.ws.close(1000, 'done')
  })

  it('closes the socket with the token-expired code once its token expires', async () => {
    const user = uniqueUser('expiry')
    // Clerk's verification allows 5 s of clock skew, so a token 2 s from expiry still opens a socket.
    const { closed } = await open(await tokenFor(user, { expiresIn: Math.floor(Date.now() / 1000) + 2 }))
    expect(await closed).toBe(LIVE_CLOSE.tokenExpired)
  })
})
