// A TCP proxy between the Worker (wrangler dev's Hyperdrive binding) and PostgreSQL that counts the
// protocol round trips clients make: every Sync ('S', ending an extended-protocol query) and every simple
// Query ('Q') after the startup handshake is one trip to the database and back.
import { connect, createServer, type Server, type Socket } from 'node:net'

const SSL_REQUEST = 80877103
const GSSENC_REQUEST = 80877104
const CANCEL_REQUEST = 80877102

export type RoundTripCounter = {
  port: number
  /** Round trips (Sync + Query) since the proxy started. */
  roundTrips: () => number
  /** Client connections opened since the proxy started. */
  connections: () => number
  /** SQL texts of Parse and Query messages since the last call (for --verbose). */
  takeStatements: () => string[]
  close: () => Promise<void>
}

export async function startCountingProxy(target: { host: string; port: number }): Promise<RoundTripCounter> {
  let roundTrips = 0
  let connections = 0
  let statements: string[] = []
  const sockets = new Set<Socket>()

  const server: Server = createServer((client) => {
    connections++
    const upstream = connect(target.port, target.host)
    sockets.add(client)
    sockets.add(upstream)
    let startup = true
    let pending = Buffer.alloc(0)

    client.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk])
      for (;;) {
        if (startup) {
          // Untyped: int32 length (including itself), int32 code.
          if (pending.length < 8) break
          const length = pending.readInt32BE(0)
          if (pending.length < length) break
          const code = pending.readInt32BE(4)
          if (code !== SSL_REQUEST && code !== GSSENC_REQUEST && code !== CANCEL_REQUEST) startup = false
          pending = pending.subarray(length)
          continue
        }
        if (pending.length < 5) break
        const type = String.fromCharCode(pending[0] ?? 0)
        const length = pending.readInt32BE(1)
        if (pending.length < 1 + length) break
        if (type === 'S' || type === 'Q') roundTrips++
        if (type === 'Q') statements.push(cString(pending, 5))
        if (type === 'P') {
          const nameEnd = pending.indexOf(0, 5)
          statements.push(cString(pending, nameEnd + 1))
        }
        pending = pending.subarray(1 + length)
      }
      upstream.write(chunk)
    })
    upstream.on('data', (chunk) => client.write(chunk))
    const close = () => {
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
