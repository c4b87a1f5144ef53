// One user's live channel: a Durable Object (one per user id) that holds the user's open WebSockets through the
// Hibernation API and, when the Worker says a write committed, sends each of them a data-free poke (the client
// pulls). While no write comes it sleeps with the sockets open (billed for no duration); SQLite-backed, so it runs
// on the Workers Free plan. Each socket carries its token's expiry (attachment), and is closed once the token has
// expired, by an alarm or on the next poke, so that the client comes back with a fresh token.
import { DurableObject } from 'cloudflare:workers'
import { LIVE_CLOSE, LIVE_PING, LIVE_PONG, LIVE_PROTOCOL, POKE_MESSAGE } from '../../model/live'
import { EXPIRES_AT_HEADER } from './live.routes'

/** What each socket remembers across hibernation (serializeAttachment). */
type Attachment = { expiresAt: number }

const expiryOf = (ws: WebSocket): number => {
  const attachment = ws.deserializeAttachment() as Attachment | null
  return attachment?.expiresAt ?? 0
}

/** Closes a socket; one the client already closed throws, which is the same outcome. */
const closeQuietly = (ws: WebSocket, code: number, reason: string) => {
  try {
    ws.close(code, reason)
  } catch {
    // Already closing or closed.
  }
}

export class LiveChannel extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    // Keep-alives are answered by the runtime without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(LIVE_PING, LIVE_PONG))
  }

  /** The upgrade, after the Worker verified the token (worker/live/live.routes.ts): accepts the socket. */
  override async fetch(request: Request): Promise<Response> {
    const expiresAt = Number(request.headers.get(EXPIRES_AT_HEADER))
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket' || !Number.isFinite(expiresAt)) {
      return new Response('Expected a verified WebSocket upgrade', { status: 400 })
    }
    const { 0: client, 1: server } = new WebSocketPair()
    this.ctx.acceptWebSocket(server)
    server.serializeAttachment({ expiresAt } satisfies Attachment)
    await this.scheduleExpiry()
    return new Response(null, {
      status: 101,
      webSocket: client,
      headers: { 'Sec-WebSocket-Protocol': LIVE_PROTOCOL }
    })
  }

  /** Called by the Worker after a committed write of this user: every open socket is told to pull. */
  async poke(): Promise<number> {
    this.closeExpired()
    let sent = 0
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(POKE_MESSAGE)
        sent++
      } catch {
        // A socket closing right now: its client pulls when it reconnects.
      }
    }
    return sent
  }

  override async alarm(): Promise<void> {
    this.closeExpired()
    await this.scheduleExpiry()
  }

  // The client sends nothing but keep-alives, which the auto-response answers; anything else is ignored.
  override webSocketMessage(): void {}

  override webSocketClose(ws: WebSocket, code: number, reason: string): void {
    // Completes the closing handshake the client started (1005 "no status" cannot be sent back).
    closeQuietly(ws, code === 1005 || code === 1006 ? 1000 : code, reason)
  }

  override webSocketError(ws: WebSocket): void {
    closeQuietly(ws, 1011, 'socket error')
  }

  /** Closes every socket whose token has expired with LIVE_CLOSE.tokenExpired: the client reconnects afresh. */
  private closeExpired(): void {
    const now = Date.now()
    for (const ws of this.ctx.getWebSockets()) {
      if (expiryOf(ws) <= now) closeQuietly(ws, LIVE_CLOSE.tokenExpired, 'token expired')
    }
  }

  /** Wakes the object when the next open socket's token expires (one alarm at a time, the earliest). */
  private async scheduleExpiry(): Promise<void> {
    const now = Date.now()
    const next = Math.min(
      ...this.ctx
        .getWebSockets()
        .map(expiryOf)
        .filter((at) => at > now)
    )
    if (!Number.isFinite(next)) return
    const current = await this.ctx.storage.getAlarm()
    if (current === null || current > next || current <= now) await this.ctx.storage.setAlarm(next)
  }
}
