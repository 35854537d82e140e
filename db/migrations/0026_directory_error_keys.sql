ALTER TABLE "provider_directory_status" ADD COLUMN "last_error_key" text;--> statement-breakpoint
ALTER TABLE "provider_directory_status" ADD COLUMN "last_error_params" jsonb;