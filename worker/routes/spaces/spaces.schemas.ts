// The space's API shapes: the object answered, the create and update bodies, the path parameter.
import { z } from '@hono/zod-openapi'
import type { Space } from '../../../model/entities'
import {
  createShape,
  includeArchivedQuery,
  positionInput,
  timestampField,
  updateShape
} from '../../lib/fields'
import { idSchema } from '../../lib/ids'
import { pageQuery, pageSchema } from '../shared/page'

export type { Space }

export const SpaceSchema = z
  .object({
    id: idSchema('space'),
    name: z.string().openapi({ example: 'Work' }),
    icon: z.string().openapi({ example: '💼' }),
    color: z.string().nullable().openapi({ example: '#3b82f6' }),
    position: z.string().openapi({
      example: 'c001',
      description: 'Its place among its siblings: lists sort by (position, id), by code units'
    }),
    isArchived: z.boolean(),
    createdAt: timestampField,
    updatedAt: timestampField
  })
  .openapi('Space') satisfies z.ZodType<Space>

export const CreateSpaceSchema = z
  .object({
    id: idSchema('space')
      .optional()
      .openapi({ description: 'Client-made id; the server makes one when absent' }),
    ...createShape('space'),
    position: positionInput('Absent: after the last space.')
  })
  .strict()
  .openapi('CreateSpace')

export const UpdateSpaceSchema = z
  .object({
    ...updateShape('space'),
    isArchived: z.boolean().optional(),
    position: positionInput('Absent: it stays where it is.')
  })
  .strict()
  .refine(
    (patch) => Object.values(patch).some((value) => value !== undefined),
    'Name at least one field to change'
  )
  .openapi('UpdateSpace')

export const ListSpacesQuery = z.object({ includeArchived: includeArchivedQuery, ...pageQuery('space') })

export const SpacePageSchema = pageSchema(SpaceSchema, 'SpacePage', 'Your spaces by position (ties by id)')

export const SpaceIdParam = z.object({ id: idSchema('space').openapi({ param: { name: 'id', in: 'path' } }) })
