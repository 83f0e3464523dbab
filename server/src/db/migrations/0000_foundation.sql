CREATE TYPE "public"."actor_kind" AS ENUM('staff', 'citizen', 'proxy', 'system');--> statement-breakpoint
CREATE TYPE "public"."proxy_scope" AS ENUM('plan.read', 'plan.comment', 'consent.manage');--> statement-breakpoint
CREATE TYPE "public"."staff_role" AS ENUM('frontline', 'caseworker', 'coordinator', 'leader', 'admin', 'partner');--> statement-breakpoint
CREATE TYPE "public"."unit_kind" AS ENUM('administration', 'jobcenter', 'family', 'adult_disability', 'housing_support', 'youth_guidance', 'home_care', 'health_visitors', 'library', 'partner');--> statement-breakpoint
CREATE TABLE "audit_events" (
	"municipality_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "audit_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tx_id" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_kind" "actor_kind" NOT NULL,
	"actor_id" uuid,
	"actor_role" text,
	"actor_unit_id" uuid,
	"kind" text NOT NULL,
	"action" text NOT NULL,
	"citizen_id" uuid,
	"subject_type" text,
	"subject_id" text,
	"purpose" text,
	"request_id" text,
	"outcome" text DEFAULT 'ok' NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "audit_events_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "audit_seals" (
	"municipality_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"event_id" bigint NOT NULL,
	"tx_id" "xid8" NOT NULL,
	"hash" text NOT NULL,
	"sealed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_seals_municipality_id_seq_pk" PRIMARY KEY("municipality_id","seq"),
	CONSTRAINT "audit_seals_event" UNIQUE("municipality_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "citizens" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"birth_date" date NOT NULL,
	"cpr_encrypted" "bytea" NOT NULL,
	"cpr_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "citizens_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "citizens_cpr_hash" UNIQUE("municipality_id","cpr_hash")
);
--> statement-breakpoint
CREATE TABLE "login_flows" (
	"state_hash" text PRIMARY KEY NOT NULL,
	"nonce" text NOT NULL,
	"code_verifier" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "municipalities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "municipalities_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "proxies" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"name" text NOT NULL,
	"relation" text NOT NULL,
	"cpr_hash" text,
	"scopes" "proxy_scope"[] NOT NULL,
	"valid_from" timestamp with time zone DEFAULT now() NOT NULL,
	"valid_to" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proxies_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality_id" uuid NOT NULL,
	"actor_kind" "actor_kind" NOT NULL,
	"actor_id" uuid NOT NULL,
	"unit_id" uuid,
	"login_method" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "staff" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"title" text NOT NULL,
	"email" text,
	"oidc_issuer" text,
	"oidc_subject" text,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "staff_oidc_identity" UNIQUE("oidc_issuer","oidc_subject")
);
--> statement-breakpoint
CREATE TABLE "staff_roles" (
	"municipality_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"role" "staff_role" NOT NULL,
	CONSTRAINT "staff_roles_municipality_id_staff_id_unit_id_role_pk" PRIMARY KEY("municipality_id","staff_id","unit_id","role")
);
--> statement-breakpoint
CREATE TABLE "units" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"parent_id" uuid,
	"name" text NOT NULL,
	"kind" "unit_kind" NOT NULL,
	"is_partner" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "units_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizens" ADD CONSTRAINT "citizens_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxies" ADD CONSTRAINT "proxies_municipality_id_citizen_id_citizens_municipality_id_id_fk" FOREIGN KEY ("municipality_id","citizen_id") REFERENCES "public"."citizens"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_roles" ADD CONSTRAINT "staff_roles_municipality_id_staff_id_staff_municipality_id_id_fk" FOREIGN KEY ("municipality_id","staff_id") REFERENCES "public"."staff"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_roles" ADD CONSTRAINT "staff_roles_municipality_id_unit_id_units_municipality_id_id_fk" FOREIGN KEY ("municipality_id","unit_id") REFERENCES "public"."units"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_municipality_id_parent_id_units_municipality_id_id_fk" FOREIGN KEY ("municipality_id","parent_id") REFERENCES "public"."units"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_seal_order" ON "audit_events" USING btree ("municipality_id","tx_id","id");--> statement-breakpoint
CREATE INDEX "audit_events_citizen" ON "audit_events" USING btree ("municipality_id","citizen_id","id");--> statement-breakpoint
CREATE INDEX "sessions_actor" ON "sessions" USING btree ("municipality_id","actor_kind","actor_id");