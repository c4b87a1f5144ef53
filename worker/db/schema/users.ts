// The users table: one row per signed-in account, with its profile and the counter that orders its writes.
import { bigint, pgTable, text } from 'drizzle-orm/pg-core'
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
  ...timestamps
})
