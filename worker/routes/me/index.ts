// The profile router: each contract paired with its handler.
import { createRouter } from '../../lib/router'
import * as handlers from './me.handlers'
import * as routes from './me.routes'

export const meRoutes = createRouter()
  .openapi(routes.getMe, handlers.getMe)
  .openapi(routes.deleteMe, handlers.deleteMe)
