SET LOCAL ROLE pbr_owner;

-- History is never edited. These triggers are ENABLE ALWAYS, so they fire even under
-- session_replication_role = replica, which would otherwise skip ordinary triggers.

CREATE FUNCTION pbr_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'pbr: % on % is refused: the ledger is append-only', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- One place that makes a table append-only, so that later migrations' tables get exactly the same
-- guard: ENABLE ALWAYS triggers against edits, and INSERT + SELECT only for the application.
CREATE FUNCTION pbr_make_append_only(t text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION pbr_refuse_change()',
                   t || '_refuse_edit', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION pbr_refuse_change()',
                   t || '_refuse_truncate', t);
    EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER %I', t, t || '_refuse_edit');
    EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER %I', t, t || '_refuse_truncate');
    -- The application may only add and read; auditors may only read.
    EXECUTE format('REVOKE ALL ON %I FROM PUBLIC', t);
    EXECUTE format('GRANT SELECT, INSERT ON %I TO pbr_app', t);
    EXECUTE format('GRANT SELECT ON %I TO pbr_auditor', t);
END;
$$;

SELECT pbr_make_append_only(t)
FROM unnest(ARRAY['tariff_sources', 'tariff_versions', 'contracts', 'imports',
                  'participants', 'evidence_versions', 'runs', 'ledger_lines']) AS t;

GRANT USAGE ON SEQUENCE tariff_versions_version_id_seq, imports_import_id_seq, runs_run_id_seq TO pbr_app;

-- Back to the migrating user, who records the migration in pbr_schema_migrations.
RESET ROLE;
