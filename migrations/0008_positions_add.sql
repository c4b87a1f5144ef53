ALTER TABLE "bookmarks" ADD COLUMN "position" text collate "C" DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "position" text collate "C" DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "spaces" ADD COLUMN "position" text collate "C" DEFAULT '' NOT NULL;