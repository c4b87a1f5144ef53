// Building blocks for versioned writes: every write statement starts with the `v` CTE, which creates the
// user's row on first write (no extra round trip) and bumps `users.sync_version` under a row lock, so the
// version stamped on changed rows follows commit order (see SYNC-NOTES.md).
import { getTableColumns, type SQL, sql } from 'drizzle-orm'
import { toSnakeCase } from 'drizzle-orm/casing'
import type { PgTable } from 'drizzle-orm/pg-core'
import { users } from './schema'

export function bumpVersionCte(userId: string): SQL {
  return sql`v as (
    insert into ${users} (id, sync_version) values (${userId}, 1)
    on conflict (id) do update set sync_version = ${users.syncVersion} + 1, updated_at = now()
    returning sync_version
  )`
}

/** `"col" = value, …` for the fields a PATCH names; keys are the schema's camelCase names. */
export function assignments(patch: Record<string, unknown>): SQL[] {
  return Object.entries(patch)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => sql`${sql.identifier(toSnakeCase(key))} = ${value}`)
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

const PG_UNIQUE_VIOLATION = '23505'
const PG_FOREIGN_KEY_VIOLATION = '23503'

function pgCode(err: unknown): string | undefined {
  let current: unknown = err
  // Drizzle wraps driver errors in DrizzleQueryError; the Postgres code sits on the cause.
  for (let depth = 0; depth < 3 && current; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

export const isUniqueViolation = (err: unknown) => pgCode(err) === PG_UNIQUE_VIOLATION
export const isForeignKeyViolation = (err: unknown) => pgCode(err) === PG_FOREIGN_KEY_VIOLATION
