// /openapi.json (generated from the route contracts) and /docs (Swagger UI served by this Worker's static
// assets, so it renders with no internet; scripts/build-docs-assets.ts copies the files from swagger-ui-dist).
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
  ]
}

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

export function registerDocs(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'A Clerk session token'
  })
  app.doc31('/openapi.json', openApiConfig)
  app.get('/docs', (c) => c.html(docsPage))
}
