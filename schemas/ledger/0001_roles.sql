-- 0001: the roles every later migration grants to.
--
--   pbr_owner    NOLOGIN. Owns the ledger's tables. Later migrations create their objects as this
--                role: they begin with `SET LOCAL ROLE pbr_owner;` (the migration runs in its own
--                transaction, so the role switch ends with it).
--   pbr_app      LOGIN. The application. Later migrations grant it INSERT and SELECT only on ledger
--                tables; it can never UPDATE, DELETE or TRUNCATE them.
--   pbr_auditor  LOGIN. Read-only: SELECT on every table pbr_owner creates (default privileges below).
--
-- How tests act as these roles: connect as the superuser and `SET ROLE pbr_app` (or pbr_auditor);
-- on the embedded cluster one can also connect with Username=pbr_app, since the local socket trusts
-- every role. No role has a password: give one with ALTER ROLE on a shared server.
--
-- Roles belong to the whole cluster, while this migration runs once per database and several
-- databases (one per test fixture) share a cluster, so each role is created only if missing.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pbr_owner') THEN
        CREATE ROLE pbr_owner NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pbr_app') THEN
        CREATE ROLE pbr_app LOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pbr_auditor') THEN
        CREATE ROLE pbr_auditor LOGIN;
    END IF;
END
$$;

-- Per database: only the owner creates objects in the public schema; the others may use it.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO pbr_owner;
GRANT USAGE ON SCHEMA public TO pbr_app, pbr_auditor;

-- The auditor reads everything the owner will create. The application's grants are written per
-- table by the migrations that create them (INSERT and SELECT on ledger tables only).
ALTER DEFAULT PRIVILEGES FOR ROLE pbr_owner IN SCHEMA public GRANT SELECT ON TABLES TO pbr_auditor;
ALTER DEFAULT PRIVILEGES FOR ROLE pbr_owner IN SCHEMA public GRANT SELECT ON SEQUENCES TO pbr_auditor;
