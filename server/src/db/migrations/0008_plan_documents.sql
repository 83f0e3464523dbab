CREATE TABLE "plan_documents" (
	"municipality_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"last_change_id" bigint NOT NULL,
	"head" text NOT NULL,
	"life_story" text,
	"wishes" text,
	"disagreement_procedure" text NOT NULL,
	"goals" text NOT NULL,
	"effort_unit_ids" uuid[] NOT NULL,
	"effort_areas" text[] NOT NULL,
	"efforts" text[] NOT NULL,
	"efforts_without_goals" text[] NOT NULL,
	"agreements" text NOT NULL,
	"follow_up_staff_ids" uuid[] NOT NULL,
	"follow_ups" text[] NOT NULL,
	"comment_author_kinds" text[] NOT NULL,
	"comment_author_ids" uuid[] NOT NULL,
	"comments" text[] NOT NULL,
	"built_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_documents_municipality_id_plan_id_pk" PRIMARY KEY("municipality_id","plan_id")
);
--> statement-breakpoint
ALTER TABLE "plan_documents" ADD CONSTRAINT "plan_documents_municipality_id_plan_id_plans_municipality_id_id_fk" FOREIGN KEY ("municipality_id","plan_id") REFERENCES "public"."plans"("municipality_id","id") ON DELETE no action ON UPDATE no action;