// The group's API shapes: the object answered, the create and update bodies, path and query parameters.
import { z } from '@hono/zod-openapi'
import type { Group } from '../../../model/entities'
import { createShape, includeArchivedQuery, timestampField, updateShape } from '../../lib/fields'
import { idSchema } from '../../lib/ids'
import { pageQuery, pageSchema } from '../shared/page'

export type { Group }

export const GroupSchema = z
  .object({
    id: idSchema('group'),
    spaceId: idSchema('space'),
    name: z.string().openapi({ example: 'Reading' }),
    icon: z.string().nullable().openapi({ example: '📖' }),
    order: z.number().int().openapi({ example: 0 }),
    isArchived: z.boolean(),
    createdAt: timestampField,
    updatedAt: timestampField
  })
  .openapi('Group') satisfies z.ZodType<Group>

export const CreateGroupSchema = z
  .object({
    id: idSchema('group')
      .optional()
      .openapi({ description: 'Client-made id; the server makes one when absent' }),
    spaceId: idSchema('space'),
    ...createShape('group')
  })
  .strict()
  .openapi('CreateGroup')

export const UpdateGroupSchema = z
  .object({
    ...updateShape('group'),
    isArchived: z.boolean().optional(),
    spaceId: idSchema('space')
      .optional()
      .openapi({ description: 'Move the group (with its bookmarks) to the end of this space' })
  })
  .strict()
  .refine(
    (patch) => Object.values(patch).some((value) => value !== undefined),
    'Name at least one field to change'
  )
  .openapi('UpdateGroup')

export const GroupIdParam = z.object({ id: idSchema('group').openapi({ param: { name: 'id', in: 'path' } }) })
export const SpaceIdPathParam = z.object({
  spaceId: idSchema('space').openapi({ param: { name: 'spaceId', in: 'path' } })
})
export const ListGroupsQuery = z.object({
  spaceId: idSchema('space').optional().openapi({ description: 'Only the groups of this space' }),
  includeArchived: includeArchivedQuery,
  ...pageQuery('group')
})

export const GroupPageSchema = pageSchema(
  GroupSchema,
  'GroupPage',
  'Groups by space, then order (ties by id)'
)
