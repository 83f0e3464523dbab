CREATE TYPE "public"."appointment_status" AS ENUM('planned', 'attended', 'missed', 'cancelled_by_citizen', 'cancelled_by_unit');--> statement-breakpoint
CREATE TYPE "public"."collision_kind" AS ENUM('time', 'load', 'plan_contradiction', 'consequence_risk');--> statement-breakpoint
CREATE TYPE "public"."collision_status" AS ENUM('open', 'resolved', 'accepted');--> statement-breakpoint
CREATE TYPE "public"."plan_period_kind" AS ENUM('exemption', 'priority');--> statement-breakpoint
CREATE TYPE "public"."network_person_kind" AS ENUM('staff', 'partner', 'relative', 'volunteer', 'other');--> statement-breakpoint
CREATE TABLE "appointment_participants" (
	"municipality_id" uuid NOT NULL,
	"appointment_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	CONSTRAINT "appointment_participants_municipality_id_appointment_id_staff_id_pk" PRIMARY KEY("municipality_id","appointment_id","staff_id")
);
--> statement-breakpoint
CREATE TABLE "appointment_series" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"rule" jsonb NOT NULL,
	"first_start" timestamp with time zone NOT NULL,
	"first_end" timestamp with time zone NOT NULL,
	"booked_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointment_series_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"series_id" uuid,
	"area" "effort_area",
	"title" text NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"travel_minutes" integer DEFAULT 0 NOT NULL,
	"mandatory" boolean DEFAULT false NOT NULL,
	"consequence" text DEFAULT '' NOT NULL,
	"status" "appointment_status" DEFAULT 'planned' NOT NULL,
	"status_note" text DEFAULT '' NOT NULL,
	"status_by" uuid,
	"status_at" timestamp with time zone,
	"booked_by" uuid,
	"accepted_collisions_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointments_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "appointments_end_after_start" CHECK ("appointments"."ends_at" > "appointments"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"municipality_id" uuid NOT NULL,
	"citizen_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "calendar_feeds_municipality_id_citizen_id_pk" PRIMARY KEY("municipality_id","citizen_id")
);
--> statement-breakpoint
CREATE TABLE "calendar_settings" (
	"municipality_id" uuid PRIMARY KEY NOT NULL,
	"load_limits" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "citizen_load_limits" (
	"municipality_id" uuid NOT NULL,
	"citizen_id" uuid NOT NULL,
	"load_limits" jsonb NOT NULL,
	"reason" text NOT NULL,
	"set_by" uuid,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "citizen_load_limits_municipality_id_citizen_id_pk" PRIMARY KEY("municipality_id","citizen_id")
);
--> statement-breakpoint
CREATE TABLE "collisions" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"key" text NOT NULL,
	"kind" "collision_kind" NOT NULL,
	"record" jsonb NOT NULL,
	"unit_ids" uuid[] NOT NULL,
	"appointment_ids" uuid[] NOT NULL,
	"first_start" timestamp with time zone NOT NULL,
	"status" "collision_status" DEFAULT 'open' NOT NULL,
	"status_reason" text DEFAULT '' NOT NULL,
	"status_by" uuid,
	"status_at" timestamp with time zone,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "collisions_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_periods" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date,
	"kind" "plan_period_kind" NOT NULL,
	"unit_ids" uuid[],
	"reason" text NOT NULL,
	"created_by" uuid,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_periods_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "network_members" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"kind" "network_person_kind" NOT NULL,
	"staff_id" uuid,
	"name" text DEFAULT '' NOT NULL,
	"role" text NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"unit_id" uuid,
	"effort_id" uuid,
	"since" date,
	"until" date,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_members_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
ALTER TABLE "proxies" ADD COLUMN "guardian" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "appointment_participants" ADD CONSTRAINT "appointment_participants_municipality_id_appointment_id_appointments_municipality_id_id_fk" FOREIGN KEY ("municipality_id","appointment_id") REFERENCES "public"."appointments"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_participants" ADD CONSTRAINT "appointment_participants_municipality_id_staff_id_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","staff_id") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_series" ADD CONSTRAINT "appointment_series_municipality_id_citizen_id_citizens_municipality_id_id_fk" FOREIGN KEY ("municipality_id","citizen_id") REFERENCES "public"."citizens"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_series" ADD CONSTRAINT "appointment_series_municipality_id_unit_id_units_municipality_id_id_fk" FOREIGN KEY ("municipality_id","unit_id") REFERENCES "public"."units"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_series" ADD CONSTRAINT "appointment_series_municipality_id_booked_by_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","booked_by") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_municipality_id_citizen_id_citizens_municipality_id_id_fk" FOREIGN KEY ("municipality_id","citizen_id") REFERENCES "public"."citizens"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_municipality_id_unit_id_units_municipality_id_id_fk" FOREIGN KEY ("municipality_id","unit_id") REFERENCES "public"."units"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_municipality_id_series_id_appointment_series_municipality_id_id_fk" FOREIGN KEY ("municipality_id","series_id") REFERENCES "public"."appointment_series"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_municipality_id_booked_by_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","booked_by") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_municipality_id_status_by_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","status_by") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_municipality_id_citizen_id_citizens_municipality_id_id_fk" FOREIGN KEY ("municipality_id","citizen_id") REFERENCES "public"."citizens"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_settings" ADD CONSTRAINT "calendar_settings_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_load_limits" ADD CONSTRAINT "citizen_load_limits_municipality_id_citizen_id_citizens_municipality_id_id_fk" FOREIGN KEY ("municipality_id","citizen_id") REFERENCES "public"."citizens"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_load_limits" ADD CONSTRAINT "citizen_load_limits_municipality_id_set_by_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","set_by") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collisions" ADD CONSTRAINT "collisions_municipality_id_citizen_id_citizens_municipality_id_id_fk" FOREIGN KEY ("municipality_id","citizen_id") REFERENCES "public"."citizens"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collisions" ADD CONSTRAINT "collisions_municipality_id_status_by_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","status_by") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_periods" ADD CONSTRAINT "plan_periods_municipality_id_citizen_id_citizens_municipality_id_id_fk" FOREIGN KEY ("municipality_id","citizen_id") REFERENCES "public"."citizens"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_periods" ADD CONSTRAINT "plan_periods_municipality_id_created_by_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","created_by") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_municipality_id_citizen_id_citizens_municipality_id_id_fk" FOREIGN KEY ("municipality_id","citizen_id") REFERENCES "public"."citizens"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_municipality_id_staff_id_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","staff_id") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_municipality_id_unit_id_units_municipality_id_id_fk" FOREIGN KEY ("municipality_id","unit_id") REFERENCES "public"."units"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_municipality_id_effort_id_efforts_municipality_id_id_fk" FOREIGN KEY ("municipality_id","effort_id") REFERENCES "public"."efforts"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_municipality_id_recorded_by_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","recorded_by") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointment_participants_staff" ON "appointment_participants" USING btree ("municipality_id","staff_id");--> statement-breakpoint
CREATE INDEX "appointments_citizen_start" ON "appointments" USING btree ("municipality_id","citizen_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_start" ON "appointments" USING btree ("municipality_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_updated" ON "appointments" USING btree ("municipality_id","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token" ON "calendar_feeds" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "collisions_key" ON "collisions" USING btree ("municipality_id","citizen_id","key");--> statement-breakpoint
CREATE INDEX "collisions_open" ON "collisions" USING btree ("municipality_id","status","first_start");--> statement-breakpoint
CREATE INDEX "plan_periods_citizen" ON "plan_periods" USING btree ("municipality_id","citizen_id");--> statement-breakpoint
CREATE INDEX "network_members_citizen" ON "network_members" USING btree ("municipality_id","citizen_id");