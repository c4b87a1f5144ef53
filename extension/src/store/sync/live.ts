// The live channel's client: holds one WebSocket to GET /v1/live and calls onPoke when the server says the account
// changed, and on every (re)connect (a poke sent while it was away is lost, so it pulls at once instead).
// Design: every page that runs a sync engine (each open new tab, the popup while open) holds its own socket. Each
// tab already runs its own engine, pull and store (pushes take turns under the profile's Web Lock), so a poke to
// every socket makes every open tab show the change; the server fans out per user (its Durable Object), and a
// shared socket + BroadcastChannel relay would add a leader election for nothing. The poke carries no data: the
// engine's pull stays the only path for data, and its one-minute poll stays the fallback when no socket is open.
import { LIVE_CLOSE, LIVE_PING, LIVE_PONG, liveProtocols, POKE_MESSAGE } from '../../../../model/live'

/** The first retry waits about this long; each failed one doubles it, up to RECONNECT_CAP_MS. */
export const RECONNECT_BASE_MS = 500
export const RECONNECT_CAP_MS = 30_000
/** A socket that stayed open this long was healthy: the next drop starts the backoff afresh. */
export const HEALTHY_MS = 10_000
/** A keep-alive this often; a socket with no answer to the last one by the next is dead and replaced. */
export const PING_INTERVAL_MS = 30_000

/**
 * The wait before reconnect attempt `attempt` (0 first): "equal jitter", a random point in the upper half of
 * base·2^attempt (capped), so that clients dropped together do not come back together, and never at once.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RECONNECT_CAP_MS, RECONNECT_BASE_MS * 2 ** Math.min(attempt, 30))
  return Math.round(ceiling / 2 + random() * (ceiling / 2))
}

export type Drop = {
  /** The close code (1006 when the connection failed or was cut, as a refused upgrade also ends). */
  code: number
  /** How long the socket had been open, 0 if it never opened. */
  openForMs: number
}

/**
 * After a drop: how long to wait, and the attempt count to carry on with. A healthy socket resets the backoff; a
 * token-expiry close of a healthy socket reconnects at once (with a fresh token), while a socket closed for expiry
 * right after it opened (a token that was already as good as expired) backs off like any failure.
 */
export function reconnectPlan(
  attempt: number,
  drop: Drop,
  random: () => number = Math.random
): { delayMs: number; attempt: number } {
  const from = drop.openForMs >= HEALTHY_MS ? 0 : attempt
  if (drop.code === LIVE_CLOSE.tokenExpired && from === 0) return { delayMs: 0, attempt: 1 }
  return { delayMs: backoffDelay(from, random), attempt: from + 1 }
}

/** The socket's address: the API's, over ws:// or wss://. */
export function liveUrl(apiUrl: string): string {
  const url = new URL('/v1/live', apiUrl)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  return url.href
}

export type LiveOptions = {
  /** The API's base URL (config.apiUrl). */
  apiUrl: string
  /** A current session token, fetched anew for each connection; null while signed out (no socket then). */
  getToken: () => Promise<string | null>
  /** The account changed on the server, or the channel (re)connected: pull now. */
  onPoke: () => void
}

export type LiveChannel = { stop: () => void }

export function startLive(options: LiveOptions): LiveChannel {
  const url = liveUrl(options.apiUrl)
  let stopped = false
  let socket: WebSocket | undefined
  let attempt = 0
  let retry: ReturnType<typeof setTimeout> | undefined
  let ping: ReturnType<typeof setInterval> | undefined

  const schedule = (drop: Drop) => {
    if (stopped) return
    const plan = reconnectPlan(attempt, drop)
    attempt = plan.attempt
    clearTimeout(retry)
    retry = setTimeout(() => void connect(), plan.delayMs)
  }

  /** Forgets the socket (its late events are ignored) and plans the next one. */
  const dropped = (ws: WebSocket, drop: Drop) => {
    if (socket !== ws) return
    socket = undefined
    clearInterval(ping)
    schedule(drop)
  }

  async function connect(): Promise<void> {
    if (stopped || socket) return
    let token: string | null
    try {
      token = await options.getToken()
    } catch {
      token = null
    }
    if (stopped || socket) return
    if (!token) return schedule({ code: 1006, openForMs: 0 })
    let ws: WebSocket
    try {
      ws = new WebSocket(url, liveProtocols(token))
    } catch {
      return schedule({ code: 1006, openForMs: 0 })
    }
    socket = ws
    let openedAt = 0
    let answered = true
    ws.addEventListener('open', () => {
      openedAt = Date.now()
      ping = setInterval(() => {
        if (!answered) {
          // No pong since the last ping: the connection is dead without having said so.
          dropped(ws, { code: 1006, openForMs: Date.now() - openedAt })
          ws.close()
          return
        }
        answered = false
        ws.send(LIVE_PING)
      }, PING_INTERVAL_MS)
      // Whatever changed while there was no socket: pulled now.
      options.onPoke()
    })
    ws.addEventListener('message', (event) => {
      if (event.data === LIVE_PONG) answered = true
      else if (event.data === POKE_MESSAGE) options.onPoke()
    })
    ws.addEventListener('close', (event) => {
      dropped(ws, { code: event.code, openForMs: openedAt ? Date.now() - openedAt : 0 })
    })
  }

  // Back online: try now rather than at the end of a long backoff.
  const onOnline = () => {
    if (socket || stopped) return
    attempt = 0
    clearTimeout(retry)
    void connect()
  }
  if (typeof window !== 'undefined') window.addEventListener('online', onOnline)
  void connect()

  return {
    stop() {
      stopped = true
      clearTimeout(retry)
      clearInterval(ping)
      if (typeof window !== 'undefined') window.removeEventListener('online', onOnline)
      const ws = socket
      socket = undefined
      ws?.close(1000, 'stopped')
    }
  }
}
