-- Custom SQL migration file, put your code below! --
-- Integer orders become position keys (model/position.ts) that keep every list's visible order: each sibling list
-- (a user's spaces, a space's groups, a group's bookmarks), read as the extension read it (by order, then id by
-- code units), gets the rank keys c000, c001, … (model/position.ts rankPosition; live rows first, so that a list's
-- live rows, at most a quota's 100,000, never run past the 238,328 rank keys). Tombstones get keys too (the
-- column is NOT NULL) but no new version.
UPDATE "spaces" t SET "position" = 'c' || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (r.n / 3844 % 62)::int + 1, 1)
  || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (r.n / 62 % 62)::int + 1, 1) || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (r.n % 62)::int + 1, 1)
FROM (
  SELECT user_id, id, row_number() OVER (
    PARTITION BY user_id ORDER BY deleted_at IS NOT NULL, "order", id COLLATE "C"
  ) - 1 AS n
  FROM "spaces"
) r
WHERE t.user_id = r.user_id AND t.id = r.id;--> statement-breakpoint
UPDATE "groups" t SET "position" = 'c' || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (r.n / 3844 % 62)::int + 1, 1)
  || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (r.n / 62 % 62)::int + 1, 1) || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (r.n % 62)::int + 1, 1)
FROM (
  SELECT user_id, id, row_number() OVER (
    PARTITION BY user_id, space_id ORDER BY deleted_at IS NOT NULL, "order", id COLLATE "C"
  ) - 1 AS n
  FROM "groups"
) r
WHERE t.user_id = r.user_id AND t.id = r.id;--> statement-breakpoint
UPDATE "bookmarks" t SET "position" = 'c' || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (r.n / 3844 % 62)::int + 1, 1)
  || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (r.n / 62 % 62)::int + 1, 1) || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (r.n % 62)::int + 1, 1)
FROM (
  SELECT user_id, id, row_number() OVER (
    PARTITION BY user_id, group_id ORDER BY deleted_at IS NOT NULL, "order", id COLLATE "C"
  ) - 1 AS n
  FROM "bookmarks"
) r
WHERE t.user_id = r.user_id AND t.id = r.id;--> statement-breakpoint
-- Every live row changed its place field, so it gets a new version: each device's next pull brings every row with
-- its key (one full pull per account, once). Each account with rows bumps its version once, as a push does.
WITH bumped AS (
  UPDATE "users" u SET sync_version = u.sync_version + 1
  WHERE EXISTS (SELECT 1 FROM "spaces" s WHERE s.user_id = u.id AND s.deleted_at IS NULL)
    OR EXISTS (SELECT 1 FROM "groups" g WHERE g.user_id = u.id AND g.deleted_at IS NULL)
    OR EXISTS (SELECT 1 FROM "bookmarks" b WHERE b.user_id = u.id AND b.deleted_at IS NULL)
  RETURNING u.id, u.sync_version
),
bumped_spaces AS (
  UPDATE "spaces" t SET version = b.sync_version FROM bumped b WHERE t.user_id = b.id AND t.deleted_at IS NULL
),
bumped_groups AS (
  UPDATE "groups" t SET version = b.sync_version FROM bumped b WHERE t.user_id = b.id AND t.deleted_at IS NULL
)
UPDATE "bookmarks" t SET version = b.sync_version FROM bumped b WHERE t.user_id = b.id AND t.deleted_at IS NULL;
