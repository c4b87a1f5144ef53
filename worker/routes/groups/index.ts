// The groups router: each contract paired with its handler.
import { createRouter } from '../../lib/router'
import * as handlers from './groups.handlers'
import * as routes from './groups.routes'

export const groupsRoutes = createRouter()
  .openapi(routes.listGroups, handlers.listGroups)
  .openapi(routes.createGroup, handlers.createGroup)
  .openapi(routes.updateGroup, handlers.updateGroup)
  .openapi(routes.deleteGroup, handlers.deleteGroup)
  .openapi(routes.reorderGroups, handlers.reorderGroups)
