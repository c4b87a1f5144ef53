// The profile routes' contracts and the profile's shape: paths and documented answers, no behaviour.
import { createRoute, z } from '@hono/zod-openapi'
import { timestampField } from '../../lib/fields'
import { authedErrorResponses, jsonContent } from '../../lib/openapi'

export const MeSchema = z
  .object({
    id: z.string().openapi({ example: 'user_2RfWKJREkjKbHZy0Wqa5qrHeAnb' }),
    email: z.string().nullable(),
    name: z.string().nullable(),
    avatarUrl: z.string().nullable(),
    createdAt: timestampField.nullable().openapi({ description: 'null until your first change is stored' }),
    counts: z.object({ spaces: z.number().int(), groups: z.number().int(), bookmarks: z.number().int() })
  })
  .openapi('Me')

const tags = ['Me']
const security = [{ bearerAuth: [] }]

export const getMe = createRoute({
  method: 'get',
  path: '/v1/me',
  tags,
  security,
  summary: 'Your profile and how much you have stored',
  responses: { 200: jsonContent(MeSchema, 'Your profile'), ...authedErrorResponses }
})

export const deleteMe = createRoute({
  method: 'delete',
  path: '/v1/me',
  tags,
  security,
  summary: 'Delete your account data: every space, group and bookmark, for good',
  responses: {
    204: { description: 'Deleted (also when there was nothing to delete)' },
    ...authedErrorResponses
  }
})
