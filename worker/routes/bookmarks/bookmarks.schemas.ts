import { z } from '@hono/zod-openapi'
import {
  descriptionField,
  includeArchivedQuery,
  LIMITS,
  timestampField,
  titleField,
  urlField
} from '../../lib/fields'
import { idSchema } from '../../lib/ids'

export const BookmarkSchema = z
  .object({
    id: idSchema('bookmark'),
    spaceId: idSchema('space'),
    groupId: idSchema('group'),
    title: z.string().openapi({ example: 'MDN Web Docs' }),
    url: z.string().openapi({ example: 'https://developer.mozilla.org/' }),
    faviconUrl: z.string().nullable(),
    description: z.string().nullable(),
    order: z.number().int().openapi({ example: 0 }),
    isPinned: z.boolean(),
    isArchived: z.boolean(),
    createdAt: timestampField,
    updatedAt: timestampField
  })
  .openapi('Bookmark')
export type Bookmark = z.infer<typeof BookmarkSchema>

const newBookmarkFields = {
  id: idSchema('bookmark')
    .optional()
    .openapi({ description: 'Client-made id; the server makes one when absent' }),
  groupId: idSchema('group'),
  spaceId: idSchema('space')
    .optional()
    .openapi({ description: 'Optional; when given it must be the group’s space' }),
  title: titleField.openapi({ example: 'MDN Web Docs' }),
  url: urlField,
  faviconUrl: urlField.nullable().optional(),
  description: descriptionField.nullable().optional(),
  isPinned: z.boolean().default(false)
}

export const CreateBookmarkSchema = z.object(newBookmarkFields).strict().openapi('CreateBookmark')
export type CreateBookmark = z.infer<typeof CreateBookmarkSchema>

export const BulkCreateBookmarksSchema = z
  .object({
    bookmarks: z
      .array(CreateBookmarkSchema)
      .min(1)
      .max(LIMITS.bulkBookmarks)
      .refine((list) => {
        const ids = list.flatMap((b) => (b.id ? [b.id] : []))
        return new Set(ids).size === ids.length
      }, 'Must not repeat an id')
  })
  .strict()
  .openapi('BulkCreateBookmarks')

export const BulkCreateResultSchema = z
  .object({ created: z.number().int(), bookmarks: z.array(BookmarkSchema) })
  .openapi('BulkCreateResult')

export const UpdateBookmarkSchema = z
  .object({
    title: titleField.optional(),
    url: urlField.optional(),
    faviconUrl: urlField.nullable().optional(),
    description: descriptionField.nullable().optional(),
    isPinned: z.boolean().optional(),
    isArchived: z.boolean().optional(),
    groupId: idSchema('group')
      .optional()
      .openapi({ description: 'Move the bookmark to the end of this group' })
  })
  .strict()
  .refine(
    (patch) => Object.values(patch).some((value) => value !== undefined),
    'Name at least one field to change'
  )
  .openapi('UpdateBookmark')

export const BookmarkIdParam = z.object({
  id: idSchema('bookmark').openapi({ param: { name: 'id', in: 'path' } })
})
export const GroupIdPathParam = z.object({
  groupId: idSchema('group').openapi({ param: { name: 'groupId', in: 'path' } })
})
export const ListBookmarksQuery = z.object({
  groupId: idSchema('group').optional().openapi({ description: 'Only this group’s bookmarks' }),
  spaceId: idSchema('space').optional().openapi({ description: 'Only this space’s bookmarks' }),
  includeArchived: includeArchivedQuery
})
