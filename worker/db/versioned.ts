// Building blocks for versioned writes: every write statement starts with the `v` CTE, which creates the
// user's row on first write (no extra round trip) and bumps `users.sync_version` under a row lock, so the
// version stamped on changed rows follows commit order: nothing committed after a pull at version N can carry
// a version at or below N.
import { getTableColumns, type SQL, sql } from 'drizzle-orm'
import { toSnakeCase } from 'drizzle-orm/casing'
import type { PgTable } from 'drizzle-orm/pg-core'
import { driverCode } from '../lib/errors'
import { users } from './schema'

/**
 * The `v` CTE: creates the user's row on first write and bumps `sync_version` under its row lock, but only
 * when `guard` holds: a write that finds nothing to change (a missing id or another user's, a parent that is not the
 * caller's) then changes nothing at all, not even the caller's version. Every other CTE joins `v`, so an
 * empty `v` stops them all.
 */
export function bumpVersionCte(userId: string, guard: SQL = sql`true`): SQL {
  return sql`v as (
    insert into ${users} (id, sync_version) select ${userId}, 1 where ${guard}
    on conflict (id) do update set sync_version = ${users.syncVersion} + 1, updated_at = now()
    returning sync_version
  )`
}

/** `"col" = value, …` for the fields a PATCH names; keys are the schema's camelCase names. */
export function assignments(patch: Record<string, unknown>): SQL[] {
  return (
    Object.entries(patch)
      .filter(([, value]) => value !== undefined)
      // One parameter each: Drizzle would expand an array (tags) into a list of parameters.
      .map(([key, value]) => sql`${sql.identifier(toSnakeCase(key))} = ${sql.param(value)}`)
  )
}

/** Maps a raw snake_case row from `db.execute` to the table's typed row, as Drizzle's own selects do. */
export function mapRow<T extends PgTable>(table: T, raw: Record<string, unknown>): T['$inferSelect'] {
  const out: Record<string, unknown> = {}
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = raw[toSnakeCase(key)]
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value)
  }
  return out as T['$inferSelect']
}

/** A taken id: the caller's own (ids are unique per user, so another user's id is never taken). */
export const isUniqueViolation = (err: unknown) => driverCode(err) === '23505'

/** Columns a row of the client's data fills: everything but the owner, the sync metadata and the server's times. */
const SERVER_COLUMNS = new Set(['userId', 'version', 'deletedAt', 'createdAt', 'updatedAt'])

/** The table's client-written columns, in table order: camelCase key, SQL name and SQL type. */
export function dataColumns(table: PgTable, keys?: readonly string[]) {
  return Object.entries(getTableColumns(table))
    .filter(([key]) => (keys ? keys.includes(key) : !SERVER_COLUMNS.has(key)))
    .map(([key, column]) => ({ key, name: toSnakeCase(column.name), type: column.getSQLType() }))
}

/** `"id" text, "title" text, "tags" text[], …`: the typed columns of `jsonb_to_recordset(…) as r(…)`. */
export const recordsetDefs = (columns: ReturnType<typeof dataColumns>, extra = ''): SQL =>
  sql.raw(columns.map((c) => `"${c.name}" ${c.type}`).join(', ') + (extra ? `, ${extra}` : ''))

/** `"a", "b"` or, with a prefix, `r."a", r."b"`. */
export const columnList = (columns: ReturnType<typeof dataColumns>, prefix = ''): SQL =>
  sql.raw(columns.map((c) => `${prefix}"${c.name}"`).join(', '))
