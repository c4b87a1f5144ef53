// The sync API's shapes and limits: mutations, push and pull bodies and answers, status and migration.
import { z } from '@hono/zod-openapi'
import { positionField, storable } from '../../../model/fields'
import { createShape, LIMITS, updateShape } from '../../lib/fields'
import { idSchema } from '../../lib/ids'
import { BookmarkSchema } from '../bookmarks/bookmarks.schemas'
import { GroupSchema } from '../groups/groups.schemas'
import { quotaRejectionReasons } from '../shared/quota'
import { SpaceSchema } from '../spaces/spaces.schemas'

export const MAX_PUSH_MUTATIONS = 10_000
export const DEFAULT_PULL_LIMIT = 5_000
export const MAX_PULL_LIMIT = 10_000

/** Where the row goes among its siblings: a key the client made between its new neighbours (model/position.ts). */
const position = positionField.openapi({
  example: 'a0V3kq',
  description: 'A position key (see README, Order)'
})
/** A create's or a move's position: absent, the row goes after the last of its list (as the batch leaves it). */
const createPosition = position.optional()

// Mutation data is read leniently (unknown keys such as timestamps are dropped): clients send their
// whole local entity on create, and the server sets its own times.
const spaceCreate = z.object({
  id: idSchema('space'),
  ...createShape('space'),
  position: createPosition,
  isArchived: z.boolean().optional()
})
const spaceUpdate = z.object({
  id: idSchema('space'),
  ...updateShape('space'),
  isArchived: z.boolean().optional()
})
const groupCreate = z.object({
  id: idSchema('group'),
  spaceId: idSchema('space'),
  ...createShape('group'),
  position: createPosition,
  isArchived: z.boolean().optional()
})
const groupUpdate = z.object({
  id: idSchema('group'),
  ...updateShape('group'),
  isArchived: z.boolean().optional()
})
const bookmarkCreate = z.object({
  id: idSchema('bookmark'),
  groupId: idSchema('group'),
  spaceId: idSchema('space').optional(),
  ...createShape('bookmark'),
  isArchived: z.boolean().optional(),
  position: createPosition
})
const bookmarkUpdate = z.object({
  id: idSchema('bookmark'),
  ...updateShape('bookmark'),
  isArchived: z.boolean().optional()
})

const mutationId = storable(z.string().min(1).max(100)).openapi({ example: 'm_01HZX3K9Q2' })
const m = <Entity extends string, Op extends string, Data extends z.ZodType>(
  entity: Entity,
  op: Op,
  data: Data
) => z.object({ mutationId, entity: z.literal(entity), op: z.literal(op), data })

// Discriminated by entity, then by op: a mutation is checked against its own shape only. As a plain union of
// the 14 shapes, zod parsed each one against every shape before it (0.5 s of a 10,000-mutation push).
export const MutationSchema = z
  .discriminatedUnion('entity', [
    z.discriminatedUnion('op', [
      m('space', 'create', spaceCreate),
      m('space', 'update', spaceUpdate),
      m('space', 'delete', z.object({ id: idSchema('space') })),
      m('space', 'move', z.object({ id: idSchema('space'), position: createPosition }))
    ]),
    z.discriminatedUnion('op', [
      m('group', 'create', groupCreate),
      m('group', 'update', groupUpdate),
      m('group', 'delete', z.object({ id: idSchema('group') })),
      m(
        'group',
        'move',
        z.object({ id: idSchema('group'), spaceId: idSchema('space'), position: createPosition })
      )
    ]),
    z.discriminatedUnion('op', [
      m('bookmark', 'create', bookmarkCreate),
      m('bookmark', 'update', bookmarkUpdate),
      m('bookmark', 'delete', z.object({ id: idSchema('bookmark') })),
      m(
        'bookmark',
        'move',
        z.object({ id: idSchema('bookmark'), groupId: idSchema('group'), position: createPosition })
      )
    ])
  ])
  .openapi('Mutation', {
    description:
      'One change made on a client. create: the whole entity with its position; update: id + the fields changed; ' +
      'delete: id; move: id + the new parent (none for spaces) + the position key between its new neighbours ' +
      '(absent: the end of the list), which changes that row only. (The `reorder` op and the integer `order` and ' +
      '`index` of older extensions are refused with 400 `client_outdated`.)'
  })
export type Mutation = z.infer<typeof MutationSchema>

export const PushBodySchema = z
  .object({
    clientId: storable(z.string().min(1).max(100)).openapi({ example: 'client_7f3a' }),
    cursor: z
      .string()
      .max(500)
      .optional()
      .openapi({
        description:
          'The client’s current pull cursor; when nothing else changed since, the answer moves it past this push. ' +
          'A cursor made before the account’s data was deleted (DELETE /v1/me) gets every mutation rejected with ' +
          '`account_reset` and changes nothing: the client pulls (a reset) and decides what to do with its changes.'
      }),
    mutations: z
      .array(MutationSchema)
      .min(1)
      .max(MAX_PUSH_MUTATIONS)
      .refine(
        (list) => new Set(list.map((x) => x.mutationId)).size === list.length,
        'Must not repeat a mutationId'
      )
  })
  .openapi('PushRequest')

export const rejectionReasons = [
  'not_found',
  'deleted',
  'parent_not_found',
  'parent_deleted',
  'already_exists',
  // No longer given: ids are unique per user, so another user's id is free. Kept for clients that know it.
  'id_taken',
  // A create past one of the account's quotas (model/limits.ts QUOTAS): which one, by name.
  ...quotaRejectionReasons,
  // The mutation id already has an outcome, for another payload: this change is not applied (ids are one-shot).
  'conflict',
  // The account's data was deleted (DELETE /v1/me) after the push's cursor was made: nothing is applied.
  'account_reset',
  // No longer given (reorders are moves of single rows now). Kept for clients that know them.
  'empty_order',
  'repeated_id'
] as const
export type RejectionReason = (typeof rejectionReasons)[number]

export const OutcomeSchema = z
  .object({
    mutationId: z.string(),
    status: z.enum(['applied', 'rejected']),
    reason: z.enum(rejectionReasons).optional()
  })
  .openapi('MutationOutcome')
export type Outcome = z.infer<typeof OutcomeSchema>

export const PushResultSchema = z
  .object({
    results: z.array(OutcomeSchema),
    version: z.number().int().openapi({ description: 'The sync version this push was stored at' }),
    cursor: z.string().nullable().openapi({
      description:
        'A pull cursor past this push, when the request’s cursor was current; else the request’s cursor'
    })
  })
  .openapi('PushResult')

export const PullQuerySchema = z.object({
  cursor: z
    .string()
    .max(500)
    .optional()
    .openapi({ description: 'From the previous pull; absent for everything' }),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT)
})

export const PullResultSchema = z
  .object({
    cursor: z.string().openapi({ description: 'Opaque; send it to the next pull' }),
    hasMore: z
      .boolean()
      .openapi({ description: 'The page was cut by `limit`: pull again with the new cursor' }),
    reset: z.boolean().openapi({
      description:
        'The cursor was unusable (account recreated, database restored): replace local data with this pull'
    }),
    spaces: z.array(SpaceSchema),
    groups: z.array(GroupSchema),
    bookmarks: z.array(BookmarkSchema),
    deleted: z.object({
      spaces: z.array(z.string()),
      groups: z.array(z.string()),
      bookmarks: z.array(z.string())
    })
  })
  .openapi('PullResult')
export type PullResult = z.infer<typeof PullResultSchema>

export const StatusSchema = z
  .object({
    hasData: z.boolean(),
    counts: z.object({ spaces: z.number().int(), groups: z.number().int(), bookmarks: z.number().int() }),
    version: z.number().int(),
    cursor: z.string()
  })
  .openapi('SyncStatus')

export const MigrateBodySchema = z
  .object({
    mode: z.enum(['upload', 'merge']).openapi({
      description:
        'Where an id exists on both sides: upload — this device’s values win (the item keeps its place in the account); merge (keep both) — the server’s row wins. Either way the rest of both sides is kept.'
    }),
    clientId: storable(z.string().min(1).max(100)),
    spaces: z.array(spaceCreate).max(LIMITS.orderedIds).default([]),
    groups: z
      .array(groupCreate)
      .max(LIMITS.orderedIds * 5)
      .default([]),
    bookmarks: z
      .array(bookmarkCreate)
      .max(LIMITS.bulkBookmarks * 2)
      .default([])
  })
  .refine(
    (body) =>
      [body.spaces, body.groups, body.bookmarks].every(
        (list) => new Set(list.map((x) => x.id)).size === list.length
      ),
    { message: 'Must not repeat an id', path: ['spaces'] }
  )
  .openapi('MigrateRequest')

export const MigrateResultSchema = z
  .object({
    created: z.object({ spaces: z.number().int(), groups: z.number().int(), bookmarks: z.number().int() }),
    kept: z
      .number()
      .int()
      .openapi({
        description:
          'Items the account already had and this request left as they were: in merge, those whose id it had ' +
          '(the server’s row won); in either mode, those an earlier identical migration stored (a retry)'
      }),
    updated: z.number().int().openapi({
      description: 'upload: items whose id the account already had, now with this device’s values'
    }),
    rejected: z.array(OutcomeSchema),
    version: z.number().int()
  })
  .openapi('MigrateResult')
