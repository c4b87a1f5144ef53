ALTER TABLE "sync_mutations" DROP CONSTRAINT "sync_mutations_user_id_users_id_fk";
