// The users table: one row per signed-in account, with its profile and the counter that orders its writes.
import { bigint, integer, pgTable, text } from 'drizzle-orm/pg-core'
import { timestamps } from './columns'

export const users = pgTable('users', {
  id: text().primaryKey(), // Clerk user id (the token's `sub`)
  email: text(),
  name: text(),
  avatarUrl: text(),
  /** Bumped once per write transaction while the row is locked, so version order is commit order. */
  syncVersion: bigint({ mode: 'number' }).notNull().default(0),
  /**
   * The highest version of a tombstone purged so far (worker/routes/sync/retention.ts): a cursor before it may
   * have missed that delete, so its pull resets instead.
   */
  purgedVersion: bigint({ mode: 'number' }).notNull().default(0),
  /**
   * What the account holds, per quota (model/limits.ts QUOTAS): its live spaces, groups and bookmarks and the UTF-8
   * bytes of their text. Kept by triggers on the three tables (migrations/0012_usage_counters_fill.sql), in the
   * statement of every write that changes them, whatever the path: a create's quota check reads four numbers
   * instead of counting the account.
   */
  usageSpaces: integer().notNull().default(0),
  usageGroups: integer().notNull().default(0),
  usageBookmarks: integer().notNull().default(0),
  usageBytes: bigint({ mode: 'number' }).notNull().default(0),
  ...timestamps
})
