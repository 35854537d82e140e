CREATE TABLE "duplicate_groups" (
	"bank_account_id" uuid NOT NULL,
	"booking_date" date NOT NULL,
	"amount" numeric(20, 4) NOT NULL,
	"currency" text NOT NULL,
	"line_count" integer NOT NULL,
	"dismissed_pairs" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "duplicate_groups_bank_account_id_booking_date_amount_currency_pk" PRIMARY KEY("bank_account_id","booking_date","amount","currency")
);
--> statement-breakpoint
ALTER TABLE "duplicate_groups" ADD CONSTRAINT "duplicate_groups_bank_account_id_bank_accounts_id_fk" FOREIGN KEY ("bank_account_id") REFERENCES "public"."bank_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "duplicate_groups_open_idx" ON "duplicate_groups" USING btree ("bank_account_id","booking_date" DESC NULLS LAST) WHERE "duplicate_groups"."dismissed_pairs" < "duplicate_groups"."line_count" * ("duplicate_groups"."line_count" - 1) / 2;