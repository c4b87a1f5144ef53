// The bookmarks routes' contracts: paths, parameters, bodies and documented answers, no behaviour.
import { createRoute } from '@hono/zod-openapi'
import { orderedIdsBody, ReorderResultSchema } from '../../lib/fields'
import {
  authedErrorResponses,
  conflictResponse,
  jsonBody,
  jsonContent,
  notFoundResponse,
  tooLargeResponse
} from '../../lib/openapi'
import { quotaResponse } from '../shared/quota'
import {
  BookmarkIdParam,
  BookmarkPageSchema,
  BookmarkSchema,
  BulkCreateBookmarksSchema,
  BulkCreateResultSchema,
  CreateBookmarkSchema,
  GroupIdPathParam,
  ListBookmarksQuery,
  UpdateBookmarkSchema
} from './bookmarks.schemas'

const tags = ['Bookmarks']
const security = [{ bearerAuth: [] }]

export const listBookmarks = createRoute({
  method: 'get',
  path: '/v1/bookmarks',
  tags,
  security,
  summary: 'List your bookmarks: all, one group’s, or one space’s, a page at a time',
  request: { query: ListBookmarksQuery },
  responses: {
    200: jsonContent(BookmarkPageSchema, 'A page of bookmarks, by group then order'),
    ...authedErrorResponses
  }
})

export const createBookmark = createRoute({
  method: 'post',
  path: '/v1/bookmarks',
  tags,
  security,
  summary: 'Create a bookmark at the end of a group',
  request: { body: jsonBody(CreateBookmarkSchema, 'The new bookmark') },
  responses: {
    201: jsonContent(BookmarkSchema, 'The stored bookmark'),
    ...authedErrorResponses,
    ...quotaResponse,
    ...notFoundResponse,
    ...conflictResponse,
    ...tooLargeResponse
  }
})

export const bulkCreateBookmarks = createRoute({
  method: 'post',
  path: '/v1/bookmarks/bulk',
  tags,
  security,
  summary: 'Import up to 5,000 bookmarks at once (all or nothing)',
  description:
    'One statement: if any group is not yours, any id is taken or the import would pass a quota of the account, nothing is written.',
  request: { body: jsonBody(BulkCreateBookmarksSchema, 'The bookmarks to import') },
  responses: {
    201: jsonContent(BulkCreateResultSchema, 'The stored bookmarks'),
    ...authedErrorResponses,
    ...quotaResponse,
    ...notFoundResponse,
    ...conflictResponse,
    ...tooLargeResponse
  }
})

export const updateBookmark = createRoute({
  method: 'patch',
  path: '/v1/bookmarks/{id}',
  tags,
  security,
  summary: 'Change a bookmark, or move it to another group',
  request: { params: BookmarkIdParam, body: jsonBody(UpdateBookmarkSchema, 'The fields to change') },
  responses: {
    200: jsonContent(BookmarkSchema, 'The updated bookmark'),
    ...authedErrorResponses,
    ...quotaResponse,
    ...notFoundResponse,
    ...tooLargeResponse
  }
})

export const deleteBookmark = createRoute({
  method: 'delete',
  path: '/v1/bookmarks/{id}',
  tags,
  security,
  summary: 'Delete a bookmark',
  request: { params: BookmarkIdParam },
  responses: { 204: { description: 'Deleted' }, ...authedErrorResponses, ...notFoundResponse }
})

export const reorderBookmarks = createRoute({
  method: 'put',
  path: '/v1/groups/{groupId}/bookmarks/order',
  tags,
  security,
  summary: 'Reorder the bookmarks of a group',
  request: {
    params: GroupIdPathParam,
    body: jsonBody(orderedIdsBody('bookmark'), 'Bookmark ids in their new order')
  },
  responses: {
    200: jsonContent(ReorderResultSchema, 'How many bookmarks changed position'),
    ...authedErrorResponses,
    ...notFoundResponse,
    ...tooLargeResponse
  }
})
