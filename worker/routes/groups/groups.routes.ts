// The groups routes' contracts: paths, parameters, bodies and documented answers, no behaviour.
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
  CreateGroupSchema,
  GroupIdParam,
  GroupPageSchema,
  GroupSchema,
  ListGroupsQuery,
  SpaceIdPathParam,
  UpdateGroupSchema
} from './groups.schemas'

const tags = ['Groups']
const security = [{ bearerAuth: [] }]

export const listGroups = createRoute({
  method: 'get',
  path: '/v1/groups',
  tags,
  security,
  summary: 'List your groups, all or one space’s, a page at a time',
  request: { query: ListGroupsQuery },
  responses: {
    200: jsonContent(GroupPageSchema, 'A page of groups, by space then order'),
    ...authedErrorResponses
  }
})

export const createGroup = createRoute({
  method: 'post',
  path: '/v1/groups',
  tags,
  security,
  summary: 'Create a group at the end of a space',
  request: { body: jsonBody(CreateGroupSchema, 'The new group') },
  responses: {
    201: jsonContent(GroupSchema, 'The stored group'),
    ...authedErrorResponses,
    ...quotaResponse,
    ...notFoundResponse,
    ...conflictResponse,
    ...tooLargeResponse
  }
})

export const updateGroup = createRoute({
  method: 'patch',
  path: '/v1/groups/{id}',
  tags,
  security,
  summary: 'Change a group, or move it to another space',
  request: { params: GroupIdParam, body: jsonBody(UpdateGroupSchema, 'The fields to change') },
  responses: {
    200: jsonContent(GroupSchema, 'The updated group'),
    ...authedErrorResponses,
    ...quotaResponse,
    ...notFoundResponse,
    ...tooLargeResponse
  }
})

export const deleteGroup = createRoute({
  method: 'delete',
  path: '/v1/groups/{id}',
  tags,
  security,
  summary: 'Delete a group with its bookmarks',
  request: { params: GroupIdParam },
  responses: { 204: { description: 'Deleted' }, ...authedErrorResponses, ...notFoundResponse }
})

export const reorderGroups = createRoute({
  method: 'put',
  path: '/v1/spaces/{spaceId}/groups/order',
  tags,
  security,
  summary: 'Reorder the groups of a space',
  request: {
    params: SpaceIdPathParam,
    body: jsonBody(orderedIdsBody('group'), 'Group ids in their new order')
  },
  responses: {
    200: jsonContent(ReorderResultSchema, 'How many groups changed position'),
    ...authedErrorResponses,
    ...notFoundResponse,
    ...tooLargeResponse
  }
})
