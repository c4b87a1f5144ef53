// A tiny local website for bookmarks to point at, so opening one never needs the network.
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Site = { origin: string; close: () => Promise<void> }

export async function startSite(): Promise<Site> {
  const icon = readFileSync(new URL('../../extension/public/icon-128.png', import.meta.url))
  const server = createServer((req, res) => {
    if (req.url === '/favicon.png') {
      res.writeHead(200, { 'content-type': 'image/png' })
      res.end(icon)
      return
    }
    const name = (req.url ?? '/').replace(/[^a-z0-9-]/gi, '') || 'home'
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(
      `<!doctype html><link rel="icon" href="/favicon.png"><title>Page ${name}</title><h1>Page ${name}</h1>`
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
