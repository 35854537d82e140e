ALTER TABLE "statement_imports" ADD COLUMN "error_key" text;--> statement-breakpoint
ALTER TABLE "statement_imports" ADD COLUMN "error_params" jsonb;