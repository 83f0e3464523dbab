CREATE TABLE "complaint_contacts" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"contact_on" date NOT NULL,
	"listened" text NOT NULL,
	"summary" text NOT NULL,
	"open_questions" text DEFAULT '' NOT NULL,
	"agreed" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaint_contacts_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"decision_id" uuid,
	"unit_id" uuid NOT NULL,
	"about" text NOT NULL,
	"channel" text NOT NULL,
	"text" text NOT NULL,
	"registered_by" uuid,
	"received_on" date NOT NULL,
	"contact_due" date NOT NULL,
	"contact_deadline" jsonb NOT NULL,
	"reassessment_due" date,
	"reassessment_deadline" jsonb,
	"first_contact_on" date,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_on" date,
	"closed_by" uuid,
	"citizen_words" text DEFAULT '' NOT NULL,
	"answer" text DEFAULT '' NOT NULL,
	"new_decision_id" uuid,
	"forwarded_to" text,
	"forward_note" text DEFAULT '' NOT NULL,
	"learning_category" text,
	"receipt_letter_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaints_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "case_reminders" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"citizen_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_on" date NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_reminders_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "case_settings" (
	"municipality_id" uuid PRIMARY KEY NOT NULL,
	"working_day_rules" jsonb NOT NULL,
	"personal_contact_days" integer DEFAULT 2 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decision_requests" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"decision_type_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"description" text NOT NULL,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"urgency_note" text DEFAULT '' NOT NULL,
	"by_citizen" boolean DEFAULT false NOT NULL,
	"registered_by" uuid,
	"requester_unit_id" uuid,
	"on_behalf_of" uuid,
	"received_on" date NOT NULL,
	"due_on" date NOT NULL,
	"deadline" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"decided_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decision_requests_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "decision_types" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"legal_basis" text NOT NULL,
	"processing_deadline" jsonb NOT NULL,
	"unit_id" uuid NOT NULL,
	"appeal_body" text NOT NULL,
	"complaint_deadline" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decision_types_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"citizen_id" uuid NOT NULL,
	"decision_type_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"outcome" text NOT NULL,
	"legal_basis" text NOT NULL,
	"considerations" text NOT NULL,
	"key_facts" text NOT NULL,
	"lix" integer NOT NULL,
	"efforts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"decided_on" date,
	"decided_by" uuid,
	"dialogue_contact_id" uuid,
	"appeal_guidance" text DEFAULT '' NOT NULL,
	"complaint_deadline" jsonb,
	"replaces_decision_id" uuid,
	"letter_id" uuid,
	"drafted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decisions_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "dialogue_contacts" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"citizen_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"contact_on" date,
	"facts_checked" text DEFAULT '' NOT NULL,
	"citizen_proposal" text DEFAULT '' NOT NULL,
	"alternatives" text DEFAULT '' NOT NULL,
	"agreed_summary" text DEFAULT '' NOT NULL,
	"serves_as_hearing" boolean DEFAULT false NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"attempts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dialogue_contacts_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "letters" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"lix" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'outbox' NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "letters_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
ALTER TABLE "complaint_contacts" ADD CONSTRAINT "complaint_contacts_municipality_id_complaint_id_complaints_municipality_id_id_fk" FOREIGN KEY ("municipality_id","complaint_id") REFERENCES "public"."complaints"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_contacts" ADD CONSTRAINT "complaint_contacts_municipality_id_recorded_by_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","recorded_by") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_municipality_id_citizen_id_citizens_municipality_id_id_fk" FOREIGN KEY ("municipality_id","citizen_id") REFERENCES "public"."citizens"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_municipality_id_decision_id_decisions_municipality_id_id_fk" FOREIGN KEY ("municipality_id","decision_id") REFERENCES "public"."decisions"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_municipality_id_new_decision_id_decisions_municipality_id_id_fk" FOREIGN KEY ("municipality_id","new_decision_id") REFERENCES "public"."decisions"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_municipality_id_unit_id_units_municipality_id_id_fk" FOREIGN KEY ("municipality_id","unit_id") REFERENCES "public"."units"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_municipality_id_registered_by_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","registered_by") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_municipality_id_closed_by_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","closed_by") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_municipality_id_receipt_letter_id_letters_municipality_id_id_fk" FOREIGN KEY ("municipality_id","receipt_letter_id") REFERENCES "public"."letters"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_reminders" ADD CONSTRAINT "case_reminders_municipality_id_citizen_id_citizens_municipality_id_id_fk" FOREIGN KEY ("municipality_id","citizen_id") REFERENCES "public"."citizens"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_settings" ADD CONSTRAINT "case_settings_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_requests" ADD CONSTRAINT "decision_requests_municipality_id_citizen_id_citizens_municipality_id_id_fk" FOREIGN KEY ("municipality_id","citizen_id") REFERENCES "public"."citizens"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_requests" ADD CONSTRAINT "decision_requests_municipality_id_decision_type_id_decision_types_municipality_id_id_fk" FOREIGN KEY ("municipality_id","decision_type_id") REFERENCES "public"."decision_types"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_requests" ADD CONSTRAINT "decision_requests_municipality_id_unit_id_units_municipality_id_id_fk" FOREIGN KEY ("municipality_id","unit_id") REFERENCES "public"."units"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_requests" ADD CONSTRAINT "decision_requests_municipality_id_requester_unit_id_units_municipality_id_id_fk" FOREIGN KEY ("municipality_id","requester_unit_id") REFERENCES "public"."units"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_requests" ADD CONSTRAINT "decision_requests_municipality_id_registered_by_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","registered_by") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_requests" ADD CONSTRAINT "decision_requests_municipality_id_on_behalf_of_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","on_behalf_of") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_types" ADD CONSTRAINT "decision_types_municipality_id_unit_id_units_municipality_id_id_fk" FOREIGN KEY ("municipality_id","unit_id") REFERENCES "public"."units"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_municipality_id_request_id_decision_requests_municipality_id_id_fk" FOREIGN KEY ("municipality_id","request_id") REFERENCES "public"."decision_requests"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_municipality_id_citizen_id_citizens_municipality_id_id_fk" FOREIGN KEY ("municipality_id","citizen_id") REFERENCES "public"."citizens"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_municipality_id_decision_type_id_decision_types_municipality_id_id_fk" FOREIGN KEY ("municipality_id","decision_type_id") REFERENCES "public"."decision_types"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_municipality_id_unit_id_units_municipality_id_id_fk" FOREIGN KEY ("municipality_id","unit_id") REFERENCES "public"."units"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_municipality_id_decided_by_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","decided_by") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_municipality_id_drafted_by_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","drafted_by") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_municipality_id_dialogue_contact_id_dialogue_contacts_municipality_id_id_fk" FOREIGN KEY ("municipality_id","dialogue_contact_id") REFERENCES "public"."dialogue_contacts"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_contacts" ADD CONSTRAINT "dialogue_contacts_municipality_id_request_id_decision_requests_municipality_id_id_fk" FOREIGN KEY ("municipality_id","request_id") REFERENCES "public"."decision_requests"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_contacts" ADD CONSTRAINT "dialogue_contacts_municipality_id_citizen_id_citizens_municipality_id_id_fk" FOREIGN KEY ("municipality_id","citizen_id") REFERENCES "public"."citizens"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_contacts" ADD CONSTRAINT "dialogue_contacts_municipality_id_recorded_by_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","recorded_by") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letters" ADD CONSTRAINT "letters_municipality_id_citizen_id_citizens_municipality_id_id_fk" FOREIGN KEY ("municipality_id","citizen_id") REFERENCES "public"."citizens"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letters" ADD CONSTRAINT "letters_municipality_id_created_by_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","created_by") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaint_contacts_complaint" ON "complaint_contacts" USING btree ("municipality_id","complaint_id");--> statement-breakpoint
CREATE INDEX "complaints_unit" ON "complaints" USING btree ("municipality_id","unit_id","status","contact_due");--> statement-breakpoint
CREATE INDEX "complaints_citizen" ON "complaints" USING btree ("municipality_id","citizen_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_reminders_once" ON "case_reminders" USING btree ("municipality_id","subject_type","subject_id","kind","due_on");--> statement-breakpoint
CREATE INDEX "decision_requests_unit" ON "decision_requests" USING btree ("municipality_id","unit_id","status","due_on");--> statement-breakpoint
CREATE INDEX "decision_requests_requester" ON "decision_requests" USING btree ("municipality_id","requester_unit_id","status");--> statement-breakpoint
CREATE INDEX "decision_requests_citizen" ON "decision_requests" USING btree ("municipality_id","citizen_id");--> statement-breakpoint
CREATE UNIQUE INDEX "decision_types_name" ON "decision_types" USING btree ("municipality_id","name");--> statement-breakpoint
CREATE INDEX "decisions_citizen" ON "decisions" USING btree ("municipality_id","citizen_id");--> statement-breakpoint
CREATE INDEX "decisions_request" ON "decisions" USING btree ("municipality_id","request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "decisions_one_draft" ON "decisions" USING btree ("municipality_id","request_id") WHERE status = 'draft';--> statement-breakpoint
CREATE INDEX "dialogue_contacts_request" ON "dialogue_contacts" USING btree ("municipality_id","request_id");--> statement-breakpoint
CREATE INDEX "letters_citizen" ON "letters" USING btree ("municipality_id","citizen_id");--> statement-breakpoint
CREATE INDEX "letters_subject" ON "letters" USING btree ("municipality_id","subject_type","subject_id");