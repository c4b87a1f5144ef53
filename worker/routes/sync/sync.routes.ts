// The sync routes' contracts: paths, parameters, bodies and documented answers, no behaviour.
import { createRoute } from '@hono/zod-openapi'
import { authedErrorResponses, jsonBody, jsonContent, tooLargeResponse } from '../../lib/openapi'
import { quotaResponse } from '../shared/quota'
import {
  MigrateBodySchema,
  MigrateResultSchema,
  PullQuerySchema,
  PullResultSchema,
  PushBodySchema,
  PushResultSchema,
  StatusSchema
} from './sync.schemas'

const tags = ['Sync']
const security = [{ bearerAuth: [] }]

export const pull = createRoute({
  method: 'get',
  path: '/v1/sync/pull',
  tags,
  security,
  summary: 'Everything, or what changed since a cursor (changes and tombstones)',
  description:
    'One statement, one snapshot: the cursor returned covers every row returned, and no change committed ' +
    'later can fall behind it. Page with `limit` while `hasMore` is true.',
  request: { query: PullQuerySchema },
  responses: { 200: jsonContent(PullResultSchema, 'A page of changes'), ...authedErrorResponses }
})

export const push = createRoute({
  method: 'post',
  path: '/v1/sync/push',
  tags,
  security,
  summary: 'Apply a batch of client mutations, all or nothing, each at most once',
  description:
    'The batch runs in one transaction. A malformed batch changes nothing (400). A mutation the server ' +
    'refuses (its target was deleted, its parent is not yours) is an outcome: recorded as rejected with a ' +
    'reason. A replayed mutationId changes nothing and gets its stored outcome; the same mutationId with ' +
    'another payload is rejected as `conflict` and changes nothing. A cursor from before the account’s data was ' +
    'deleted gets every mutation rejected as `account_reset`.',
  request: { body: jsonBody(PushBodySchema, 'The mutations, in the order they were made') },
  responses: {
    200: jsonContent(PushResultSchema, 'Each mutation’s outcome'),
    ...authedErrorResponses,
    ...tooLargeResponse
  }
})

export const status = createRoute({
  method: 'get',
  path: '/v1/sync/status',
  tags,
  security,
  summary: 'Whether the account holds data, its counts and its latest version',
  responses: { 200: jsonContent(StatusSchema, 'Sync status'), ...authedErrorResponses }
})

export const migrate = createRoute({
  method: 'post',
  path: '/v1/sync/migrate',
  tags,
  security,
  summary: 'First sign-in with local data: upload it (this device wins), or keep both (the server wins)',
  description:
    'Both modes create everything the account lacks and keep the rest of the account. Where an id exists on ' +
    'both sides, `upload` gives it this device’s values (its place in the account stays) and `merge` keeps the ' +
    'server’s row. "Use cloud data" is a plain pull. Atomic and safe to retry.',
  request: { body: jsonBody(MigrateBodySchema, 'The local data') },
  responses: {
    200: jsonContent(MigrateResultSchema, 'What was created, updated and kept'),
    ...authedErrorResponses,
    ...quotaResponse,
    ...tooLargeResponse
  }
})
