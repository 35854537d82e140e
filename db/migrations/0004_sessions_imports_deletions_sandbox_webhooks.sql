CREATE TABLE "revoked_sessions" (
	"session_id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"revoked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "counterpart_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statement_import_lines" (
	"import_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"file_transaction_id" text,
	"booking_date" date NOT NULL,
	"value_date" date,
	"amount" numeric(20, 4) NOT NULL,
	"currency" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"partner_name" text,
	"partner_account" text,
	"reference" text,
	"verdict" text,
	CONSTRAINT "statement_import_lines_import_id_line_no_pk" PRIMARY KEY("import_id","line_no")
);
--> statement-breakpoint
CREATE TABLE "statement_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"bank_account_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"status" text DEFAULT 'parsing' NOT NULL,
	"total_lines" integer DEFAULT 0 NOT NULL,
	"processed_lines" integer DEFAULT 0 NOT NULL,
	"new_count" integer DEFAULT 0 NOT NULL,
	"already_present_count" integer DEFAULT 0 NOT NULL,
	"possible_duplicate_count" integer DEFAULT 0 NOT NULL,
	"inserted_count" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"committed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "transaction_deletions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "transaction_deletions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"company_id" uuid NOT NULL,
	"bank_account_id" uuid NOT NULL,
	"transaction_id" bigint NOT NULL,
	"online_transaction_id" text,
	"booking_date" date NOT NULL,
	"amount" numeric(20, 4) NOT NULL,
	"currency" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"partner_name" text,
	"snapshot" jsonb NOT NULL,
	"reason" text NOT NULL,
	"deleted_by" text,
	"deleted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"restored_at" timestamp with time zone,
	"restored_by" text
);
--> statement-breakpoint
ALTER TABLE "bank_connections" ADD COLUMN "consent_revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "statement_import_id" uuid;--> statement-breakpoint
ALTER TABLE "connection_events" ADD COLUMN "bank_account_id" uuid;--> statement-breakpoint
ALTER TABLE "sandbox_connections" ADD COLUMN "webhook_url" text;--> statement-breakpoint
ALTER TABLE "sandbox_connections" ADD COLUMN "notified_through" date;--> statement-breakpoint
ALTER TABLE "sandbox_connections" ADD COLUMN "simulated_failure" text;--> statement-breakpoint
ALTER TABLE "sandbox_link_sessions" ADD COLUMN "webhook_url" text;--> statement-breakpoint
ALTER TABLE "revoked_sessions" ADD CONSTRAINT "revoked_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counterpart_categories" ADD CONSTRAINT "counterpart_categories_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_import_lines" ADD CONSTRAINT "statement_import_lines_import_id_statement_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."statement_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_imports" ADD CONSTRAINT "statement_imports_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_imports" ADD CONSTRAINT "statement_imports_bank_account_id_bank_accounts_id_fk" FOREIGN KEY ("bank_account_id") REFERENCES "public"."bank_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_imports" ADD CONSTRAINT "statement_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transaction_deletions" ADD CONSTRAINT "transaction_deletions_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transaction_deletions" ADD CONSTRAINT "transaction_deletions_bank_account_id_bank_accounts_id_fk" FOREIGN KEY ("bank_account_id") REFERENCES "public"."bank_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transaction_deletions" ADD CONSTRAINT "transaction_deletions_deleted_by_users_id_fk" FOREIGN KEY ("deleted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transaction_deletions" ADD CONSTRAINT "transaction_deletions_restored_by_users_id_fk" FOREIGN KEY ("restored_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "counterpart_categories_company_name_idx" ON "counterpart_categories" USING btree ("company_id",lower("name"));--> statement-breakpoint
CREATE INDEX "statement_imports_account_idx" ON "statement_imports" USING btree ("bank_account_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "transaction_deletions_online_id_idx" ON "transaction_deletions" USING btree ("bank_account_id","online_transaction_id");--> statement-breakpoint
CREATE INDEX "transaction_deletions_fingerprint_idx" ON "transaction_deletions" USING btree ("bank_account_id","booking_date","amount","currency");--> statement-breakpoint
ALTER TABLE "connection_events" ADD CONSTRAINT "connection_events_bank_account_id_bank_accounts_id_fk" FOREIGN KEY ("bank_account_id") REFERENCES "public"."bank_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "connection_events_account_idx" ON "connection_events" USING btree ("bank_account_id","created_at" DESC NULLS LAST);