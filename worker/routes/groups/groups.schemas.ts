// The group's API shapes: the object answered, the create and update bodies, path and query parameters.
import { z } from '@hono/zod-openapi'
import type { Group } from '../../../model/entities'
import {
  createShape,
  includeArchivedQuery,
  positionInput,
  timestampField,
  updateShape
} from '../../lib/fields'
import { idSchema } from '../../lib/ids'
import { pageQuery, pageSchema } from '../shared/page'

export type { Group }

export const GroupSchema = z
  .object({
    id: idSchema('group'),
    spaceId: idSchema('space'),
    name: z.string().openapi({ example: 'Reading' }),
    icon: z.string().nullable().openapi({ example: '📖' }),
    position: z.string().openapi({
      example: 'c001',
      description: 'Its place among its siblings: lists sort by (position, id), by code units'
    }),
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
    ...createShape('group'),
    position: positionInput('Absent: after the space’s last group.')
  })
  .strict()
  .openapi('CreateGroup')

export const UpdateGroupSchema = z
  .object({
    ...updateShape('group'),
    isArchived: z.boolean().optional(),
    spaceId: idSchema('space').optional().openapi({
      description: 'Move the group (with its bookmarks) to this space: to `position`, or its end'
    }),
    position: positionInput('Absent: it stays where it is, or goes to the end of `spaceId`.')
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
  'Groups by space, then position (ties by id)'
)
