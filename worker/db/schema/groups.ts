// The groups table: the tabs of a space, held to the same user's space by a composite foreign key.
import { sql } from 'drizzle-orm'
import { boolean, foreignKey, index, pgTable, primaryKey, text, unique } from 'drizzle-orm/pg-core'
import { positionColumn, syncColumns, timestamps } from './columns'
import { spaces } from './spaces'
import { users } from './users'

export const groups = pgTable(
  'groups',
  {
    id: text().notNull(), // group_…, unique per user (see the primary key)
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    spaceId: text().notNull(),
    name: text().notNull(),
    icon: text(),
    position: positionColumn().notNull(),
    isArchived: boolean().notNull().default(false),
    ...syncColumns,
    ...timestamps
  },
  (t) => [
    // Ids are the owner's, not global (as spaces_pkey).
    primaryKey({ name: 'groups_pkey', columns: [t.userId, t.id] }),
    // The group's space must be the same user's space: enforced by the database, not only the API.
    foreignKey({
      name: 'groups_user_space_fk',
      columns: [t.userId, t.spaceId],
      foreignColumns: [spaces.userId, spaces.id]
    }).onDelete('cascade'),
    // Target of bookmarks' foreign key, which also pins a bookmark's space to its group's space.
    unique('groups_user_id_space_id_id_key').on(t.userId, t.spaceId, t.id),
    index('groups_user_id_idx').on(t.userId),
    index('groups_space_id_idx').on(t.spaceId),
    index('groups_user_version_idx').on(t.userId, t.version),
    // Tombstones only, oldest first: what the retention purge looks for (worker/routes/sync/retention.ts).
    index('groups_deleted_at_idx').on(t.deletedAt).where(sql`${t.deletedAt} is not null`)
  ]
)

export type GroupRow = typeof groups.$inferSelect
