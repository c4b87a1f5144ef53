-- Custom SQL migration file, put your code below! -----
-- Ids become the owner's: primary keys of (user_id, id) in place of (id). drizzle-kit cannot drop a primary
-- key it did not name, nor a unique key that foreign keys depend on, so this step drops the old primary keys
-- and the two foreign keys on spaces_user_id_id_key; 0004 (generated) then drops that key and adds the new
-- primary keys, and 0005 puts the two foreign keys back on spaces' new one. The migrator runs them in one
-- transaction; rows are kept as they are.
ALTER TABLE "groups" DROP CONSTRAINT "groups_user_space_fk";--> statement-breakpoint
ALTER TABLE "bookmarks" DROP CONSTRAINT "bookmarks_user_space_fk";--> statement-breakpoint
ALTER TABLE "bookmarks" DROP CONSTRAINT "bookmarks_pkey";--> statement-breakpoint
ALTER TABLE "groups" DROP CONSTRAINT "groups_pkey";--> statement-breakpoint
ALTER TABLE "spaces" DROP CONSTRAINT "spaces_pkey";
