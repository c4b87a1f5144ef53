// A local stand-in for Clerk's Backend API JWKS endpoint (`GET <api>/v1/jwks`), for the Worker tests of the
// CLERK_SECRET_KEY path. It counts the fetches it answers, so a test can see how often the Worker called out.
// Each test uses its own prefix (`/<scope>`): PUT /<scope>/keys sets that scope's JWKS and secret key,
// GET /<scope>/v1/jwks answers like Clerk (401 without the secret key), GET /<scope>/count tells the fetches.
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The stand-in's base URL; a test sets CLERK_API_URL to `${clerkApiUrl}/<scope>`. */
    clerkApiUrl: string
  }
}

type Scope = { secretKey: string; jwks: unknown; fetches: number }

const readBody = async (req: IncomingMessage) => {
  let text = ''
  for await (const chunk of req) text += chunk
  return text
}

export default async function setup(project: TestProject) {
  const scopes = new Map<string, Scope>()
  const server = createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    }
    const [, scopeName = '', ...rest] = new URL(req.url ?? '/', 'http://stand-in').pathname.split('/')
    const route = `${req.method} /${rest.join('/')}`
    if (route === 'PUT /keys') {
      const { secretKey, jwks } = JSON.parse(await readBody(req)) as Omit<Scope, 'fetches'>
      scopes.set(scopeName, { secretKey, jwks, fetches: scopes.get(scopeName)?.fetches ?? 0 })
      return send(204, null)
    }
    if (route === 'GET /count') return send(200, { fetches: scopes.get(scopeName)?.fetches ?? 0 })
    if (route === 'GET /v1/jwks') {
      const scope = scopes.get(scopeName) ?? { secretKey: '', jwks: { keys: [] }, fetches: 0 }
      scope.fetches++
      scopes.set(scopeName, scope)
      if (!scope.secretKey || req.headers.authorization !== `Bearer ${scope.secretKey}`) {
        return send(401, { errors: [{ code: 'authentication_invalid', message: 'Unauthorized' }] })
      }
      return send(200, scope.jwks)
    }
    send(404, { errors: [{ code: 'resource_not_found', message: route }] })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  project.provide('clerkApiUrl', `http://127.0.0.1:${(server.address() as AddressInfo).port}`)
  return () => new Promise<void>((resolve) => server.close(() => resolve()))
}
