// Per-account quotas (model/limits.ts QUOTAS): the usage a write checks in its own statement (the account's
// counters, kept by triggers), the count a push keeps while it applies a batch, and the one 403 answer.
import { type SQL, sql } from 'drizzle-orm'
import { writableFields } from '../../../model/fields'
import type { EntityKind } from '../../../model/kinds'
import { QUOTAS, type QuotaName } from '../../../model/limits'
import { bookmarks, groups, spaces, users } from '../../db/schema'
import { dataColumns } from '../../db/versioned'
import { ApiError, ErrorSchema } from '../../lib/errors'
import { freshnessCheck } from './writes'

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

/** UTF-8 bytes of the text in one entity's fields: what PostgreSQL's octet_length counts (the usage triggers). */
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

/** The same count in SQL, for the row `t` of `kind`'s table; `only` keeps the columns of those fields. */
const rowBytes = (kind: EntityKind, only?: readonly string[]): SQL =>
  sql.raw(
    textColumns[kind]
      .filter((c) => !only || only.includes(c.key))
      .map((c) =>
        c.type === 'text[]'
          ? `coalesce(octet_length(array_to_string(t."${c.name}", '')), 0)`
          : `coalesce(octet_length(t."${c.name}"), 0)`
      )
      .join(' + ') || '0'
  )

/** The users column that keeps each quota's usage (worker/db/schema/users.ts, kept by triggers). */
const counters = {
  spaces: users.usageSpaces,
  groups: users.usageGroups,
  bookmarks: users.usageBookmarks,
  bytes: users.usageBytes
} as const satisfies Record<QuotaName, unknown>

/**
 * The `usage` CTE: the user's counters (zeros before the account's first write), one row read by its key whatever
 * the account holds. It reads the statement's snapshot, so a write that embeds it also embeds `freshnessCheck`
 * (`quotaColumn` does): a count made stale by a write that committed while this one waited for the user's lock
 * then runs again under the lock, and two writers can never both take the last place.
 */
export function usageCte(userId: string): SQL {
  const column = (name: QuotaName) =>
    sql`coalesce(max(${counters[name]}), 0)::${sql.raw(name === 'bytes' ? 'float8' : 'int')} as ${sql.identifier(name)}`
  return sql`usage as (
    select ${sql.join(
      (Object.keys(counters) as QuotaName[]).map(column),
      sql`, `
    )} from ${users} where ${users.id} = ${userId}
  )`
}

/**
 * What the account holds, counted from its rows (what the counters must equal): one pass over each table. For
 * checks (worker/routes/usage.test.ts), never on a request path: its cost grows with the account.
 */
export function countedUsage(userId: string): SQL {
  const pass = (kind: EntityKind) =>
    sql`(select count(*) as n, coalesce(sum(${rowBytes(kind)}), 0) as bytes
      from ${tables[kind]} t where t.user_id = ${userId} and t.deleted_at is null)`
  return sql`select s.n::int as spaces, g.n::int as groups, b.n::int as bookmarks,
    (s.bytes + g.bytes + b.bytes)::float8 as bytes
    from ${pass('space')} s, ${pass('group')} g, ${pass('bookmark')} b`
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

/**
 * `usage` and `quota` for an update of row `id` of `kind` that sets the text fields in `patch`: `growth` is the
 * bytes it adds (what the patch's text holds less what those fields hold now, read from the row); a growth past
 * the bytes quota is `exceeded`. Shrinking, or keeping the size, always fits: an account over its quota can still
 * shorten its text. No row (missing, or not the caller's): an empty `quota`, so the write's own guard answers.
 */
export function growthQuotaCtes(
  userId: string,
  kind: EntityKind,
  id: string,
  patch: Record<string, unknown>
): SQL {
  const fields = Object.keys(patch).filter((key) => patch[key] !== undefined)
  return sql`${usageCte(userId)},
    growth as (
      select (${textBytes(kind, patch)}::bigint - (${rowBytes(kind, fields)}))::float8 as growth
      from ${tables[kind]} t where t.id = ${id} and t.user_id = ${userId} and t.deleted_at is null
    ),
    quota as (
      select case when g.growth > 0 and u.bytes + g.growth > ${QUOTAS.bytes}::float8 then 'bytes' end as exceeded,
        u.*, g.growth
      from usage u, growth g
    )`
}

/**
 * The parts of an update's statement that hold it to the bytes quota: CTEs to open its WITH (ending in a comma),
 * the guard for its `v` CTE and its answer's `quota` column (a GrowthCheck). A patch that sets no text adds nothing.
 */
export function updateQuota(userId: string, kind: EntityKind, id: string, patch: Record<string, unknown>) {
  if (!textColumns[kind].some((c) => patch[c.key] !== undefined))
    return { ctes: sql``, guard: sql`true`, column: sql`null::json as quota` }
  return {
    ctes: sql`${growthQuotaCtes(userId, kind, id, patch)},`,
    guard: withinQuota,
    column: quotaColumn(userId)
  }
}

/** The guard a write adds to its `v` CTE: nothing at all is written past a quota. */
export const withinQuota = sql`coalesce((select exceeded is null from quota), false)`

/**
 * The `quota` CTE as one JSON column of the statement's answer (a QuotaCheck), and the check that the counters it
 * read were current (shared/writes.ts freshnessCheck: the statement runs again under the lock when not).
 */
export const quotaColumn = (userId: string) =>
  sql`(select row_to_json(quota) from quota) as quota, ${freshnessCheck(userId)} as quota_fresh`

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
export function quotaExceeded(
  quota: QuotaName,
  has: number,
  adding: number,
  outcome: 'added' | 'changed' = 'added'
): ApiError {
  const limit = QUOTAS[quota]
  const holds =
    quota === 'bytes'
      ? `holds ${size(has)} of text of the ${size(limit)} it can hold, so ${size(adding)} more`
      : `has ${count(has)} ${quota} of the ${count(limit)} it can hold, so ${adding === 1 ? 'one more' : `${count(adding)} more`}`
  const verb = quota !== 'bytes' && adding === 1 ? 'does' : 'do'
  return new ApiError(
    403,
    'quota_exceeded',
    `${labels[quota]} quota reached: your account ${holds} ${verb} not fit; nothing was ${outcome}`
  )
}

/** Throws the 403 when a create's statement found it past a quota (and so wrote nothing). */
export function refuseOverQuota(check: QuotaCheck | null | undefined, adding: Partial<Usage>): void {
  if (!check?.exceeded) return
  throw quotaExceeded(check.exceeded, check[check.exceeded], adding[check.exceeded] ?? 0)
}

/** An update's check, as growthQuotaCtes answers it (null when the row was not found). */
export type GrowthCheck = QuotaCheck & { growth: number }

/** Throws the 403 when an update's statement found its text growth past the bytes quota (and so changed nothing). */
export function refuseGrowthOverQuota(check: GrowthCheck | null | undefined): void {
  if (!check?.exceeded) return
  throw quotaExceeded(check.exceeded, check[check.exceeded], check.growth, 'changed')
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
 * A push batch's quotas: starts from the usage its load read under the user's lock (the account's counters),
 * counts each create it admits, each update's change of text size and each loaded row it deletes
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

  /**
   * The reason an update of a live row from `before` to `after` (its columns) is refused, or undefined once its
   * change of size is counted: text that grows past the bytes quota. A row that shrinks or keeps its size fits.
   */
  resize(
    kind: EntityKind,
    before: Record<string, unknown>,
    after: Record<string, unknown>
  ): QuotaRejectionReason | undefined {
    const growth = textBytes(kind, after, 'column') - textBytes(kind, before, 'column')
    if (growth > 0 && this.usage.bytes + growth > QUOTAS.bytes) {
      this.first ??= 'bytes'
      this.refused.bytes += growth
      return reasonOf.bytes
    }
    this.usage.bytes += growth
    if (growth > 0) this.added.bytes += growth
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

/** The documented 403, spread into the responses of every route that creates or changes text. */
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
