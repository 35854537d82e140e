ALTER TABLE "bank_connections" ALTER COLUMN "state" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "bank_connections" ALTER COLUMN "state" SET DEFAULT 'pending'::text;--> statement-breakpoint
DROP TYPE "public"."connection_state";--> statement-breakpoint
CREATE TYPE "public"."connection_state" AS ENUM('pending', 'selecting_accounts', 'active', 'disconnected');--> statement-breakpoint
ALTER TABLE "bank_connections" ALTER COLUMN "state" SET DEFAULT 'pending'::"public"."connection_state";--> statement-breakpoint
ALTER TABLE "bank_connections" ALTER COLUMN "state" SET DATA TYPE "public"."connection_state" USING "state"::"public"."connection_state";