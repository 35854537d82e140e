ALTER TYPE "public"."connection_state" ADD VALUE 'refused';--> statement-breakpoint
ALTER TABLE "bank_connections" ADD COLUMN "pending_consent_ref_encrypted" text;