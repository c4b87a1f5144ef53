// The ledger of pushed mutations' outcomes, so that a repeated push is answered, not applied twice.
import { bigint, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'
import { users } from './users'

/**
 * The outcome of every pushed mutation, written in the push's own transaction: a replayed mutation id
 * changes nothing and gets the stored outcome back (the client lost the response, or two tabs pushed).
 */
export const syncMutations = pgTable(
  'sync_mutations',
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    mutationId: text().notNull(),
    clientId: text().notNull(),
    status: text({ enum: ['applied', 'rejected'] }).notNull(),
    reason: text(),
    /** The user's sync version the push ran at. */
    version: bigint({ mode: 'number' }).notNull(),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).defaultNow().notNull()
  },
  (t) => [
    primaryKey({ name: 'sync_mutations_pkey', columns: [t.userId, t.mutationId] }),
    // For purging old outcomes (a replay only comes soon after the push it repeats).
    index('sync_mutations_created_at_idx').on(t.createdAt)
  ]
)
