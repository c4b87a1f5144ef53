// Pages of the list routes: the `limit` and `cursor` query fields, the page answer, and the opaque keyset
// cursor (the last item's place in the list's order), bounded before it reaches SQL.
import { z } from '@hono/zod-openapi'
import { type AnyColumn, asc, type SQL, sql } from 'drizzle-orm'
import { idPattern } from '../../../model/ids'
import type { EntityKind } from '../../../model/kinds'
import { PAGE_SIZE } from '../../../model/limits'
import { formatProblem } from '../../../model/position'

/**
 * An item's place in its list's order: spaces by (position, id); groups by (spaceId, position, id); bookmarks by
 * (groupId, position, id), positions and ids by code units (`COLLATE "C"`) as the extension sorts them. Ids are unique per user, so the order is total and a page never repeats or skips an
 * item that stays where it is. (An item reordered between two pages can be seen twice or not at all, as in
 * any keyset list; sync pull is the way to mirror an account.)
 */
export type PageKey = { parent: string | null; position: string; id: string }

/**
 * A list's keyset in SQL: its order (parent, position, id — spaces have no parent) and the condition for the rows
 * after `after`, so every list route pages the same way. The position column is `COLLATE "C"` already.
 */
export function keyset(
  columns: { parent?: AnyColumn; position: AnyColumn; id: AnyColumn },
  after: PageKey | undefined
): { orderBy: SQL[]; after: SQL | undefined } {
  const { parent, position, id } = columns
  const byId = sql`${id} collate "C"`
  const orderBy = [...(parent ? [asc(parent)] : []), asc(position), byId]
  if (!after) return { orderBy, after: undefined }
  const rest = sql`${after.position}::text collate "C", ${after.id}::text collate "C"`
  return {
    orderBy,
    after: parent
      ? sql`(${parent}, ${position}, ${byId}) > (${after.parent}::text, ${rest})`
      : sql`(${position}, ${byId}) > (${rest})`
  }
}

const parentKind: Record<EntityKind, EntityKind | null> = { space: null, group: 'space', bookmark: 'group' }
/** Names the list a cursor belongs to, so one list's cursor is never read as another's. */
const tag: Record<EntityKind, string> = { space: 's', group: 'g', bookmark: 'b' }

/** A position as a cursor may hold one: a key's format (model/position.ts), not longer than a key the server makes. */
const cursorPosition = (o: unknown): o is string =>
  typeof o === 'string' && o.length <= 200 && !formatProblem(o)

export function encodePageCursor(kind: EntityKind, key: PageKey): string {
  const json = JSON.stringify({
    l: tag[kind],
    o: key.position,
    i: key.id,
    ...(key.parent ? { p: key.parent } : {})
  })
  return btoa(json).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '')
}

/** The key a cursor holds, or undefined for anything this API did not make (then the route answers 400). */
export function decodePageCursor(kind: EntityKind, cursor: string): PageKey | undefined {
  let value: unknown
  try {
    value = JSON.parse(atob(cursor.replaceAll('-', '+').replaceAll('_', '/')))
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const { l, o, i, p } = value as Record<string, unknown>
  const parent = parentKind[kind]
  const validId = (id: unknown, of: EntityKind) => typeof id === 'string' && idPattern(of).test(id)
  if (
    l !== tag[kind] ||
    !cursorPosition(o) ||
    !validId(i, kind) ||
    (parent ? !validId(p, parent) : p !== undefined)
  )
    return undefined
  return { parent: parent ? (p as string) : null, position: o, id: i as string }
}

/** The `limit` and `cursor` fields of a list route's query string, for lists of `kind`. */
export function pageQuery(kind: EntityKind) {
  return {
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(PAGE_SIZE.max)
      .default(PAGE_SIZE.default)
      .openapi({
        description: `Items per page: 1 to ${PAGE_SIZE.max.toLocaleString('en')}, ${PAGE_SIZE.default} when absent`,
        example: PAGE_SIZE.default
      }),
    cursor: z
      .string()
      .max(500)
      .optional()
      .transform((value, ctx) => {
        if (value === undefined) return undefined
        const key = decodePageCursor(kind, value)
        if (key) return key
        ctx.addIssue({
          code: 'custom',
          message: 'Invalid cursor: pass the nextCursor of a previous page of this list, or none'
        })
        return z.NEVER
      })
      .openapi({
        type: 'string',
        description: 'The `nextCursor` of the previous page; absent for the first page'
      })
  }
}

/** A page answer: the items, and the cursor of the next page (null on the last). */
export function pageSchema<T extends z.ZodType>(item: T, name: string, order: string) {
  return z
    .object({
      items: z.array(item).openapi({ description: order }),
      nextCursor: z.string().nullable().openapi({
        description: 'Opaque; pass it as `cursor` for the next page. Null when this page is the last'
      })
    })
    .openapi(name)
}

/**
 * A page from the `limit + 1` rows a list query read: the extra row only says that another page follows, and
 * the cursor names the last item shown.
 */
export function toPage<Row, Item>(
  kind: EntityKind,
  rows: Row[],
  limit: number,
  keyOf: (row: Row) => PageKey,
  toItem: (row: Row) => Item
): { items: Item[]; nextCursor: string | null } {
  const shown = rows.slice(0, limit)
  const last = shown.at(-1)
  return {
    items: shown.map(toItem),
    nextCursor: rows.length > limit && last ? encodePageCursor(kind, keyOf(last)) : null
  }
}
