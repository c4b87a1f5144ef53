// The entities' fields as zod schemas: the API validates with these, and the extension checks input with the same.
import { z } from 'zod'
import { createDefaults } from './defaults'
import type { EntityKind } from './kinds'
import { LIMITS } from './limits'
import { positionProblem } from './position'
import { cleanTags } from './tags'
import { isStorableText } from './text'
import { urlProblem } from './url'

/** Refuses what PostgreSQL cannot store or parse: NUL and lone surrogates. Every text field goes through it. */
export const storable = (schema: z.ZodString) =>
  schema.refine(isStorableText, 'Must not contain broken characters (a lone surrogate) or NUL')

/** Trimmed text that must not be empty: a name or a title. */
const requiredText = (max: number) =>
  storable(z.string().trim().min(1, 'Must not be empty').max(max, `Must be at most ${max} characters`))

export const nameField = requiredText(LIMITS.name)
export const iconField = storable(z.string().trim().min(1).max(LIMITS.icon))
export const colorField = z
  .string()
  .trim()
  .max(LIMITS.color)
  .regex(
    /^(#[0-9a-fA-F]{3,8}|[a-z][a-z0-9-]*)$/,
    'Must be a hex colour like #3b82f6 or a colour name like blue'
  )
export const titleField = requiredText(LIMITS.title)
export const descriptionField = storable(
  z.string().max(LIMITS.description, `Must be at most ${LIMITS.description} characters`)
)
export const urlField = z
  .string()
  .trim()
  .min(1, 'Must not be empty')
  .max(LIMITS.url, `Must be at most ${LIMITS.url} characters`)
  .superRefine((value, ctx) => {
    const problem = urlProblem(value)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })
const tagField = storable(z.string().trim().min(1, 'A tag must not be empty').max(LIMITS.tag))
/** Stored as given once cleaned (see tags.ts): one copy of each, no commas. */
export const tagsField = z
  .array(tagField.refine((tag) => !tag.includes(','), 'A tag must not contain a comma'))
  .max(LIMITS.tags, `At most ${LIMITS.tags} tags`)
  .transform((tags) => cleanTags(tags))

/** A position key (model/position.ts): where a row sits among its siblings. */
export const positionField = z.string().superRefine((value, ctx) => {
  const problem = positionProblem(value)
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
})

/**
 * The fields a client writes, per entity: a create takes them (optional ones may be left out), an update names
 * the ones it changes. Both sides of the network derive their shapes from these.
 */
export const writableFields = {
  space: {
    name: nameField,
    icon: iconField,
    color: colorField.nullable()
  },
  group: {
    name: nameField,
    icon: iconField.nullable()
  },
  bookmark: {
    title: titleField,
    url: urlField,
    faviconUrl: urlField.nullable(),
    description: descriptionField.nullable(),
    tags: tagsField,
    isPinned: z.boolean()
  }
} as const

type Writable = typeof writableFields
type Defaults = typeof createDefaults

/** The values of an entity's writable fields, as parsed. */
export type WritableFields<K extends EntityKind> = {
  -readonly [F in keyof Writable[K]]: z.output<Writable[K][F]>
}

// Every default is a valid value of its field.
createDefaults satisfies { [K in EntityKind]: Partial<WritableFields<K>> }
type Schema = z.ZodType & { default: (value: never) => z.ZodType; optional: () => z.ZodType }

/** A create's fields: the writable ones, those with a default optional. */
export function createFields<K extends EntityKind>(
  kind: K
): {
  [F in keyof Writable[K]]: Writable[K][F] extends infer S extends z.ZodType
    ? F extends keyof Defaults[K]
      ? z.ZodDefault<S>
      : S
    : never
} {
  const defaults: Record<string, unknown> = createDefaults[kind]
  return mapFields(kind, (name, schema) =>
    name in defaults ? schema.default(defaults[name] as never) : schema
  )
}

/** An update's fields: each writable one, optional (an update names only what it changes). */
export function updateFields<K extends EntityKind>(
  kind: K
): { [F in keyof Writable[K]]: Writable[K][F] extends infer S extends z.ZodType ? z.ZodOptional<S> : never } {
  return mapFields(kind, (_, schema) => schema.optional())
}

/** Each writable field of `kind`, changed by `change`; the callers' signatures say what comes out. */
const mapFields = <T>(kind: EntityKind, change: (name: string, schema: Schema) => z.ZodType): T =>
  Object.fromEntries(
    Object.entries(writableFields[kind] as Record<string, Schema>).map(([name, schema]) => [
      name,
      change(name, schema)
    ])
  ) as T

export type FieldCheck<T> = { ok: true; value: T } | { ok: false; errors: Partial<Record<keyof T, string>> }

/** Checks fields a person entered exactly as the API will: the value to save, or a message per field. */
export function checkFields<K extends EntityKind, T extends Partial<WritableFields<K>>>(
  kind: K,
  fields: T
): FieldCheck<T> {
  const result = z.object(updateFields(kind)).safeParse(fields)
  if (result.success) return { ok: true, value: result.data as T }
  const errors: Partial<Record<keyof T, string>> = {}
  for (const issue of result.error.issues) {
    const key = issue.path[0] as keyof T
    errors[key] ??= issue.message
  }
  return { ok: false, errors }
}
