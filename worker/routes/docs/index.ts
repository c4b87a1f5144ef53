// /openapi.json (generated from the route contracts) and /docs (Swagger UI from this Worker's static assets, so
// it renders with no internet; scripts/build-docs-assets.ts copies the files from swagger-ui-dist). The page and
// its start script are served here, under a Content-Security-Policy that admits this origin only.
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../../lib/types'

export const API_VERSION = '1.0.0'

export const openApiConfig = {
  openapi: '3.1.0',
  info: {
    title: 'Bookmarks Index API',
    version: API_VERSION,
    description:
      'Spaces → groups → bookmarks for the Bookmarks Index extension. Every /v1 route needs a Clerk ' +
      'session token as `Authorization: Bearer <token>` (locally: `npm run token -- user_123`). Errors ' +
      'always have the shape `{"error":{"code","message","issues"?}}`.'
  },
  tags: [
    { name: 'Health', description: 'Liveness' },
    { name: 'Me', description: 'Your profile and account' },
    { name: 'Spaces', description: 'Top-level collections' },
    { name: 'Groups', description: 'Tabs inside a space' },
    { name: 'Bookmarks', description: 'Links inside a group' },
    { name: 'Sync', description: 'Incremental pull, idempotent push' }
  ],
  // Relative: the API is wherever this document is served from (wrangler dev, workers.dev, a custom domain).
  servers: [{ url: '/', description: 'The Worker serving this document' }],
  // Every operation needs the bearer token unless it says otherwise (the public ones declare `security: []`).
  security: [{ bearerAuth: [] }]
}

/**
 * /docs may run only this Worker's own files: Swagger UI's script, style and init.js, its inline SVG and data:
 * images, and fetches to this origin (the document and "Try it out"). Nothing inline, nothing from elsewhere,
 * no framing: a script injected into the page could read the token a person pastes into "Authorize".
 */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

const docsPage = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Bookmarks Index API</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
  <link rel="icon" href="/docs/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>`

/**
 * Swagger UI's start script: the document this Worker serves, and links to operations. A pasted token stays in
 * the page's memory only (persistAuthorization false): in localStorage any script on the origin could read it.
 */
export const SWAGGER_INIT_JS = `// Bookmarks Index API docs: starts Swagger UI (worker/routes/docs).
window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  persistAuthorization: false,
  deepLinking: true
})
`

const securityHeaders = {
  'Content-Security-Policy': DOCS_CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer'
}

export function registerDocs(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'A Clerk session token'
  })
  app.doc31('/openapi.json', openApiConfig)
  app.get('/docs', (c) => c.html(docsPage, 200, securityHeaders))
  app.get('/docs/init.js', (c) =>
    c.body(SWAGGER_INIT_JS, 200, {
      ...securityHeaders,
      'Content-Type': 'text/javascript; charset=utf-8'
    })
  )
}
