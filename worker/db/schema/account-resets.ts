// The tombstone of an account: how many times its data was deleted (DELETE /v1/me), kept after the deletion.
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * One row per user whose data was deleted, never removed and with no foreign key to users (the deletion removes
 * that row). Cursors carry the generation they were made in, so a push from before a deletion (another device's
 * outbox, a replay of a lost answer) is refused with `account_reset` instead of recreating data, and a pull
 * with such a cursor resets. Generation 0: never deleted (no row, or the row a push made to lock: a push and a
 * deletion of one account take turns on this row, worker/routes/sync/sync.queries.ts lockGeneration).
 */
export const accountResets = pgTable('account_resets', {
  userId: text().primaryKey(),
  /** Deletions so far: 1 after the first. */
  generation: integer().notNull(),
  /** When the last deletion ran. */
  resetAt: timestamp({ withTimezone: true, mode: 'date' }).defaultNow().notNull()
})
