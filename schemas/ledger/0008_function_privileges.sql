-- 0008: the ledger's functions are for migrations and triggers only.
--
-- PostgreSQL grants EXECUTE on every new function to PUBLIC, so pbr_app and pbr_auditor could call
-- pbr_make_append_only (0005). It runs with the caller's rights and so fails at the first table the
-- caller does not own, but a function that makes tables append-only and rewrites their grants has
-- no business being callable by the application at all. The triggers still fire for everyone:
-- PostgreSQL checks EXECUTE on a trigger function when the trigger is created, not when it fires.

SET LOCAL ROLE pbr_owner;

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;

-- And so for every function pbr_owner creates from now on.
ALTER DEFAULT PRIVILEGES FOR ROLE pbr_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

RESET ROLE;
