// Builds the API: middleware in one block, then the routes.
import { HTTPException } from 'hono/http-exception'
import { ApiError, errorResponse, toApiError } from './lib/errors'
import { logRequestError } from './lib/log'
import { createRouter } from './lib/router'
import { liveRoutes } from './live/live.routes'
import { pokeAfterWriteMiddleware } from './live/poke'
import { authMiddleware } from './middleware/auth'
import { bodyLimitsMiddleware } from './middleware/body-limits'
import { corsMiddleware } from './middleware/cors'
import { dbMiddleware } from './middleware/db'
import { outdatedClientMiddleware } from './middleware/outdated-client'
import { publicRateLimitMiddleware, rateLimitMiddleware } from './middleware/rate-limit'
import { bookmarksRoutes } from './routes/bookmarks'
import { registerDocs } from './routes/docs'
import { groupsRoutes } from './routes/groups'
import { healthRoutes } from './routes/health'
import { meRoutes } from './routes/me'
import { spacesRoutes } from './routes/spaces'
import { syncRoutes } from './routes/sync'

export function createApp() {
  const app = createRouter()

  app.use('*', corsMiddleware)
  app.use('/health', publicRateLimitMiddleware, dbMiddleware)
  app.use(
    '/v1/*',
    authMiddleware,
    rateLimitMiddleware,
    // After the response is made: a committed write pokes the user's live channel (worker/live/).
    pokeAfterWriteMiddleware,
    bodyLimitsMiddleware,
    outdatedClientMiddleware,
    dbMiddleware
  )

  app.route('/', healthRoutes)
  app.route('/', meRoutes)
  app.route('/', spacesRoutes)
  app.route('/', groupsRoutes)
  app.route('/', bookmarksRoutes)
  app.route('/', syncRoutes)
  app.route('/', liveRoutes)
  registerDocs(app)

  app.notFound((c) =>
    errorResponse(c, new ApiError(404, 'not_found', `No route for ${c.req.method} ${c.req.path}`))
  )
  app.onError((err, c) => {
    // Hono's own 4xx (e.g. malformed JSON from the validator) keep their status in our shape.
    const apiError =
      err instanceof HTTPException && err.status < 500
        ? new ApiError(
            err.status === 413 ? 413 : 400,
            err.status === 413 ? 'payload_too_large' : 'validation_failed',
            err.message
          )
        : toApiError(err)
    if (apiError.status >= 500) logRequestError(c, err, apiError)
    return errorResponse(c, apiError)
  })
  return app
}
