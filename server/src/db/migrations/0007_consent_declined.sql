ALTER TABLE "consents" ADD COLUMN "declined_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "declined_by_kind" "author_kind";--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "declined_by_id" uuid;--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "decline_reason" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_declined_only_proposals" CHECK (declined_at IS NULL OR given_at IS NULL);