CREATE TYPE "public"."feedback_kind" AS ENUM('outcome', 'meeting');--> statement-breakpoint
CREATE TABLE "feedback_courses" (
	"municipality_id" uuid NOT NULL,
	"citizen_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"first_meeting_id" uuid NOT NULL,
	"first_held_at" timestamp with time zone NOT NULL,
	"first_outcome_instrument_id" uuid,
	"first_outcome_total" double precision,
	CONSTRAINT "feedback_courses_municipality_id_citizen_id_unit_id_pk" PRIMARY KEY("municipality_id","citizen_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "feedback_instruments" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"origin" text NOT NULL,
	"kind" "feedback_kind" NOT NULL,
	"definition" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "feedback_instruments_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "feedback_links" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"kinds" text[] NOT NULL,
	"mode" text NOT NULL,
	"outcome_instrument_id" uuid,
	"meeting_instrument_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_links_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "feedback_meetings" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"appointment_id" uuid,
	"area" "effort_area" NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_meetings_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "feedback_ratings" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"kind" "feedback_kind" NOT NULL,
	"instrument_id" uuid NOT NULL,
	"declined" boolean NOT NULL,
	"answers" jsonb,
	"total" double precision,
	"given_via" text NOT NULL,
	"given_at" timestamp with time zone DEFAULT now() NOT NULL,
	"alerts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"alert_seen_at" timestamp with time zone,
	"alert_seen_by" uuid,
	CONSTRAINT "feedback_ratings_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "feedback_ratings_declined_no_total" CHECK ("feedback_ratings"."declined" = ("feedback_ratings"."total" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "feedback_settings" (
	"municipality_id" uuid PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "feedback_courses" ADD CONSTRAINT "feedback_courses_municipality_id_citizen_id_citizens_municipality_id_id_fk" FOREIGN KEY ("municipality_id","citizen_id") REFERENCES "public"."citizens"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_courses" ADD CONSTRAINT "feedback_courses_municipality_id_unit_id_units_municipality_id_id_fk" FOREIGN KEY ("municipality_id","unit_id") REFERENCES "public"."units"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_courses" ADD CONSTRAINT "feedback_courses_municipality_id_first_meeting_id_feedback_meetings_municipality_id_id_fk" FOREIGN KEY ("municipality_id","first_meeting_id") REFERENCES "public"."feedback_meetings"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_instruments" ADD CONSTRAINT "feedback_instruments_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_instruments" ADD CONSTRAINT "feedback_instruments_municipality_id_updated_by_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","updated_by") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_links" ADD CONSTRAINT "feedback_links_municipality_id_meeting_id_feedback_meetings_municipality_id_id_fk" FOREIGN KEY ("municipality_id","meeting_id") REFERENCES "public"."feedback_meetings"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_links" ADD CONSTRAINT "feedback_links_municipality_id_outcome_instrument_id_feedback_instruments_municipality_id_id_fk" FOREIGN KEY ("municipality_id","outcome_instrument_id") REFERENCES "public"."feedback_instruments"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_links" ADD CONSTRAINT "feedback_links_municipality_id_meeting_instrument_id_feedback_instruments_municipality_id_id_fk" FOREIGN KEY ("municipality_id","meeting_instrument_id") REFERENCES "public"."feedback_instruments"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_links" ADD CONSTRAINT "feedback_links_municipality_id_created_by_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","created_by") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_meetings" ADD CONSTRAINT "feedback_meetings_municipality_id_citizen_id_citizens_municipality_id_id_fk" FOREIGN KEY ("municipality_id","citizen_id") REFERENCES "public"."citizens"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_meetings" ADD CONSTRAINT "feedback_meetings_municipality_id_unit_id_units_municipality_id_id_fk" FOREIGN KEY ("municipality_id","unit_id") REFERENCES "public"."units"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_meetings" ADD CONSTRAINT "feedback_meetings_municipality_id_staff_id_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","staff_id") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_meetings" ADD CONSTRAINT "feedback_meetings_municipality_id_appointment_id_appointments_municipality_id_id_fk" FOREIGN KEY ("municipality_id","appointment_id") REFERENCES "public"."appointments"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_ratings" ADD CONSTRAINT "feedback_ratings_municipality_id_meeting_id_feedback_meetings_municipality_id_id_fk" FOREIGN KEY ("municipality_id","meeting_id") REFERENCES "public"."feedback_meetings"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_ratings" ADD CONSTRAINT "feedback_ratings_municipality_id_instrument_id_feedback_instruments_municipality_id_id_fk" FOREIGN KEY ("municipality_id","instrument_id") REFERENCES "public"."feedback_instruments"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_ratings" ADD CONSTRAINT "feedback_ratings_municipality_id_alert_seen_by_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","alert_seen_by") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_settings" ADD CONSTRAINT "feedback_settings_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feedback_courses_first_outcome" ON "feedback_courses" USING btree ("municipality_id","first_outcome_instrument_id","first_outcome_total");--> statement-breakpoint
CREATE INDEX "feedback_instruments_kind" ON "feedback_instruments" USING btree ("municipality_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_links_token" ON "feedback_links" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_meetings_appointment" ON "feedback_meetings" USING btree ("municipality_id","appointment_id");--> statement-breakpoint
CREATE INDEX "feedback_meetings_course" ON "feedback_meetings" USING btree ("municipality_id","citizen_id","unit_id","held_at");--> statement-breakpoint
CREATE INDEX "feedback_meetings_unit" ON "feedback_meetings" USING btree ("municipality_id","unit_id","held_at");--> statement-breakpoint
CREATE INDEX "feedback_meetings_held" ON "feedback_meetings" USING btree ("municipality_id","held_at");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_ratings_meeting_kind" ON "feedback_ratings" USING btree ("municipality_id","meeting_id","kind");--> statement-breakpoint
CREATE INDEX "feedback_ratings_instrument" ON "feedback_ratings" USING btree ("municipality_id","instrument_id");--> statement-breakpoint
CREATE INDEX "feedback_ratings_open_alerts" ON "feedback_ratings" USING btree ("municipality_id","given_at") WHERE "feedback_ratings"."alert_seen_at" IS NULL AND "feedback_ratings"."alerts" <> '[]'::jsonb;