CREATE TABLE "sync_mutations" (
	"user_id" text NOT NULL,
	"mutation_id" text NOT NULL,
	"client_id" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"version" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_mutations_pkey" PRIMARY KEY("user_id","mutation_id")
);
--> statement-breakpoint
ALTER TABLE "sync_mutations" ADD CONSTRAINT "sync_mutations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sync_mutations_created_at_idx" ON "sync_mutations" USING btree ("created_at");