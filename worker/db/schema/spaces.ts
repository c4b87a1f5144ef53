// The spaces table: a user's top-level collections, kept in the user's order.
import { sql } from 'drizzle-orm'
import { boolean, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { positionColumn, syncColumns, timestamps } from './columns'
import { users } from './users'

export const spaces = pgTable(
  'spaces',
  {
    id: text().notNull(), // space_…, unique per user (see the primary key)
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    icon: text().notNull().default('📁'),
    color: text(),
    position: positionColumn().notNull(),
    isArchived: boolean().notNull().default(false),
    ...syncColumns,
    ...timestamps
  },
  (t) => [
    // Ids are the owner's, not global: another user's id is just a free id to a caller (no conflict, no
    // oracle). Also the target of the children's composite foreign keys: a child can only point at its
    // owner's space.
    primaryKey({ name: 'spaces_pkey', columns: [t.userId, t.id] }),
    index('spaces_user_id_idx').on(t.userId),
    index('spaces_user_position_idx').on(t.userId, t.position),
    index('spaces_user_version_idx').on(t.userId, t.version),
    // Tombstones only, oldest first: what the retention purge looks for (worker/routes/sync/retention.ts).
    index('spaces_deleted_at_idx').on(t.deletedAt).where(sql`${t.deletedAt} is not null`)
  ]
)

export type SpaceRow = typeof spaces.$inferSelect
