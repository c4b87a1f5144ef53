// The spaces routes' contracts: paths, parameters, bodies and documented answers, no behaviour.
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
  CreateSpaceSchema,
  ListSpacesQuery,
  SpaceIdParam,
  SpacePageSchema,
  SpaceSchema,
  UpdateSpaceSchema
} from './spaces.schemas'

const tags = ['Spaces']
const security = [{ bearerAuth: [] }]

export const listSpaces = createRoute({
  method: 'get',
  path: '/v1/spaces',
  tags,
  security,
  summary: 'List your spaces in order, a page at a time',
  request: { query: ListSpacesQuery },
  responses: {
    200: jsonContent(SpacePageSchema, 'A page of your spaces, by order'),
    ...authedErrorResponses
  }
})

export const createSpace = createRoute({
  method: 'post',
  path: '/v1/spaces',
  tags,
  security,
  summary: 'Create a space at the end of the list',
  request: { body: jsonBody(CreateSpaceSchema, 'The new space') },
  responses: {
    201: jsonContent(SpaceSchema, 'The stored space'),
    ...authedErrorResponses,
    ...quotaResponse,
    ...conflictResponse,
    ...tooLargeResponse
  }
})

export const updateSpace = createRoute({
  method: 'patch',
  path: '/v1/spaces/{id}',
  tags,
  security,
  summary: 'Change a space (only the fields named)',
  request: { params: SpaceIdParam, body: jsonBody(UpdateSpaceSchema, 'The fields to change') },
  responses: {
    200: jsonContent(SpaceSchema, 'The updated space'),
    ...authedErrorResponses,
    ...quotaResponse,
    ...notFoundResponse,
    ...tooLargeResponse
  }
})

export const deleteSpace = createRoute({
  method: 'delete',
  path: '/v1/spaces/{id}',
  tags,
  security,
  summary: 'Delete a space with its groups and bookmarks',
  request: { params: SpaceIdParam },
  responses: { 204: { description: 'Deleted' }, ...authedErrorResponses, ...notFoundResponse }
})

export const reorderSpaces = createRoute({
  method: 'put',
  path: '/v1/spaces/order',
  tags,
  security,
  summary: 'Reorder your spaces',
  request: { body: jsonBody(orderedIdsBody('space'), 'Space ids in their new order') },
  responses: {
    200: jsonContent(ReorderResultSchema, 'How many spaces changed position'),
    ...authedErrorResponses,
    ...notFoundResponse,
    ...tooLargeResponse
  }
})
