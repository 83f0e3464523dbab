CREATE TABLE "involvement_requests" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"requested_by_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decision" text,
	"decided_at" timestamp with time zone,
	"decided_by_id" uuid,
	"decision_note" text DEFAULT '' NOT NULL,
	CONSTRAINT "involvement_requests_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
ALTER TABLE "involvement_requests" ADD CONSTRAINT "involvement_requests_municipality_id_plan_id_plans_municipality_id_id_fk" FOREIGN KEY ("municipality_id","plan_id") REFERENCES "public"."plans"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "involvement_requests" ADD CONSTRAINT "involvement_requests_municipality_id_unit_id_units_municipality_id_id_fk" FOREIGN KEY ("municipality_id","unit_id") REFERENCES "public"."units"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "involvement_requests" ADD CONSTRAINT "involvement_requests_municipality_id_requested_by_id_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","requested_by_id") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "involvement_requests" ADD CONSTRAINT "involvement_requests_municipality_id_decided_by_id_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","decided_by_id") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "involvement_requests_plan_unit" ON "involvement_requests" USING btree ("municipality_id","plan_id","unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "involvement_requests_one_open" ON "involvement_requests" USING btree ("municipality_id","plan_id","unit_id") WHERE decision IS NULL;