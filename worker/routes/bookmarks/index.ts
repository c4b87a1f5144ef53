// The bookmarks router: each contract paired with its handler.
import { createRouter } from '../../lib/router'
import * as handlers from './bookmarks.handlers'
import * as routes from './bookmarks.routes'

// The static /bulk path is registered before /{id} so it is never read as an id.
export const bookmarksRoutes = createRouter()
  .openapi(routes.listBookmarks, handlers.listBookmarks)
  .openapi(routes.createBookmark, handlers.createBookmark)
  .openapi(routes.bulkCreateBookmarks, handlers.bulkCreateBookmarks)
  .openapi(routes.updateBookmark, handlers.updateBookmark)
  .openapi(routes.deleteBookmark, handlers.deleteBookmark)
  .openapi(routes.reorderBookmarks, handlers.reorderBookmarks)
