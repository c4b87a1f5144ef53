// A TCP proxy between the Worker (wrangler dev's Hyperdrive binding) and PostgreSQL that holds every chunk
// for a fixed delay in each direction, as if the database were a VPS away. In production Hyperdrive keeps
// warm connections to the origin, so by default the connection handshake (startup, authentication) passes
// undelayed and only the traffic after the server's first ReadyForQuery pays the delay. It also counts the
// protocol round trips: Sync and simple Query messages, and Flush, which a driver such as postgres.js sends
// after Parse/Describe to learn a statement's parameter types before it binds them (a trip of its own).
// With a delay of 0 it is the plain round-trip counter bench/round-trips.ts uses.
import { connect, createServer, type Server, type Socket } from 'node:net'

const SSL_REQUEST = 80877103
const GSSENC_REQUEST = 80877104
const CANCEL_REQUEST = 80877102

export type DelayProxy = {
  port: number
  /** The one-way delay in ms; changing it applies to chunks arriving from now on. */
  delayMs: () => number
  setDelay: (ms: number) => void
  /** Round trips (Sync, Query and Flush after the handshake) since the proxy started. */
  roundTrips: () => number
  /** Client connections opened since the proxy started. */
  connections: () => number
  /** SQL texts of Parse and Query messages since the last call (for --verbose). */
  takeStatements: () => string[]
  close: () => Promise<void>
}

export type DelayProxyOptions = {
  host: string
  port: number
  /** One-way delay, ms (a round trip costs twice this). */
  delayMs: number
  /** Also delay the handshake (a cold connection per request instead of a warm pool). */
  delayHandshake?: boolean
}

/** Forwards chunks in order, each no earlier than `delay` ms after it arrived. */
function delayedWriter(target: Socket, delay: () => number) {
  const queue: { due: number; chunk: Buffer }[] = []
  let timer: NodeJS.Timeout | undefined
  const flush = () => {
    timer = undefined
    const now = performance.now()
    while (queue.length > 0 && (queue[0]?.due ?? 0) <= now) {
      const next = queue.shift()
      if (next && !target.destroyed) target.write(next.chunk)
    }
    const head = queue[0]
    if (head) timer = setTimeout(flush, Math.max(0, head.due - performance.now()))
  }
  return {
    write(chunk: Buffer, delayed: boolean) {
      const ms = delayed ? delay() : 0
      if (ms <= 0 && queue.length === 0) {
        target.write(chunk)
        return
      }
      queue.push({ due: performance.now() + ms, chunk })
      if (!timer) timer = setTimeout(flush, Math.max(0, ms))
    },
    stop() {
      if (timer) clearTimeout(timer)
      queue.length = 0
    }
  }
}

export async function startDelayProxy(options: DelayProxyOptions): Promise<DelayProxy> {
  let delay = options.delayMs
  let roundTrips = 0
  let connections = 0
  let statements: string[] = []
  const sockets = new Set<Socket>()

  const server: Server = createServer((client) => {
    connections++
    const upstream = connect(options.port, options.host)
    sockets.add(client)
    sockets.add(upstream)
    const toServer = delayedWriter(upstream, () => delay)
    const toClient = delayedWriter(client, () => delay)
    // Warm once the server has said ReadyForQuery the first time (or at once, when the handshake is delayed).
    let warm = options.delayHandshake === true
    let startup = true
    let sslAsked = false
    let fromClient = Buffer.alloc(0)
    let fromServer = Buffer.alloc(0)

    client.on('data', (chunk: Buffer) => {
      fromClient = Buffer.concat([fromClient, chunk])
      for (;;) {
        if (startup) {
          if (fromClient.length < 8) break
          const length = fromClient.readInt32BE(0)
          if (fromClient.length < length) break
          const code = fromClient.readInt32BE(4)
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) sslAsked = true
          else if (code !== CANCEL_REQUEST) startup = false
          fromClient = fromClient.subarray(length)
          continue
        }
        if (fromClient.length < 5) break
        const length = fromClient.readInt32BE(1)
        if (fromClient.length < 1 + length) break
        const type = fromClient[0]
        if (warm && (type === 0x53 || type === 0x51 || type === 0x48)) roundTrips++ // 'S' Sync, 'Q' Query, 'H' Flush
        if (type === 0x51) statements.push(cString(fromClient, 5)) // 'Q' Query: the SQL text
        if (type === 0x50) statements.push(cString(fromClient, fromClient.indexOf(0, 5) + 1)) // 'P' Parse: name, SQL
        fromClient = fromClient.subarray(1 + length)
      }
      toServer.write(chunk, warm)
    })
    upstream.on('data', (chunk: Buffer) => {
      const wasWarm = warm
      if (!warm) {
        fromServer = Buffer.concat([fromServer, chunk])
        // The answer to an SSL/GSS request is one untyped byte ('N': go on without encryption).
        if (sslAsked && fromServer.length > 0) {
          fromServer = fromServer.subarray(1)
          sslAsked = false
        }
        while (fromServer.length >= 5) {
          const length = fromServer.readInt32BE(1)
          if (fromServer.length < 1 + length) break
          if (fromServer[0] === 0x5a) warm = true // 'Z' ReadyForQuery: the handshake is over
          fromServer = fromServer.subarray(1 + length)
        }
        if (warm) fromServer = Buffer.alloc(0)
      }
      toClient.write(chunk, wasWarm)
    })
    const close = () => {
      toServer.stop()
      toClient.stop()
      client.destroy()
      upstream.destroy()
      sockets.delete(client)
      sockets.delete(upstream)
    }
    client.on('close', close)
    upstream.on('close', close)
    client.on('error', close)
    upstream.on('error', close)
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    port,
    delayMs: () => delay,
    setDelay: (ms) => {
      delay = ms
    },
    roundTrips: () => roundTrips,
    connections: () => connections,
    takeStatements: () => {
      const taken = statements
      statements = []
      return taken
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}

function cString(buffer: Buffer, start: number): string {
  const end = buffer.indexOf(0, start)
  return buffer.toString('utf8', start, end === -1 ? buffer.length : end)
}
