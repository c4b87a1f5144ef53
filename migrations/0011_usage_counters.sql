ALTER TABLE "users" ADD COLUMN "usage_spaces" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "usage_groups" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "usage_bookmarks" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "usage_bytes" bigint DEFAULT 0 NOT NULL;