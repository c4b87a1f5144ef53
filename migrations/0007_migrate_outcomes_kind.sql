-- Custom SQL migration file, put your code below! --
-- Outcomes stored before 0006 all got kind 'push'. Those of migrations have the ids the migrate route derives
-- (`migrate:<clientId>:<entity>:<id>`): moving them to kind 'migrate' keeps their retries answered as replays.
-- Nothing else changes; (user_id, mutation_id) was unique before, so no key collides.
UPDATE "sync_mutations" SET "kind" = 'migrate' WHERE "mutation_id" LIKE 'migrate:%';
