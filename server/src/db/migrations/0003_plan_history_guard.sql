-- A plan's history is kept whole: changes and support levels are only ever added.
CREATE TRIGGER plan_changes_append_only BEFORE UPDATE OR DELETE ON plan_changes
  FOR EACH ROW EXECUTE FUNCTION sammen_reject_audit_change();
--> statement-breakpoint
CREATE TRIGGER support_levels_append_only BEFORE UPDATE OR DELETE ON support_levels
  FOR EACH ROW EXECUTE FUNCTION sammen_reject_audit_change();
