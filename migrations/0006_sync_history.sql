CREATE TABLE "account_resets" (
	"user_id" text PRIMARY KEY NOT NULL,
	"generation" integer NOT NULL,
	"reset_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sync_mutations" ADD COLUMN "kind" text DEFAULT 'push' NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_mutations" ADD COLUMN "payload_hash" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "purged_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "bookmarks_deleted_at_idx" ON "bookmarks" USING btree ("deleted_at") WHERE "bookmarks"."deleted_at" is not null;--> statement-breakpoint
CREATE INDEX "groups_deleted_at_idx" ON "groups" USING btree ("deleted_at") WHERE "groups"."deleted_at" is not null;--> statement-breakpoint
CREATE INDEX "spaces_deleted_at_idx" ON "spaces" USING btree ("deleted_at") WHERE "spaces"."deleted_at" is not null;--> statement-breakpoint
ALTER TABLE "sync_mutations" DROP CONSTRAINT "sync_mutations_pkey";
--> statement-breakpoint
ALTER TABLE "sync_mutations" ADD CONSTRAINT "sync_mutations_pkey" PRIMARY KEY("user_id","kind","mutation_id");