// Field schemas shared by the resources, with their limits in one place.
import { z } from '@hono/zod-openapi'
import { type EntityKind, idSchema } from './ids'

export const LIMITS = {
  name: 100,
  icon: 32,
  color: 32,
  title: 500,
  url: 2048,
  description: 2000,
  orderedIds: 1000,
  bulkBookmarks: 5000
} as const

export const nameField = z.string().trim().min(1, 'Must not be empty').max(LIMITS.name)
export const iconField = z.string().trim().min(1).max(LIMITS.icon).openapi({ example: '📚' })
export const colorField = z
  .string()
  .trim()
  .max(LIMITS.color)
  .regex(
    /^(#[0-9a-fA-F]{3,8}|[a-z][a-z0-9-]*)$/,
    'Must be a hex colour like #3b82f6 or a colour name like blue'
  )
  .openapi({ example: '#3b82f6' })

// Schemes a bookmark may point at; script-running schemes are refused.
const URL_SCHEMES = [
  'http:',
  'https:',
  'ftp:',
  'file:',
  'chrome:',
  'chrome-extension:',
  'edge:',
  'about:',
  'mailto:'
]
export const urlField = z
  .string()
  .trim()
  .min(1, 'Must not be empty')
  .max(LIMITS.url)
  .refine((value) => URL.canParse(value), 'Must be a full URL such as https://example.com')
  .refine((value) => !URL.canParse(value) || URL_SCHEMES.includes(new URL(value).protocol), {
    message: `Must use one of: ${URL_SCHEMES.join(' ')}`
  })
  .openapi({ example: 'https://developer.mozilla.org/' })
export const titleField = z.string().trim().min(1, 'Must not be empty').max(LIMITS.title)
export const descriptionField = z.string().max(LIMITS.description)

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
