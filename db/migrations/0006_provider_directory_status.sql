CREATE TABLE "provider_directory_status" (
	"provider" text PRIMARY KEY NOT NULL,
	"last_attempt_at" timestamp with time zone NOT NULL,
	"last_success_at" timestamp with time zone,
	"institution_count" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
