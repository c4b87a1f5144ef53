// The ledger of pushed mutations' outcomes, so that a repeated push is answered, not applied twice.
import { bigint, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * The outcome of every pushed mutation, written in the push's own transaction: a replayed mutation id
 * changes nothing and gets the stored outcome back (the client lost the response, or two tabs pushed).
 * Purged after worker/routes/sync/retention.ts OUTCOME_RETENTION_DAYS.
 */
export const syncMutations = pgTable(
  'sync_mutations',
  {
    /**
     * No foreign key to users: its check was a lookup and lock of the user's row for every stored outcome (a third
     * of the cost of storing a 10,000-mutation push's outcomes). Every outcome is written by a push that holds
     * the user's row, and DELETE /v1/me deletes the account's outcomes in its own statement
     * (worker/routes/me/me.queries.ts), in turn with pushes.
     */
    userId: text().notNull(),
    /**
     * Whose id it is: a client's push picks its mutation ids, a migration derives them from the items' ids. Part
     * of the key, so that neither can answer for the other.
     */
    kind: text({ enum: ['push', 'migrate'] })
      .notNull()
      .default('push'),
    mutationId: text().notNull(),
    clientId: text().notNull(),
    status: text({ enum: ['applied', 'rejected'] }).notNull(),
    reason: text(),
    /**
     * SHA-256 of the mutation's payload (worker/routes/sync/payload-hash.ts): a replay must be the same change.
     * Null for outcomes stored before it was kept; they answer any replay as before.
     */
    payloadHash: text(),
    /** The user's sync version the push ran at. */
    version: bigint({ mode: 'number' }).notNull(),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).defaultNow().notNull()
  },
  (t) => [
    primaryKey({ name: 'sync_mutations_pkey', columns: [t.userId, t.kind, t.mutationId] }),
    // For purging old outcomes (a replay only comes soon after the push it repeats).
    index('sync_mutations_created_at_idx').on(t.createdAt)
  ]
)
