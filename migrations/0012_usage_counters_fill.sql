-- Custom SQL migration file, put your code below! --
-- Per-account usage counters (users.usage_*, model/limits.ts QUOTAS) kept by the database itself: one statement-level
-- trigger per table and operation adds up the statement's live rows and their text bytes from its transition tables
-- and applies the difference to the owners' counters, in the same statement. So every path that writes rows keeps
-- them exact (REST, push, migrate, the foreign keys' cascades, DELETE /v1/me, purges, direct SQL) and concurrent
-- writers add to the counter of a row they lock in turn. A row counts while deleted_at is null; its bytes are those
-- of the text people write (worker/routes/shared/quota.ts textBytes; worker/routes/usage.test.ts holds the two to
-- each other). Then the counters are filled for the accounts that exist: the triggers, created first, already
-- hold the tables' write lock, so no write can slip between the count and the trigger.
CREATE FUNCTION "account_usage"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  -- TG_ARGV: the counter column, and the SQL of a row's text bytes (the row is r).
  counter text := TG_ARGV[0];
  bytes text := TG_ARGV[1];
  changes text;
BEGIN
  changes := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT user_id, 1 AS n, %s AS bytes FROM new_rows r WHERE deleted_at IS NULL', bytes)
    WHEN 'DELETE' THEN format('SELECT user_id, -1 AS n, -(%s) AS bytes FROM old_rows r WHERE deleted_at IS NULL', bytes)
    ELSE format('SELECT user_id, 1 AS n, %1$s AS bytes FROM new_rows r WHERE deleted_at IS NULL
      UNION ALL SELECT user_id, -1, -(%1$s) FROM old_rows r WHERE deleted_at IS NULL', bytes)
  END;
  EXECUTE format('UPDATE "users" u SET %1$I = u.%1$I + d.n, "usage_bytes" = u."usage_bytes" + d.bytes
    FROM (SELECT user_id, sum(n)::int AS n, sum(bytes)::bigint AS bytes FROM (%2$s) c GROUP BY user_id) d
    WHERE u.id = d.user_id AND (d.n <> 0 OR d.bytes <> 0)', counter, changes);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "spaces_usage_insert" AFTER INSERT ON "spaces" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "account_usage"('usage_spaces', 'coalesce(octet_length(r."name"), 0) + coalesce(octet_length(r."icon"), 0) + coalesce(octet_length(r."color"), 0)');--> statement-breakpoint
CREATE TRIGGER "spaces_usage_update" AFTER UPDATE ON "spaces" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "account_usage"('usage_spaces', 'coalesce(octet_length(r."name"), 0) + coalesce(octet_length(r."icon"), 0) + coalesce(octet_length(r."color"), 0)');--> statement-breakpoint
CREATE TRIGGER "spaces_usage_delete" AFTER DELETE ON "spaces" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "account_usage"('usage_spaces', 'coalesce(octet_length(r."name"), 0) + coalesce(octet_length(r."icon"), 0) + coalesce(octet_length(r."color"), 0)');--> statement-breakpoint
CREATE TRIGGER "groups_usage_insert" AFTER INSERT ON "groups" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "account_usage"('usage_groups', 'coalesce(octet_length(r."name"), 0) + coalesce(octet_length(r."icon"), 0)');--> statement-breakpoint
CREATE TRIGGER "groups_usage_update" AFTER UPDATE ON "groups" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "account_usage"('usage_groups', 'coalesce(octet_length(r."name"), 0) + coalesce(octet_length(r."icon"), 0)');--> statement-breakpoint
CREATE TRIGGER "groups_usage_delete" AFTER DELETE ON "groups" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "account_usage"('usage_groups', 'coalesce(octet_length(r."name"), 0) + coalesce(octet_length(r."icon"), 0)');--> statement-breakpoint
CREATE TRIGGER "bookmarks_usage_insert" AFTER INSERT ON "bookmarks" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "account_usage"('usage_bookmarks', 'coalesce(octet_length(r."title"), 0) + coalesce(octet_length(r."url"), 0) + coalesce(octet_length(r."favicon_url"), 0) + coalesce(octet_length(r."description"), 0) + coalesce(octet_length(array_to_string(r."tags", '''')), 0)');--> statement-breakpoint
CREATE TRIGGER "bookmarks_usage_update" AFTER UPDATE ON "bookmarks" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "account_usage"('usage_bookmarks', 'coalesce(octet_length(r."title"), 0) + coalesce(octet_length(r."url"), 0) + coalesce(octet_length(r."favicon_url"), 0) + coalesce(octet_length(r."description"), 0) + coalesce(octet_length(array_to_string(r."tags", '''')), 0)');--> statement-breakpoint
CREATE TRIGGER "bookmarks_usage_delete" AFTER DELETE ON "bookmarks" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "account_usage"('usage_bookmarks', 'coalesce(octet_length(r."title"), 0) + coalesce(octet_length(r."url"), 0) + coalesce(octet_length(r."favicon_url"), 0) + coalesce(octet_length(r."description"), 0) + coalesce(octet_length(array_to_string(r."tags", '''')), 0)');--> statement-breakpoint
UPDATE "users" u SET
  "usage_spaces" = (SELECT count(*) FROM "spaces" r WHERE r.user_id = u.id AND r.deleted_at IS NULL),
  "usage_groups" = (SELECT count(*) FROM "groups" r WHERE r.user_id = u.id AND r.deleted_at IS NULL),
  "usage_bookmarks" = (SELECT count(*) FROM "bookmarks" r WHERE r.user_id = u.id AND r.deleted_at IS NULL),
  "usage_bytes" =
    (SELECT coalesce(sum(coalesce(octet_length(r."name"), 0) + coalesce(octet_length(r."icon"), 0) + coalesce(octet_length(r."color"), 0)), 0)
      FROM "spaces" r WHERE r.user_id = u.id AND r.deleted_at IS NULL)
    + (SELECT coalesce(sum(coalesce(octet_length(r."name"), 0) + coalesce(octet_length(r."icon"), 0)), 0)
      FROM "groups" r WHERE r.user_id = u.id AND r.deleted_at IS NULL)
    + (SELECT coalesce(sum(coalesce(octet_length(r."title"), 0) + coalesce(octet_length(r."url"), 0) + coalesce(octet_length(r."favicon_url"), 0) + coalesce(octet_length(r."description"), 0) + coalesce(octet_length(array_to_string(r."tags", '')), 0)), 0)
      FROM "bookmarks" r WHERE r.user_id = u.id AND r.deleted_at IS NULL);
