-- Custom SQL migration file, put your code below! -----
-- The foreign keys 0003 dropped, as 0000 made them, now on spaces' primary key (user_id, id) from 0004.
ALTER TABLE "groups" ADD CONSTRAINT "groups_user_space_fk" FOREIGN KEY ("user_id","space_id") REFERENCES "public"."spaces"("user_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookmarks" ADD CONSTRAINT "bookmarks_user_space_fk" FOREIGN KEY ("user_id","space_id") REFERENCES "public"."spaces"("user_id","id") ON DELETE cascade ON UPDATE no action;
