CREATE TYPE "public"."consent_method" AS ENUM('portal', 'paper', 'oral');--> statement-breakpoint
CREATE TYPE "public"."effort_area" AS ENUM('health', 'family', 'economy', 'work', 'housing', 'education', 'other');--> statement-breakpoint
CREATE TYPE "public"."plan_section" AS ENUM('life_story', 'wishes', 'goals', 'agreements', 'comments', 'health', 'family', 'economy', 'work', 'housing', 'education', 'other');--> statement-breakpoint
CREATE TABLE "break_glass" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"reviewed_at" timestamp with time zone,
	"reviewed_by_id" uuid,
	"review_note" text DEFAULT '' NOT NULL,
	CONSTRAINT "break_glass_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"recipient_unit_id" uuid NOT NULL,
	"sections" "plan_section"[] NOT NULL,
	"purpose" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"method" "consent_method" NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"proposed_by_staff_id" uuid,
	"given_at" timestamp with time zone,
	"given_by_kind" "author_kind",
	"given_by_id" uuid,
	"recorded_by_staff_id" uuid,
	"revoked_at" timestamp with time zone,
	"revoked_by_kind" "author_kind",
	"revoked_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consents_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "consents_end_after_start" CHECK (ends_on IS NULL OR ends_on > starts_on),
	CONSTRAINT "consents_has_sections" CHECK (cardinality(sections) > 0)
);
--> statement-breakpoint
ALTER TABLE "efforts" ADD COLUMN "area" "effort_area" DEFAULT 'other' NOT NULL;--> statement-breakpoint
ALTER TABLE "municipalities" ADD COLUMN "access_log_shows_names" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "break_glass" ADD CONSTRAINT "break_glass_municipality_id_plan_id_plans_municipality_id_id_fk" FOREIGN KEY ("municipality_id","plan_id") REFERENCES "public"."plans"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "break_glass" ADD CONSTRAINT "break_glass_municipality_id_staff_id_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","staff_id") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "break_glass" ADD CONSTRAINT "break_glass_municipality_id_unit_id_units_municipality_id_id_fk" FOREIGN KEY ("municipality_id","unit_id") REFERENCES "public"."units"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_municipality_id_citizen_id_citizens_municipality_id_id_fk" FOREIGN KEY ("municipality_id","citizen_id") REFERENCES "public"."citizens"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_municipality_id_recipient_unit_id_units_municipality_id_id_fk" FOREIGN KEY ("municipality_id","recipient_unit_id") REFERENCES "public"."units"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "break_glass_staff_plan" ON "break_glass" USING btree ("municipality_id","staff_id","plan_id");--> statement-breakpoint
CREATE INDEX "break_glass_unit" ON "break_glass" USING btree ("municipality_id","unit_id","started_at");--> statement-breakpoint
CREATE INDEX "consents_citizen_recipient" ON "consents" USING btree ("municipality_id","citizen_id","recipient_unit_id");--> statement-breakpoint
-- Efforts that existed before areas: take the area from the delivering unit's kind.
UPDATE efforts e SET area = (CASE u.kind
    WHEN 'jobcenter' THEN 'work' WHEN 'family' THEN 'family' WHEN 'health_visitors' THEN 'health'
    WHEN 'home_care' THEN 'health' WHEN 'housing_support' THEN 'housing' WHEN 'youth_guidance' THEN 'education'
    ELSE 'other' END)::effort_area
  FROM units u WHERE u.municipality_id = e.municipality_id AND u.id = e.unit_id;
