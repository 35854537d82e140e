-- bank_connections.state keeps only the link lifecycle; "waiting for a security code" and
-- "needs the user" are read from the connection's newest sync run from now on.
-- A connection put in error by a bank's notice (no failed run says so) keeps showing it:
-- the notice becomes a finished run, as lib/sync/run records such notices from now on.
INSERT INTO "sync_runs" ("company_id", "connection_id", "trigger", "status", "started_at", "finished_at", "error_code", "error_message", "error_reference")
SELECT c."company_id", c."id", 'webhook', 'failed', now(), now(),
       coalesce(c."last_error_code", 'login_required'),
       coalesce(c."last_error_message", 'The bank asks you to sign in again. Update the credentials of this connection.'),
       c."last_error_reference"
FROM "bank_connections" c
WHERE c."state" = 'error'
  AND NOT EXISTS (
    SELECT 1 FROM "sync_runs" r
    WHERE r."connection_id" = c."id" AND r."status" = 'failed'
      AND r."error_code" IN ('consent_expired', 'invalid_credentials', 'login_required')
      AND r."started_at" = (SELECT max(r2."started_at") FROM "sync_runs" r2 WHERE r2."connection_id" = c."id")
  );
--> statement-breakpoint
-- The last_error_* columns now hold only why the last consent flow failed; a run's error
-- stays on its run.
UPDATE "bank_connections"
SET "last_error_code" = NULL, "last_error_message" = NULL, "last_error_reference" = NULL
WHERE "state" IN ('active', 'waiting_mfa', 'error');
--> statement-breakpoint
UPDATE "bank_connections" SET "state" = 'active' WHERE "state" IN ('waiting_mfa', 'error');
