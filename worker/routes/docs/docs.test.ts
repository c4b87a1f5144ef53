import { exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../app'

type Operation = {
  tags?: string[]
  summary?: string
  security?: Record<string, string[]>[]
  parameters?: { name: string; in: string }[]
  requestBody?: { content: Record<string, { schema: unknown }> }
  responses: Record<
    string,
    { description: string; content?: Record<string, { schema?: unknown; example?: unknown }> }
  >
}
type Document = {
  openapi: string
  info: { title: string; version: string }
  servers?: { url: string }[]
  security?: Record<string, string[]>[]
  tags: { name: string }[]
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> }
}

const doc = (await (await exports.default.fetch('http://api.test/openapi.json')).json()) as Document
const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op }))
)
const v1 = operations.filter((o) => o.path.startsWith('/v1/'))
const name = (o: { method: string; path: string }) => `${o.method} ${o.path}`

describe('/openapi.json', () => {
  it('is an OpenAPI 3.1 document with the bearer security scheme', () => {
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.info.title).toBe('Bookmarks Index API')
    expect(doc.components.securitySchemes.bearerAuth).toEqual({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: expect.any(String)
    })
  })

  it('names its server and requires the bearer token by default; the public operations declare security: []', () => {
    expect(doc.servers).toEqual([{ url: '/', description: expect.any(String) }])
    expect(doc.security).toEqual([{ bearerAuth: [] }])
    const publicOps = operations.filter((o) => !o.path.startsWith('/v1/'))
    expect(publicOps.map(name)).toEqual(['GET /health'])
    for (const o of publicOps) expect(o.op.security, name(o)).toEqual([])
  })

  it('lists every route the app serves, and only those', () => {
    // Middleware registers as ALL; /openapi.json, /docs and its start script serve the documentation itself, and
    // GET /v1/live is a WebSocket, whose messages OpenAPI cannot describe (README "API" documents it).
    const undocumented = ['/openapi.json', '/docs', '/docs/init.js', '/v1/live']
    const routes = createApp().routes.filter((r) => r.method !== 'ALL')
    const served = (path: string) => routes.filter((r) => r.path === path).map((r) => r.method)
    expect(undocumented.map(served)).toEqual([['GET'], ['GET'], ['GET'], ['GET']])
    const documented = new Set(
      routes
        .filter((r) => !undocumented.includes(r.path))
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
    )
    expect(new Set(operations.map(name))).toEqual(documented)
    // The routes, at least (sync adds more).
    expect(documented.size).toBeGreaterThanOrEqual(19)
  })

  it('documents for every /v1 operation: bearer security, tags, a summary and the 400/401/429/503 errors', () => {
    const tagNames = doc.tags.map((t) => t.name)
    for (const o of v1) {
      expect(o.op.security, name(o)).toEqual([{ bearerAuth: [] }])
      expect(o.op.tags?.length, name(o)).toBeGreaterThan(0)
      for (const tag of o.op.tags ?? []) expect(tagNames, name(o)).toContain(tag)
      expect(o.op.summary, name(o)).toBeTruthy()
      for (const status of ['400', '401', '429', '503']) {
        const response = o.op.responses[status]
        expect(response, `${name(o)} ${status}`).toBeDefined()
        expect(response?.content?.['application/json']?.schema, `${name(o)} ${status}`).toEqual({
          $ref: '#/components/schemas/Error'
        })
        expect(response?.content?.['application/json']?.example, `${name(o)} ${status}`).toBeDefined()
      }
    }
  })

  it('documents 404 on every route with an id in the path, and 413/415 on every route with a body', () => {
    for (const o of v1) {
      if (o.path.includes('{')) expect(o.op.responses['404'], name(o)).toBeDefined()
      if (o.op.requestBody) {
        expect(o.op.responses['413'], name(o)).toBeDefined()
        expect(o.op.responses['415'], name(o)).toBeDefined()
        expect(Object.keys(o.op.requestBody.content), name(o)).toEqual(['application/json'])
      }
    }
    for (const path of ['/v1/spaces', '/v1/groups', '/v1/bookmarks', '/v1/bookmarks/bulk']) {
      expect(doc.paths[path]?.post?.responses['409'], `POST ${path}`).toBeDefined()
    }
  })

  it('documents every success response with a JSON schema (or no body for 204)', () => {
    for (const o of operations) {
      const success = Object.entries(o.op.responses).filter(([status]) => status.startsWith('2'))
      expect(success.length, name(o)).toBeGreaterThan(0)
      for (const [status, response] of success) {
        if (status === '204') expect(response.content, name(o)).toBeUndefined()
        else expect(response.content?.['application/json']?.schema, `${name(o)} ${status}`).toBeDefined()
      }
    }
  })

  it('names the component schemas Space, Group, Bookmark and Error, with field examples', () => {
    const schemas = doc.components.schemas as Record<
      string,
      { properties: Record<string, { example?: unknown }> }
    >
    for (const component of ['Space', 'Group', 'Bookmark', 'Error', 'Me', 'Health']) {
      expect(schemas[component], component).toBeDefined()
    }
    expect(schemas.Space?.properties.name?.example).toBe('Work')
    expect(schemas.Bookmark?.properties.url?.example).toBe('https://developer.mozilla.org/')
    expect(schemas.Group?.properties.id?.example).toMatch(/^group_/)
  })

  it('states the limits in the schemas: name and title lengths, URL length, batch sizes', () => {
    const schemas = doc.components.schemas as Record<
      string,
      { properties: Record<string, Record<string, unknown>> }
    >
    expect(schemas.CreateSpace?.properties.name).toMatchObject({ minLength: 1, maxLength: 100 })
    expect(schemas.CreateBookmark?.properties.title).toMatchObject({ maxLength: 500 })
    expect(schemas.CreateBookmark?.properties.url).toMatchObject({ maxLength: 2048 })
    expect(schemas.BulkCreateBookmarks?.properties.bookmarks).toMatchObject({ minItems: 1, maxItems: 5000 })
    expect(schemas.SpaceOrder?.properties.orderedIds).toMatchObject({ minItems: 1, maxItems: 1000 })
  })
})

describe('/docs', () => {
  it('serves the Swagger UI page from this Worker, pointing at self-hosted assets only', async () => {
    const res = await exports.default.fetch('http://api.test/docs')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    const html = await res.text()
    for (const asset of ['/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js', '/docs/init.js']) {
      expect(html).toContain(`"${asset}"`)
    }
    expect(html).not.toMatch(/https?:\/\//)
  })
})

describe('/docs security headers', () => {
  it('sends a strict Content-Security-Policy: only this origin, nothing inline, no framing', async () => {
    const res = await exports.default.fetch('http://api.test/docs')
    await res.body?.cancel()
    const csp = Object.fromEntries(
      (res.headers.get('content-security-policy') ?? '').split(/;\s*/).map((directive) => {
        const [key = '', ...values] = directive.trim().split(/\s+/)
        return [key, values]
      })
    )
    expect(csp).toEqual({
      'default-src': ["'none'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
      'frame-ancestors': ["'none'"]
    })
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
  })

  it('the page has no inline script or style for the policy to block', async () => {
    const html = await (await exports.default.fetch('http://api.test/docs')).text()
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/)
    expect(html).not.toMatch(/<style|\sstyle=|\son\w+=/)
  })
})

describe('/docs/init.js', () => {
  it('starts Swagger UI on /openapi.json without persisting the pasted token (no localStorage)', async () => {
    const res = await exports.default.fetch('http://api.test/docs/init.js')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    const script = await res.text()
    expect(script).toContain("url: '/openapi.json'")
    expect(script).toContain('persistAuthorization: false')
    expect(script).not.toMatch(/persistAuthorization: true|localStorage/)
  })
})
