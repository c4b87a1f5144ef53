// The spaces router: each contract paired with its handler.
import { createRouter } from '../../lib/router'
import * as handlers from './spaces.handlers'
import * as routes from './spaces.routes'

// The static /order path is registered before /{id} so it is never read as an id.
export const spacesRoutes = createRouter()
  .openapi(routes.listSpaces, handlers.listSpaces)
  .openapi(routes.createSpace, handlers.createSpace)
  .openapi(routes.reorderSpaces, handlers.reorderSpaces)
  .openapi(routes.updateSpace, handlers.updateSpace)
  .openapi(routes.deleteSpace, handlers.deleteSpace)
