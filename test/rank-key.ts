// model/position.ts rankPosition in SQL for seed statements (postgres.js) of tests and benches: 'c' and 3 base-62 digits.
import type postgres from 'postgres'
import { POSITION_DIGITS, RANK_HEAD } from '../model/position.ts'

/** The rank key of the 0-based rank `n` (a SQL fragment), for seeding lists straight into the database. */
export const rankKey = (sql: postgres.Sql, n: postgres.PendingQuery<postgres.Row[]>) =>
  sql`(${RANK_HEAD}::text || substr(${POSITION_DIGITS}::text, ((${n}) / 3844 % 62)::int + 1, 1)
    || substr(${POSITION_DIGITS}::text, ((${n}) / 62 % 62)::int + 1, 1)
    || substr(${POSITION_DIGITS}::text, ((${n}) % 62)::int + 1, 1))`
