CREATE TYPE "public"."author_kind" AS ENUM('citizen', 'proxy', 'staff', 'system');--> statement-breakpoint
CREATE TYPE "public"."comment_target" AS ENUM('plan', 'life_story', 'wishes', 'goal', 'effort', 'agreement');--> statement-breakpoint
CREATE TYPE "public"."effort_kind" AS ENUM('effort', 'exemption');--> statement-breakpoint
CREATE TYPE "public"."goal_status" AS ENUM('not_started', 'in_progress', 'reached', 'paused', 'dropped');--> statement-breakpoint
CREATE TABLE "agreements" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"responsible_unit_id" uuid NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreements_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "effort_goals" (
	"municipality_id" uuid NOT NULL,
	"effort_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	CONSTRAINT "effort_goals_municipality_id_effort_id_goal_id_pk" PRIMARY KEY("municipality_id","effort_id","goal_id")
);
--> statement-breakpoint
CREATE TABLE "efforts" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"responsible_staff_id" uuid,
	"title" text NOT NULL,
	"kind" "effort_kind" DEFAULT 'effort' NOT NULL,
	"legal_basis" text DEFAULT '' NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "efforts_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "efforts_end_after_start" CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
--> statement-breakpoint
CREATE TABLE "follow_ups" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follow_ups_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "goal_dependencies" (
	"municipality_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	"depends_on_goal_id" uuid NOT NULL,
	CONSTRAINT "goal_dependencies_municipality_id_goal_id_depends_on_goal_id_pk" PRIMARY KEY("municipality_id","goal_id","depends_on_goal_id")
);
--> statement-breakpoint
CREATE TABLE "goals" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"wording" text NOT NULL,
	"wording_author_kind" "author_kind" NOT NULL,
	"wording_author_id" uuid,
	"professional_description" text DEFAULT '' NOT NULL,
	"classification_code" text,
	"status" "goal_status" DEFAULT 'not_started' NOT NULL,
	"status_changed_by_kind" "author_kind" NOT NULL,
	"status_changed_by_id" uuid,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "goals_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_changes" (
	"municipality_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "plan_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"actor_kind" "author_kind" NOT NULL,
	"actor_id" uuid,
	"change_type" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" uuid,
	"before" jsonb,
	"after" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_changes_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_comments" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"author_kind" "author_kind" NOT NULL,
	"author_id" uuid,
	"target_type" "comment_target" NOT NULL,
	"target_id" uuid,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_comments_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_views" (
	"municipality_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"viewer_kind" "author_kind" NOT NULL,
	"viewer_id" uuid NOT NULL,
	"last_seen_change_id" bigint NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_views_municipality_id_plan_id_viewer_kind_viewer_id_pk" PRIMARY KEY("municipality_id","plan_id","viewer_kind","viewer_id")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"coordinator_id" uuid NOT NULL,
	"coordinator_unit_id" uuid NOT NULL,
	"life_story" text,
	"life_story_author_kind" "author_kind",
	"life_story_author_id" uuid,
	"life_story_updated_at" timestamp with time zone,
	"wishes" text,
	"wishes_author_kind" "author_kind",
	"wishes_author_id" uuid,
	"wishes_updated_at" timestamp with time zone,
	"disagreement_procedure" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "support_levels" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"effort_id" uuid NOT NULL,
	"level" text NOT NULL,
	"valid_from" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by_kind" "author_kind" NOT NULL,
	"recorded_by_id" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_levels_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
ALTER TABLE "municipalities" ADD COLUMN "lix_threshold" integer DEFAULT 45 NOT NULL;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_municipality_id_plan_id_plans_municipality_id_id_fk" FOREIGN KEY ("municipality_id","plan_id") REFERENCES "public"."plans"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_municipality_id_responsible_unit_id_units_municipality_id_id_fk" FOREIGN KEY ("municipality_id","responsible_unit_id") REFERENCES "public"."units"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "effort_goals" ADD CONSTRAINT "effort_goals_municipality_id_effort_id_efforts_municipality_id_id_fk" FOREIGN KEY ("municipality_id","effort_id") REFERENCES "public"."efforts"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "effort_goals" ADD CONSTRAINT "effort_goals_municipality_id_goal_id_goals_municipality_id_id_fk" FOREIGN KEY ("municipality_id","goal_id") REFERENCES "public"."goals"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "efforts" ADD CONSTRAINT "efforts_municipality_id_plan_id_plans_municipality_id_id_fk" FOREIGN KEY ("municipality_id","plan_id") REFERENCES "public"."plans"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "efforts" ADD CONSTRAINT "efforts_municipality_id_unit_id_units_municipality_id_id_fk" FOREIGN KEY ("municipality_id","unit_id") REFERENCES "public"."units"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "efforts" ADD CONSTRAINT "efforts_municipality_id_responsible_staff_id_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","responsible_staff_id") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_municipality_id_plan_id_plans_municipality_id_id_fk" FOREIGN KEY ("municipality_id","plan_id") REFERENCES "public"."plans"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_municipality_id_staff_id_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","staff_id") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_dependencies" ADD CONSTRAINT "goal_dependencies_municipality_id_goal_id_goals_municipality_id_id_fk" FOREIGN KEY ("municipality_id","goal_id") REFERENCES "public"."goals"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_dependencies" ADD CONSTRAINT "goal_dependencies_municipality_id_depends_on_goal_id_goals_municipality_id_id_fk" FOREIGN KEY ("municipality_id","depends_on_goal_id") REFERENCES "public"."goals"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_municipality_id_plan_id_plans_municipality_id_id_fk" FOREIGN KEY ("municipality_id","plan_id") REFERENCES "public"."plans"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_changes" ADD CONSTRAINT "plan_changes_municipality_id_plan_id_plans_municipality_id_id_fk" FOREIGN KEY ("municipality_id","plan_id") REFERENCES "public"."plans"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_comments" ADD CONSTRAINT "plan_comments_municipality_id_plan_id_plans_municipality_id_id_fk" FOREIGN KEY ("municipality_id","plan_id") REFERENCES "public"."plans"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_views" ADD CONSTRAINT "plan_views_municipality_id_plan_id_plans_municipality_id_id_fk" FOREIGN KEY ("municipality_id","plan_id") REFERENCES "public"."plans"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_municipality_id_citizen_id_citizens_municipality_id_id_fk" FOREIGN KEY ("municipality_id","citizen_id") REFERENCES "public"."citizens"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_municipality_id_coordinator_id_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","coordinator_id") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_municipality_id_coordinator_unit_id_units_municipality_id_id_fk" FOREIGN KEY ("municipality_id","coordinator_unit_id") REFERENCES "public"."units"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_levels" ADD CONSTRAINT "support_levels_municipality_id_effort_id_efforts_municipality_id_id_fk" FOREIGN KEY ("municipality_id","effort_id") REFERENCES "public"."efforts"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreements_plan" ON "agreements" USING btree ("municipality_id","plan_id");--> statement-breakpoint
CREATE INDEX "efforts_plan" ON "efforts" USING btree ("municipality_id","plan_id");--> statement-breakpoint
CREATE INDEX "efforts_unit" ON "efforts" USING btree ("municipality_id","unit_id","plan_id");--> statement-breakpoint
CREATE INDEX "follow_ups_staff_due" ON "follow_ups" USING btree ("municipality_id","staff_id","due_on");--> statement-breakpoint
CREATE INDEX "goals_plan" ON "goals" USING btree ("municipality_id","plan_id");--> statement-breakpoint
CREATE INDEX "plan_changes_plan" ON "plan_changes" USING btree ("municipality_id","plan_id","id");--> statement-breakpoint
CREATE INDEX "plan_comments_plan" ON "plan_comments" USING btree ("municipality_id","plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_one_active_per_citizen" ON "plans" USING btree ("municipality_id","citizen_id") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "plans_coordinator" ON "plans" USING btree ("municipality_id","coordinator_id");--> statement-breakpoint
CREATE INDEX "plans_coordinator_unit" ON "plans" USING btree ("municipality_id","coordinator_unit_id");--> statement-breakpoint
CREATE INDEX "support_levels_effort" ON "support_levels" USING btree ("municipality_id","effort_id");