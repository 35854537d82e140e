ALTER TABLE "sync_runs" ADD COLUMN "error_key" text;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "error_params" jsonb;--> statement-breakpoint
ALTER TABLE "connection_events" ADD COLUMN "message_key" text;--> statement-breakpoint
ALTER TABLE "connection_events" ADD COLUMN "message_params" jsonb;