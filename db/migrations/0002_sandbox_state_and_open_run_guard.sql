CREATE TABLE "sandbox_connections" (
	"id" text PRIMARY KEY NOT NULL,
	"institution_id" text NOT NULL,
	"username" text NOT NULL,
	"customer_ref" text,
	"account_type" text NOT NULL,
	"account_ids" jsonb NOT NULL,
	"consent_expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_link_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"institution_id" text NOT NULL,
	"redirect_uri" text NOT NULL,
	"state" text NOT NULL,
	"account_type" text,
	"connection_id" text,
	"customer_ref" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"exchanged_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sandbox_refreshes" (
	"connection_id" text NOT NULL,
	"refreshed_on" date NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "sandbox_refreshes_connection_id_refreshed_on_pk" PRIMARY KEY("connection_id","refreshed_on")
);
--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "mfa_challenge_id" text;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "mfa_prompt" text;--> statement-breakpoint
ALTER TABLE "sandbox_refreshes" ADD CONSTRAINT "sandbox_refreshes_connection_id_sandbox_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."sandbox_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sandbox_connections_login_idx" ON "sandbox_connections" USING btree ("institution_id","username");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_runs_one_open_per_connection_idx" ON "sync_runs" USING btree ("connection_id") WHERE "sync_runs"."status" in ('running', 'waiting_mfa');