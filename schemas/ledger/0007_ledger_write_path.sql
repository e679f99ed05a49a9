SET LOCAL ROLE pbr_owner;

-- 0007: one index on the ledger's posting key instead of two.
--
-- ledger_lines carried both the unique constraint on (contract_id, participant_id, cohort, outcome,
-- instalment, run_id) and ledger_lines_key on the same columns without run_id. The unique index
-- already serves every query the second one did (they all lead with the same five columns), and each
-- index costs a share of every line written: at a million participants, maintaining both was most of
-- the time the settlement spent in PostgreSQL (docs/benchmarks.md).

DROP INDEX ledger_lines_key;

RESET ROLE;
