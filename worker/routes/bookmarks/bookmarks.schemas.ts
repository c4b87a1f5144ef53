// The bookmark's API shapes: the object answered, create, bulk and update bodies, path and query parameters.
import { z } from '@hono/zod-openapi'
import type { Bookmark } from '../../../model/entities'
import {
  createShape,
  includeArchivedQuery,
  LIMITS,
  positionInput,
  timestampField,
  updateShape
} from '../../lib/fields'
import { idSchema } from '../../lib/ids'
import { pageQuery, pageSchema } from '../shared/page'

export type { Bookmark }

export const BookmarkSchema = z
  .object({
    id: idSchema('bookmark'),
    spaceId: idSchema('space'),
    groupId: idSchema('group'),
    title: z.string().openapi({ example: 'MDN Web Docs' }),
    url: z.string().openapi({ example: 'https://developer.mozilla.org/' }),
    faviconUrl: z.string().nullable(),
    description: z.string().nullable(),
    tags: z.array(z.string()).openapi({ example: ['docs', 'web'] }),
    position: z.string().openapi({
      example: 'c001',
      description: 'Its place among its siblings: lists sort by (position, id), by code units'
    }),
    isPinned: z.boolean(),
    isArchived: z.boolean(),
    createdAt: timestampField,
    updatedAt: timestampField
  })
  .openapi('Bookmark') satisfies z.ZodType<Bookmark>

const newBookmarkFields = {
  id: idSchema('bookmark')
    .optional()
    .openapi({ description: 'Client-made id; the server makes one when absent' }),
  groupId: idSchema('group'),
  spaceId: idSchema('space')
    .optional()
    .openapi({ description: 'Optional; when given it must be the group’s space' }),
  ...createShape('bookmark'),
  position: positionInput('Absent: after the group’s last bookmark (in a bulk create, in the order given).')
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
export type BulkCreateResult = z.infer<typeof BulkCreateResultSchema>

export const UpdateBookmarkSchema = z
  .object({
    ...updateShape('bookmark'),
    isArchived: z.boolean().optional(),
    groupId: idSchema('group')
      .optional()
      .openapi({ description: 'Move the bookmark to this group: to `position`, or its end' }),
    position: positionInput('Absent: it stays where it is, or goes to the end of `groupId`.')
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
  includeArchived: includeArchivedQuery,
  ...pageQuery('bookmark')
})

export const BookmarkPageSchema = pageSchema(
  BookmarkSchema,
  'BookmarkPage',
  'Bookmarks by group, then position (ties by id)'
)
