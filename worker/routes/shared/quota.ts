// Per-account quotas (model/limits.ts QUOTAS): the usage a create counts in its own statement, the count a push
// keeps while it applies a batch, and the one 403 answer.
import { type SQL, sql } from 'drizzle-orm'
import { writableFields } from '../../../model/fields'
import type { EntityKind } from '../../../model/kinds'
import { QUOTAS, type QuotaName } from '../../../model/limits'
import { bookmarks, groups, spaces } from '../../db/schema'
import { dataColumns } from '../../db/versioned'
import { ApiError, ErrorSchema } from '../../lib/errors'

/** What an account holds, per quota: live rows of each kind, and the bytes of their text. */
export type Usage = Record<QuotaName, number>

/** A create's check, as its statement answers it: the usage before it, and the first quota it would pass. */
export type QuotaCheck = Usage & { exceeded: QuotaName | null }

const tables = { space: spaces, group: groups, bookmark: bookmarks } as const
const quotaOf = { space: 'spaces', group: 'groups', bookmark: 'bookmarks' } as const satisfies Record<
  EntityKind,
  QuotaName
>

/**
 * The text people write, per kind (the writable text fields of model/fields.ts: a new one counts without an edit
 * here). Ids are left out: they are keys, bounded by the row quotas. Push reads rows by column name (snake_case),
 * REST by field name (camelCase).
 */
const textColumns = Object.fromEntries(
  (['space', 'group', 'bookmark'] as const).map((kind) => [
    kind,
    dataColumns(tables[kind], Object.keys(writableFields[kind])).filter(
      (c) => c.type === 'text' || c.type === 'text[]'
    )
  ])
) as Record<EntityKind, ReturnType<typeof dataColumns>>

const encoder = new TextEncoder()

/** UTF-8 bytes of the text in one entity's fields: what PostgreSQL's octet_length counts (usageCte). */
export function textBytes(
  kind: EntityKind,
  values: Record<string, unknown>,
  keys: 'field' | 'column' = 'field'
) {
  let bytes = 0
  for (const column of textColumns[kind]) {
    const value = values[keys === 'field' ? column.key : column.name]
    const parts = Array.isArray(value) ? value : [value]
    for (const part of parts) if (typeof part === 'string') bytes += encoder.encode(part).length
  }
  return bytes
}

/** The same count in SQL, for the row `t` of `kind`'s table. */
const rowBytes = (kind: EntityKind): SQL =>
  sql.raw(
    textColumns[kind]
      .map((c) =>
        c.type === 'text[]'
          ? `coalesce(octet_length(array_to_string(t."${c.name}", '')), 0)`
          : `coalesce(octet_length(t."${c.name}"), 0)`
      )
      .join(' + ')
  )

/**
 * The `usage` CTE: the user's live rows and their text bytes, one pass over each table (through its user_id
 * index). It reads the statement's snapshot, so a write that embeds it must also embed `freshnessCheck` (every
 * create does): a count made stale by a write that committed while this one waited for the user's lock then
 * runs again under the lock, and two writers can never both take the last place.
 */
export function usageCte(userId: string): SQL {
  const pass = (kind: EntityKind) =>
    sql`(select count(*) as n, coalesce(sum(${rowBytes(kind)}), 0) as bytes
      from ${tables[kind]} t where t.user_id = ${userId} and t.deleted_at is null)`
  return sql`usage as (
    select s.n::int as spaces, g.n::int as groups, b.n::int as bookmarks, (s.bytes + g.bytes + b.bytes)::float8 as bytes
    from ${pass('space')} s, ${pass('group')} g, ${pass('bookmark')} b
  )`
}

/**
 * `usage` and `quota`: the first quota that `adding` would pass (null when it fits). Only the kinds being
 * created are checked, so an account over a lowered quota of one kind can still create the others.
 */
export function quotaCtes(userId: string, adding: Partial<Usage>): SQL {
  const checks = (Object.keys(QUOTAS) as QuotaName[]).flatMap((name) => {
    const n = adding[name] ?? 0
    return n > 0
      ? [sql`when u.${sql.identifier(name)} + ${n}::float8 > ${QUOTAS[name]}::float8 then ${name}`]
      : []
  })
  const exceeded = checks.length > 0 ? sql`case ${sql.join(checks, sql` `)} end` : sql`null`
  return sql`${usageCte(userId)},
    quota as (select ${exceeded}::text as exceeded, u.* from usage u)`
}

/** The guard a create adds to its `v` CTE: nothing at all is written past a quota. */
export const withinQuota = sql`(select exceeded is null from quota)`

/** The `quota` CTE as one JSON column of the statement's answer (a QuotaCheck). */
export const quotaColumn = sql`(select row_to_json(quota) from quota)`

const labels: Record<QuotaName, string> = {
  spaces: 'Space',
  groups: 'Group',
  bookmarks: 'Bookmark',
  bytes: 'Storage'
}
const count = (n: number) => n.toLocaleString('en')

/** Bytes for people: `99.9 MB`, rounded down so that an account under its quota never reads as full. */
function size(bytes: number) {
  const [unit, scale] = bytes >= 1e6 ? ['MB', 1e6] : bytes >= 1e3 ? ['KB', 1e3] : ['bytes', 1]
  return `${(Math.floor((bytes / scale) * 10) / 10).toLocaleString('en')} ${unit}`
}

/**
 * The one answer to a create past a quota, naming the quota, what the account holds and what did not fit, e.g.
 * "Bookmark quota reached: your account has 99,998 bookmarks of the 100,000 it can hold, so 3 more do not fit;
 * nothing was added". No closing full stop: the extension puts the message inside its own sentences.
 */
export function quotaExceeded(quota: QuotaName, has: number, adding: number): ApiError {
  const limit = QUOTAS[quota]
  const holds =
    quota === 'bytes'
      ? `holds ${size(has)} of text of the ${size(limit)} it can hold, so ${size(adding)} more`
      : `has ${count(has)} ${quota} of the ${count(limit)} it can hold, so ${adding === 1 ? 'one more' : `${count(adding)} more`}`
  const verb = quota !== 'bytes' && adding === 1 ? 'does' : 'do'
  return new ApiError(
    403,
    'quota_exceeded',
    `${labels[quota]} quota reached: your account ${holds} ${verb} not fit; nothing was added`
  )
}

/** Throws the 403 when a create's statement found it past a quota (and so wrote nothing). */
export function refuseOverQuota(check: QuotaCheck | null | undefined, adding: Partial<Usage>): void {
  if (!check?.exceeded) return
  throw quotaExceeded(check.exceeded, check[check.exceeded], adding[check.exceeded] ?? 0)
}

/** A push's outcome reason for a create past each quota (the extension shows it beside the change it undid). */
export const quotaRejectionReasons = [
  'space_quota_exceeded',
  'group_quota_exceeded',
  'bookmark_quota_exceeded',
  'storage_quota_exceeded'
] as const
export type QuotaRejectionReason = (typeof quotaRejectionReasons)[number]
const reasonOf: Record<QuotaName, QuotaRejectionReason> = {
  spaces: 'space_quota_exceeded',
  groups: 'group_quota_exceeded',
  bookmarks: 'bookmark_quota_exceeded',
  bytes: 'storage_quota_exceeded'
}

const none = (): Usage => ({ spaces: 0, groups: 0, bookmarks: 0, bytes: 0 })

/**
 * A push batch's quotas: starts from the usage its load read under the user's lock (the load reads it whenever
 * the batch holds a create; without it, from zero), counts each create it admits and each loaded row it deletes
 * (children a cascade reaches only in the write statement are not subtracted, so a batch errs on the side of
 * refusing), and remembers what it refused, for migrate's 403.
 */
export class BatchQuota {
  private readonly before: Usage
  private readonly usage: Usage
  private readonly added = none()
  private readonly refused = none()
  private first: QuotaName | undefined

  constructor(loaded: Usage | null) {
    this.before = loaded ? { ...loaded } : none()
    this.usage = { ...this.before }
  }

  /** The reason a create of `row` (its columns, snake_case) is refused, or undefined once it is counted. */
  admit(kind: EntityKind, row: Record<string, unknown>): QuotaRejectionReason | undefined {
    const bytes = textBytes(kind, row, 'column')
    const rows = quotaOf[kind]
    const over =
      this.usage[rows] + 1 > QUOTAS[rows]
        ? rows
        : this.usage.bytes + bytes > QUOTAS.bytes
          ? 'bytes'
          : undefined
    if (over) {
      this.first ??= over
      this.refused[over] += over === 'bytes' ? bytes : 1
      return reasonOf[over]
    }
    this.usage[rows] += 1
    this.usage.bytes += bytes
    this.added[rows] += 1
    this.added.bytes += bytes
    return undefined
  }

  /** A loaded row this batch deleted gives its place back. */
  release(kind: EntityKind, row: Record<string, unknown>) {
    this.usage[quotaOf[kind]] -= 1
    this.usage.bytes -= textBytes(kind, row, 'column')
  }

  /** The 403 for a batch that must be stored whole or not at all (a migration), when a create did not fit. */
  refusal(): ApiError | undefined {
    if (!this.first) return undefined
    const q = this.first
    return quotaExceeded(q, this.before[q], this.added[q] + this.refused[q])
  }
}

/** The documented 403, spread into the responses of every route that creates. */
export const quotaResponse = {
  403: {
    description: `A quota of the account would be passed (${count(QUOTAS.spaces)} spaces, ${count(QUOTAS.groups)} groups, ${count(QUOTAS.bookmarks)} bookmarks, ${size(QUOTAS.bytes)} of text); nothing was written`,
    content: {
      'application/json': {
        schema: ErrorSchema,
        example: {
          error: {
            code: 'quota_exceeded',
            message: quotaExceeded('bookmarks', QUOTAS.bookmarks, 1).message
          }
        }
      }
    }
  }
} as const
