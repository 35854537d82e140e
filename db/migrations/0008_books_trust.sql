CREATE TABLE "balance_checks" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "balance_checks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"bank_account_id" uuid NOT NULL,
	"sync_run_id" uuid,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"currency" text NOT NULL,
	"bank_balance" numeric(20, 4) NOT NULL,
	"bank_balance_as_of" timestamp with time zone NOT NULL,
	"computed_balance" numeric(20, 4) NOT NULL,
	"difference" numeric(20, 4) NOT NULL,
	"lines_through" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "not_duplicate_pairs" (
	"low_transaction_id" bigint NOT NULL,
	"high_transaction_id" bigint NOT NULL,
	"bank_account_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "not_duplicate_pairs_low_transaction_id_high_transaction_id_pk" PRIMARY KEY("low_transaction_id","high_transaction_id")
);
--> statement-breakpoint
CREATE TABLE "pending_transactions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pending_transactions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"bank_account_id" uuid NOT NULL,
	"online_transaction_id" text NOT NULL,
	"booking_date" date NOT NULL,
	"value_date" date,
	"amount" numeric(20, 4) NOT NULL,
	"currency" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"partner_name" text,
	"partner_account" text,
	"reference" text,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"note" text,
	"user_partner_name" text,
	"updated_by" text,
	"updated_at" timestamp with time zone,
	"posted_transaction_id" bigint,
	"posted_at" timestamp with time zone,
	"link_reason" text,
	"dropped_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "provider_call_counts" (
	"connection_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	"last_call_at" timestamp with time zone,
	CONSTRAINT "provider_call_counts_connection_id_scope_period_start_pk" PRIMARY KEY("connection_id","scope","period_start")
);
--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "daily_call_limit" integer;--> statement-breakpoint
ALTER TABLE "bank_accounts" ADD COLUMN "opening_balance" numeric(20, 4);--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "balance_checks" ADD CONSTRAINT "balance_checks_bank_account_id_bank_accounts_id_fk" FOREIGN KEY ("bank_account_id") REFERENCES "public"."bank_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "balance_checks" ADD CONSTRAINT "balance_checks_sync_run_id_sync_runs_id_fk" FOREIGN KEY ("sync_run_id") REFERENCES "public"."sync_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "not_duplicate_pairs" ADD CONSTRAINT "not_duplicate_pairs_low_transaction_id_transactions_id_fk" FOREIGN KEY ("low_transaction_id") REFERENCES "public"."transactions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "not_duplicate_pairs" ADD CONSTRAINT "not_duplicate_pairs_high_transaction_id_transactions_id_fk" FOREIGN KEY ("high_transaction_id") REFERENCES "public"."transactions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "not_duplicate_pairs" ADD CONSTRAINT "not_duplicate_pairs_bank_account_id_bank_accounts_id_fk" FOREIGN KEY ("bank_account_id") REFERENCES "public"."bank_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "not_duplicate_pairs" ADD CONSTRAINT "not_duplicate_pairs_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_transactions" ADD CONSTRAINT "pending_transactions_bank_account_id_bank_accounts_id_fk" FOREIGN KEY ("bank_account_id") REFERENCES "public"."bank_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_transactions" ADD CONSTRAINT "pending_transactions_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_transactions" ADD CONSTRAINT "pending_transactions_posted_transaction_id_transactions_id_fk" FOREIGN KEY ("posted_transaction_id") REFERENCES "public"."transactions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_call_counts" ADD CONSTRAINT "provider_call_counts_connection_id_bank_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."bank_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "balance_checks_account_idx" ON "balance_checks" USING btree ("bank_account_id","checked_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "not_duplicate_pairs_high_idx" ON "not_duplicate_pairs" USING btree ("high_transaction_id");--> statement-breakpoint
CREATE INDEX "not_duplicate_pairs_account_idx" ON "not_duplicate_pairs" USING btree ("bank_account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pending_transactions_account_online_id_idx" ON "pending_transactions" USING btree ("bank_account_id","online_transaction_id");--> statement-breakpoint
CREATE INDEX "pending_transactions_posted_idx" ON "pending_transactions" USING btree ("posted_transaction_id");