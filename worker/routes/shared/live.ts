// "Live" rows are the user's rows that are not tombstoned (deleted_at is null): what every read and guard sees.
import { sql } from 'drizzle-orm'
import { bookmarks, groups, spaces } from '../../db/schema'

export type EntityTable = typeof spaces | typeof groups | typeof bookmarks

/** True when the user has this row and it is not deleted: the guard of a write that needs it. */
export const liveRow = (table: EntityTable, userId: string, id: string) =>
  sql`exists (select 1 from ${table} where id = ${id} and user_id = ${userId} and deleted_at is null)`

/** The user's live spaces, groups and bookmarks as three columns of the select it is put in. */
export const liveCounts = (userId: string) => {
  const count = (table: EntityTable) =>
    sql`(select count(*)::int from ${table} where user_id = ${userId} and deleted_at is null)`
  return sql`${count(spaces)} as spaces, ${count(groups)} as groups, ${count(bookmarks)} as bookmarks`
}
