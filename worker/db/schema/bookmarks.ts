// The bookmarks table: each row sits in a group and its space, both the same user's (foreign keys).
import { sql } from 'drizzle-orm'
import { boolean, foreignKey, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { positionColumn, syncColumns, timestamps } from './columns'
import { groups } from './groups'
import { spaces } from './spaces'
import { users } from './users'

export const bookmarks = pgTable(
  'bookmarks',
  {
    id: text().notNull(), // bookmark_…, unique per user (see the primary key)
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    spaceId: text().notNull(),
    groupId: text().notNull(),
    title: text().notNull(),
    url: text().notNull(),
    faviconUrl: text(),
    description: text(),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    position: positionColumn().notNull(),
    isPinned: boolean().notNull().default(false),
    isArchived: boolean().notNull().default(false),
    ...syncColumns,
    ...timestamps
  },
  (t) => [
    // Ids are the owner's, not global (as spaces_pkey).
    primaryKey({ name: 'bookmarks_pkey', columns: [t.userId, t.id] }),
    foreignKey({
      name: 'bookmarks_user_space_fk',
      columns: [t.userId, t.spaceId],
      foreignColumns: [spaces.userId, spaces.id]
    }).onDelete('cascade'),
    // One key covers both rules: the group is the same user's, and the bookmark's space is the group's.
    // ON UPDATE CASCADE carries bookmarks along when their group moves to another space.
    foreignKey({
      name: 'bookmarks_user_space_group_fk',
      columns: [t.userId, t.spaceId, t.groupId],
      foreignColumns: [groups.userId, groups.spaceId, groups.id]
    })
      .onDelete('cascade')
      .onUpdate('cascade'),
    index('bookmarks_user_id_idx').on(t.userId),
    index('bookmarks_group_id_idx').on(t.groupId),
    // A hash index keeps only a 4-byte hash of each URL: a btree entry holds the value itself and fails past
    // 2,704 bytes, which a URL within 2,048 characters reaches in multi-byte text. It serves `url = …`.
    index('bookmarks_url_idx').using('hash', t.url),
    index('bookmarks_user_version_idx').on(t.userId, t.version),
    // Tombstones only, oldest first: what the retention purge looks for (worker/routes/sync/retention.ts).
    index('bookmarks_deleted_at_idx').on(t.deletedAt).where(sql`${t.deletedAt} is not null`)
  ]
)

export type BookmarkRow = typeof bookmarks.$inferSelect
