ALTER TABLE "institutions" ADD COLUMN "accepted_history_days" integer;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "history_from" date;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "next_refresh_at" timestamp with time zone;