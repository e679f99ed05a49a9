-- 0012: a run's lines may be written before its header, within the same transaction.
--
-- A settlement writes millions of lines by COPY, and the header carries the totals and the hash over
-- every line, so with "header first" no line could be written until the whole contract was priced: the
-- server waited for the pricing, then the client for the COPY (docs/benchmarks.md). Lines written
-- while the contract is still being priced need their run's id before its header exists.
--
-- The rule is unchanged: every committed line names a run that exists. 0007's statement trigger
-- checked it at the end of each COPY; now, for a run whose header is not written yet, it records the
-- run in run_headers_due, whose deferred constraint trigger checks at commit that the header exists.
-- A transaction that writes lines and never their header cannot commit. The rows of run_headers_due
-- stay, one per such run: a record that its lines were written first.

SET LOCAL ROLE pbr_owner;

CREATE TABLE run_headers_due (
    contract_id text   NOT NULL,
    run_id      bigint NOT NULL,
    PRIMARY KEY (contract_id, run_id)
);

SELECT pbr_make_append_only('run_headers_due');

CREATE FUNCTION pbr_run_header_written() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM runs r WHERE r.contract_id = NEW.contract_id AND r.run_id = NEW.run_id) THEN
        RAISE EXCEPTION 'pbr: ledger lines name run % of contract %, whose header was never written', NEW.run_id, NEW.contract_id
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER run_headers_due_written
    AFTER INSERT ON run_headers_due
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION pbr_run_header_written();
ALTER TABLE run_headers_due ENABLE ALWAYS TRIGGER run_headers_due_written;

-- The same trigger on ledger_lines (0007), the same one pass over the statement's distinct runs: a run
-- that exists passes at once, one that does not yet is due by commit.
CREATE OR REPLACE FUNCTION pbr_lines_have_runs() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO run_headers_due (contract_id, run_id)
    SELECT n.contract_id, n.run_id
    FROM (SELECT DISTINCT contract_id, run_id FROM new_lines) n
    WHERE NOT EXISTS (SELECT 1 FROM runs r WHERE r.contract_id = n.contract_id AND r.run_id = n.run_id)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END;
$$;

RESET ROLE;
