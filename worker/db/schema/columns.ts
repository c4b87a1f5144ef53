// Column shapes shared by every table, so timestamps and sync metadata have one definition.
import { bigint, timestamp } from 'drizzle-orm/pg-core'

const timestamptz = () => timestamp({ withTimezone: true, mode: 'date' })

/** created/updated times, set by the server (never trusted from a client clock). */
export const timestamps = {
  createdAt: timestamptz().defaultNow().notNull(),
  updatedAt: timestamptz().defaultNow().notNull()
}

/**
 * Sync metadata: `version` is the owner's `users.sync_version` at the write that last touched the row;
 * `deletedAt` turns the row into a tombstone that pulls still return.
 */
export const syncColumns = {
  version: bigint({ mode: 'number' }).notNull().default(0),
  deletedAt: timestamptz()
}
