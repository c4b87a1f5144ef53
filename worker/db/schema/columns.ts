// Column shapes shared by every table, so timestamps and sync metadata have one definition.
import { bigint, customType, timestamp } from 'drizzle-orm/pg-core'

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

/**
 * A row's place among its siblings: a position key (model/position.ts). `COLLATE "C"` compares it by bytes, which
 * for its ASCII digits is the extension's code-unit `<`: both sides sort a list the same, whatever the database's
 * default collation. Lists sort by (position, id), the id `COLLATE "C"` too.
 */
export const positionColumn = customType<{ data: string; driverData: string }>({
  dataType: () => 'text collate "C"'
})
