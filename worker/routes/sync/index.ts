// The sync router: each contract paired with its handler.
import { createRouter } from '../../lib/router'
import * as handlers from './sync.handlers'
import * as routes from './sync.routes'

export const syncRoutes = createRouter()
  .openapi(routes.pull, handlers.pull)
  .openapi(routes.push, handlers.push)
  .openapi(routes.status, handlers.status)
  .openapi(routes.migrate, handlers.migrate)
