DROP INDEX "spaces_user_order_idx";--> statement-breakpoint
ALTER TABLE "bookmarks" ALTER COLUMN "position" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "groups" ALTER COLUMN "position" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "spaces" ALTER COLUMN "position" DROP DEFAULT;--> statement-breakpoint
CREATE INDEX "spaces_user_position_idx" ON "spaces" USING btree ("user_id","position");--> statement-breakpoint
ALTER TABLE "bookmarks" DROP COLUMN "order";--> statement-breakpoint
ALTER TABLE "groups" DROP COLUMN "order";--> statement-breakpoint
ALTER TABLE "spaces" DROP COLUMN "order";