// A row's API object as JSON text written by PostgreSQL: the SQL twin of serialize.ts `toApi(mapRow(…))`, with
// the same keys in the same order and the same values, so that a pull or an import answers rows without the
// Worker parsing and re-serialising each one. The fields come from the Drizzle table: a column added or renamed
// there changes this JSON with it.
import { getTableColumns, type SQL, sql } from 'drizzle-orm'
import { toSnakeCase } from 'drizzle-orm/casing'
import type { PgTable } from 'drizzle-orm/pg-core'
import { INTERNAL_KEYS } from './serialize'

/**
 * Date.prototype.toISOString's format (`2026-12-01T17:40:00.123Z`): UTC whatever the session's time zone, and
 * milliseconds truncated from PostgreSQL's microseconds, as the driver's `new Date(text)` truncates them.
 */
const isoText = (ref: string) => `to_char(${ref} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`

/** `alias."column" as "apiKey", …`: the API's fields of `table` in the table's order, dates as ISO text. */
function apiFields(table: PgTable, alias: string): string {
  return Object.entries(getTableColumns(table))
    .filter(([key]) => !INTERNAL_KEYS.has(key))
    .map(([key, column]) => {
      const ref = `${alias}."${toSnakeCase(column.name)}"`
      return `${column.getSQLType().startsWith('timestamp') ? isoText(ref) : ref} as "${key}"`
    })
    .join(', ')
}

/**
 * `cross join lateral (…) api`: joined to `alias` (a row of `table`, or of a CTE returning its columns), it
 * gives `api`, whose `row_to_json(api)` is the row's API object, compact (`{"id":"…","name":"…"}`).
 */
export const apiRow = (table: PgTable, alias: string, name = 'api'): SQL =>
  sql.raw(`cross join lateral (select ${apiFields(table, alias)}) ${name}`)

/**
 * `[a,b,…]` of the JSON texts `item` over the rows `from`, in `order` or else in the rows' own order (`[]` for
 * none): one text, no parsing. (json_agg would do it too, but writes a line break after every comma.)
 */
export const jsonArrayText = (item: SQL, from: SQL, order?: SQL): SQL =>
  sql`(select '[' || coalesce(string_agg(${item}, ','${order ? sql` order by ${order}` : sql``}), '') || ']' ${from})`
