CREATE TABLE "coordination_groups" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"unit_ids" uuid[] NOT NULL,
	"roles" "staff_role"[] DEFAULT '{}' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coordination_groups_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "coordination_instruments" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"origin" text NOT NULL,
	"definition" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "coordination_instruments_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "coordination_invitations" (
	"municipality_id" uuid NOT NULL,
	"wave_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"answered" boolean DEFAULT false NOT NULL,
	CONSTRAINT "coordination_invitations_municipality_id_wave_id_staff_id_pk" PRIMARY KEY("municipality_id","wave_id","staff_id")
);
--> statement-breakpoint
CREATE TABLE "coordination_pulse_answers" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"pulse_id" uuid NOT NULL,
	"scores" smallint[] NOT NULL,
	CONSTRAINT "coordination_pulse_answers_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "coordination_pulse_citizen_answers" (
	"municipality_id" uuid NOT NULL,
	"pulse_id" uuid NOT NULL,
	"score" smallint NOT NULL,
	"answered_by" text NOT NULL,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coordination_pulse_citizen_answers_municipality_id_pulse_id_pk" PRIMARY KEY("municipality_id","pulse_id"),
	CONSTRAINT "coordination_pulse_citizen_score" CHECK ("coordination_pulse_citizen_answers"."score" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "coordination_pulse_invitations" (
	"municipality_id" uuid NOT NULL,
	"pulse_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"answered" boolean DEFAULT false NOT NULL,
	CONSTRAINT "coordination_pulse_invitations_municipality_id_pulse_id_staff_id_pk" PRIMARY KEY("municipality_id","pulse_id","staff_id")
);
--> statement-breakpoint
CREATE TABLE "coordination_pulses" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"started_by" uuid NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"invited" integer NOT NULL,
	"answered" integer DEFAULT 0 NOT NULL,
	"threshold" smallint,
	"results" jsonb,
	CONSTRAINT "coordination_pulses_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "coordination_pulses_answered" CHECK ("coordination_pulses"."answered" BETWEEN 0 AND "coordination_pulses"."invited")
);
--> statement-breakpoint
CREATE TABLE "coordination_responses" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"wave_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"ties" jsonb NOT NULL,
	CONSTRAINT "coordination_responses_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "coordination_settings" (
	"municipality_id" uuid PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coordination_wave_groups" (
	"municipality_id" uuid NOT NULL,
	"wave_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"name" text NOT NULL,
	"invited" integer DEFAULT 0 NOT NULL,
	"answered" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "coordination_wave_groups_municipality_id_wave_id_group_id_pk" PRIMARY KEY("municipality_id","wave_id","group_id"),
	CONSTRAINT "coordination_wave_groups_answered" CHECK ("coordination_wave_groups"."answered" BETWEEN 0 AND "coordination_wave_groups"."invited")
);
--> statement-breakpoint
CREATE TABLE "coordination_waves" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"instrument_id" uuid NOT NULL,
	"definition" jsonb NOT NULL,
	"focal_work" text NOT NULL,
	"opened_by" uuid NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closes_on" date NOT NULL,
	"closed_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"settings" jsonb,
	"results" jsonb,
	CONSTRAINT "coordination_waves_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "coordination_waves_results_when_closed" CHECK (("coordination_waves"."results" IS NULL) OR ("coordination_waves"."closed_at" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "coordination_groups" ADD CONSTRAINT "coordination_groups_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_instruments" ADD CONSTRAINT "coordination_instruments_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_instruments" ADD CONSTRAINT "coordination_instruments_municipality_id_updated_by_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","updated_by") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_invitations" ADD CONSTRAINT "coordination_invitations_municipality_id_wave_id_coordination_waves_municipality_id_id_fk" FOREIGN KEY ("municipality_id","wave_id") REFERENCES "public"."coordination_waves"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_invitations" ADD CONSTRAINT "coordination_invitations_municipality_id_staff_id_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","staff_id") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_invitations" ADD CONSTRAINT "coordination_invitations_municipality_id_group_id_coordination_groups_municipality_id_id_fk" FOREIGN KEY ("municipality_id","group_id") REFERENCES "public"."coordination_groups"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_pulse_answers" ADD CONSTRAINT "coordination_pulse_answers_municipality_id_pulse_id_coordination_pulses_municipality_id_id_fk" FOREIGN KEY ("municipality_id","pulse_id") REFERENCES "public"."coordination_pulses"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_pulse_citizen_answers" ADD CONSTRAINT "coordination_pulse_citizen_answers_municipality_id_pulse_id_coordination_pulses_municipality_id_id_fk" FOREIGN KEY ("municipality_id","pulse_id") REFERENCES "public"."coordination_pulses"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_pulse_invitations" ADD CONSTRAINT "coordination_pulse_invitations_municipality_id_pulse_id_coordination_pulses_municipality_id_id_fk" FOREIGN KEY ("municipality_id","pulse_id") REFERENCES "public"."coordination_pulses"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_pulse_invitations" ADD CONSTRAINT "coordination_pulse_invitations_municipality_id_staff_id_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","staff_id") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_pulses" ADD CONSTRAINT "coordination_pulses_municipality_id_citizen_id_citizens_municipality_id_id_fk" FOREIGN KEY ("municipality_id","citizen_id") REFERENCES "public"."citizens"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_pulses" ADD CONSTRAINT "coordination_pulses_municipality_id_unit_id_units_municipality_id_id_fk" FOREIGN KEY ("municipality_id","unit_id") REFERENCES "public"."units"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_pulses" ADD CONSTRAINT "coordination_pulses_municipality_id_started_by_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","started_by") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_responses" ADD CONSTRAINT "coordination_responses_municipality_id_wave_id_coordination_waves_municipality_id_id_fk" FOREIGN KEY ("municipality_id","wave_id") REFERENCES "public"."coordination_waves"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_responses" ADD CONSTRAINT "coordination_responses_municipality_id_group_id_coordination_groups_municipality_id_id_fk" FOREIGN KEY ("municipality_id","group_id") REFERENCES "public"."coordination_groups"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_settings" ADD CONSTRAINT "coordination_settings_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_wave_groups" ADD CONSTRAINT "coordination_wave_groups_municipality_id_wave_id_coordination_waves_municipality_id_id_fk" FOREIGN KEY ("municipality_id","wave_id") REFERENCES "public"."coordination_waves"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_wave_groups" ADD CONSTRAINT "coordination_wave_groups_municipality_id_group_id_coordination_groups_municipality_id_id_fk" FOREIGN KEY ("municipality_id","group_id") REFERENCES "public"."coordination_groups"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_waves" ADD CONSTRAINT "coordination_waves_municipality_id_instrument_id_coordination_instruments_municipality_id_id_fk" FOREIGN KEY ("municipality_id","instrument_id") REFERENCES "public"."coordination_instruments"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_waves" ADD CONSTRAINT "coordination_waves_municipality_id_opened_by_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","opened_by") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "coordination_groups_name" ON "coordination_groups" USING btree ("municipality_id","name");--> statement-breakpoint
CREATE INDEX "coordination_invitations_staff" ON "coordination_invitations" USING btree ("municipality_id","staff_id");--> statement-breakpoint
CREATE INDEX "coordination_pulse_answers_pulse" ON "coordination_pulse_answers" USING btree ("municipality_id","pulse_id");--> statement-breakpoint
CREATE INDEX "coordination_pulse_invitations_staff" ON "coordination_pulse_invitations" USING btree ("municipality_id","staff_id");--> statement-breakpoint
CREATE UNIQUE INDEX "coordination_pulses_one_open" ON "coordination_pulses" USING btree ("municipality_id","citizen_id") WHERE "coordination_pulses"."closed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "coordination_pulses_unit" ON "coordination_pulses" USING btree ("municipality_id","unit_id","closed_at");--> statement-breakpoint
CREATE INDEX "coordination_pulses_open" ON "coordination_pulses" USING btree ("closes_at") WHERE "coordination_pulses"."closed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "coordination_responses_wave" ON "coordination_responses" USING btree ("municipality_id","wave_id");--> statement-breakpoint
CREATE INDEX "coordination_waves_instrument" ON "coordination_waves" USING btree ("municipality_id","instrument_id","closed_at");--> statement-breakpoint
CREATE INDEX "coordination_waves_open" ON "coordination_waves" USING btree ("closes_on") WHERE "coordination_waves"."closed_at" IS NULL;