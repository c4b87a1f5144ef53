// Builds the API: middleware in one block, then the routes.
import { OpenAPIHono } from '@hono/zod-openapi'
import { errorResponse, toApiError } from './lib/errors'
import type { AppEnv } from './lib/types'
import { dbMiddleware } from './middleware/db'
import { healthRoutes } from './routes/health'

export function createApp() {
  const app = new OpenAPIHono<AppEnv>()

  app.use('/health', dbMiddleware)

  app.route('/', healthRoutes)

  app.notFound((c) => c.json({ error: { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}` } }, 404))
  app.onError((err, c) => {
    const apiError = toApiError(err)
    if (apiError.status >= 500) console.error(err)
    return errorResponse(c, apiError)
  })
  return app
}
