// The health route's contract and the shape of its answer.
import { createRoute, z } from '@hono/zod-openapi'
import { publicRateLimitResponse } from '../../lib/openapi'

export const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']).openapi({ example: 'ok' }),
    db: z.enum(['ok', 'unreachable']).openapi({ example: 'ok' })
  })
  .openapi('Health')

export const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Health'],
  summary: 'Liveness and database reachability',
  description:
    'Runs one `select 1` through Hyperdrive. Public; no token needed. Limited to 60 requests a minute per client address.',
  security: [],
  responses: {
    200: {
      description: 'The API and its database are up',
      content: { 'application/json': { schema: HealthSchema } }
    },
    ...publicRateLimitResponse,
    503: {
      description: 'The database is unreachable',
      content: {
        'application/json': { schema: HealthSchema, example: { status: 'degraded', db: 'unreachable' } }
      }
    }
  }
})
