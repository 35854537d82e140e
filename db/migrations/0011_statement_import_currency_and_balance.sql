ALTER TABLE "statement_imports" ADD COLUMN "other_currency_skipped" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "statement_imports" ADD COLUMN "closing_balance" numeric(20, 4);--> statement-breakpoint
ALTER TABLE "statement_imports" ADD COLUMN "closing_balance_date" date;