// The API's field schemas: the shared entity fields (model/fields.ts) with the examples the OpenAPI document shows.
import { z } from '@hono/zod-openapi'
import { createFields, positionField, updateFields } from '../../model/fields'
import { LIMITS } from '../../model/limits'
import { type EntityKind, idSchema } from './ids'

export { LIMITS }

const examples: Record<string, unknown> = {
  name: 'Work',
  icon: '📚',
  color: '#3b82f6',
  title: 'MDN Web Docs',
  url: 'https://developer.mozilla.org/',
  faviconUrl: 'https://developer.mozilla.org/favicon.ico',
  description: 'The web platform reference',
  tags: ['docs', 'web']
}

/** Each field with its example, when it has one. */
function documented<Shape extends Record<string, z.ZodType>>(shape: Shape): Shape {
  const entries = Object.entries(shape).map(([name, schema]) => [
    name,
    name in examples ? schema.openapi({ example: examples[name] }) : schema
  ])
  return Object.fromEntries(entries) as Shape
}

/** The fields a create of `kind` takes (those with a default may be left out). */
export const createShape = <K extends EntityKind>(kind: K) => documented(createFields(kind))
/** The fields an update of `kind` may name. */
export const updateShape = <K extends EntityKind>(kind: K) => documented(updateFields(kind))

/** A write's optional position key (model/position.ts): where the row goes among its new siblings. */
export const positionInput = (absent: string) =>
  positionField.optional().openapi({
    example: 'c001V',
    description: `A position key between the new neighbours' keys (README, Order): only this row changes. ${absent}`
  })

export const timestampField = z.string().openapi({ format: 'date-time', example: '2026-11-25T10:24:31.123Z' })

export function orderedIdsBody(kind: EntityKind) {
  return z
    .object({
      orderedIds: z
        .array(idSchema(kind))
        .min(1)
        .max(LIMITS.orderedIds)
        .refine((ids) => new Set(ids).size === ids.length, 'Must not repeat an id')
        .openapi({ description: 'The new order; ids left out keep their relative order after these' })
    })
    .openapi(`${kind[0]?.toUpperCase()}${kind.slice(1)}Order`)
}

export const includeArchivedQuery = z
  .enum(['true', 'false'])
  .optional()
  .transform((value) => value === 'true')
  .openapi({ description: 'Also list archived items', example: 'true' })

export const ReorderResultSchema = z.object({ updated: z.number().int() }).openapi('ReorderResult')
