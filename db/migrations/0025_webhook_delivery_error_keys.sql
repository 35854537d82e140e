ALTER TABLE "webhook_deliveries" ADD COLUMN "last_error_key" text;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "last_error_params" jsonb;