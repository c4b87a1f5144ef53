import { z } from '@hono/zod-openapi'
import { colorField, iconField, nameField, timestampField } from '../../lib/fields'
import { idSchema } from '../../lib/ids'

export const SpaceSchema = z
  .object({
    id: idSchema('space'),
    name: z.string().openapi({ example: 'Work' }),
    icon: z.string().openapi({ example: '💼' }),
    color: z.string().nullable().openapi({ example: '#3b82f6' }),
    order: z.number().int().openapi({ example: 0 }),
    isArchived: z.boolean(),
    createdAt: timestampField,
    updatedAt: timestampField
  })
  .openapi('Space')
export type Space = z.infer<typeof SpaceSchema>

export const CreateSpaceSchema = z
  .object({
    id: idSchema('space')
      .optional()
      .openapi({ description: 'Client-made id; the server makes one when absent' }),
    name: nameField.openapi({ example: 'Work' }),
    icon: iconField.default('📁'),
    color: colorField.nullable().optional()
  })
  .strict()
  .openapi('CreateSpace')

export const UpdateSpaceSchema = z
  .object({
    name: nameField.optional(),
    icon: iconField.optional(),
    color: colorField.nullable().optional(),
    isArchived: z.boolean().optional()
  })
  .strict()
  .refine(
    (patch) => Object.values(patch).some((value) => value !== undefined),
    'Name at least one field to change'
  )
  .openapi('UpdateSpace')

export const SpaceIdParam = z.object({ id: idSchema('space').openapi({ param: { name: 'id', in: 'path' } }) })
