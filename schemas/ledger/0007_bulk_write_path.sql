SET LOCAL ROLE pbr_owner;

-- 0007: the bulk write paths (settlement lines, imported rows), measured at a million participants
-- (docs/benchmarks.md).
--
-- 1. One index on the posting key instead of two. ledger_lines carried both the unique constraint on
--    (contract_id, participant_id, cohort, outcome, instalment, run_id) and ledger_lines_key on the
--    same columns without run_id; the unique index serves every query the second one did (they all
--    lead with the same five columns), and each index costs a share of every line written.
--
-- 2. "Every line belongs to a run" checked once per statement instead of once per row. A run writes
--    millions of lines with one COPY, all of one run; the foreign key looked the run up for each line,
--    about a quarter of the COPY's time. The trigger below checks the same thing over the statement's
--    new rows at the end of the statement. The other half of a foreign key, refusing to delete a run
--    that lines point to, is already held: runs refuse DELETE and TRUNCATE (0005).
--
-- 3. The same for imported rows: participants and evidence versions name their import, and evidence
--    names its participant. An import of three million evidence rows spent about a third of its
--    INSERT in the two per-row foreign keys; imports and participants refuse DELETE and TRUNCATE too.
--
-- 4. The same rules for ids and hashes, without the regular-expression engine. A pattern match per
--    row was about 40% of an evidence import's INSERT; octet_length with ltrim over the allowed
--    characters accepts and refuses exactly the same texts, several times faster. The names stay.

DROP INDEX ledger_lines_key;

ALTER TABLE ledger_lines DROP CONSTRAINT ledger_lines_contract_id_run_id_fkey;

CREATE FUNCTION pbr_lines_have_runs() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (
        SELECT 1
        FROM (SELECT DISTINCT contract_id, run_id FROM new_lines) n
        WHERE NOT EXISTS (SELECT 1 FROM runs r WHERE r.contract_id = n.contract_id AND r.run_id = n.run_id)) THEN
        RAISE EXCEPTION 'pbr: a ledger line names a run that does not exist'
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER ledger_lines_have_runs
    AFTER INSERT ON ledger_lines REFERENCING NEW TABLE AS new_lines
    FOR EACH STATEMENT EXECUTE FUNCTION pbr_lines_have_runs();
ALTER TABLE ledger_lines ENABLE ALWAYS TRIGGER ledger_lines_have_runs;

ALTER TABLE participants DROP CONSTRAINT participants_import_id_fkey;
ALTER TABLE evidence_versions DROP CONSTRAINT evidence_versions_import_id_fkey;
ALTER TABLE evidence_versions DROP CONSTRAINT evidence_versions_contract_id_participant_id_fkey;

CREATE FUNCTION pbr_rows_have_imports() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (
        SELECT 1
        FROM (SELECT DISTINCT import_id FROM new_rows) n
        WHERE NOT EXISTS (SELECT 1 FROM imports i WHERE i.import_id = n.import_id)) THEN
        RAISE EXCEPTION 'pbr: a row of % names an import that does not exist', TG_TABLE_NAME
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION pbr_evidence_has_participants() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (
        SELECT 1
        FROM (SELECT DISTINCT contract_id, participant_id FROM new_rows) n
        WHERE NOT EXISTS (
            SELECT 1 FROM participants p WHERE p.contract_id = n.contract_id AND p.participant_id = n.participant_id)) THEN
        RAISE EXCEPTION 'pbr: evidence names a participant the contract does not hold'
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER participants_have_imports
    AFTER INSERT ON participants REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION pbr_rows_have_imports();
CREATE TRIGGER evidence_versions_have_imports
    AFTER INSERT ON evidence_versions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION pbr_rows_have_imports();
CREATE TRIGGER evidence_versions_have_participants
    AFTER INSERT ON evidence_versions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION pbr_evidence_has_participants();
ALTER TABLE participants ENABLE ALWAYS TRIGGER participants_have_imports;
ALTER TABLE evidence_versions ENABLE ALWAYS TRIGGER evidence_versions_have_imports;
ALTER TABLE evidence_versions ENABLE ALWAYS TRIGGER evidence_versions_have_participants;

ALTER TABLE participants
    DROP CONSTRAINT participants_participant_id_check,
    ADD CONSTRAINT participants_participant_id_check CHECK (
        octet_length(participant_id) BETWEEN 1 AND 64
        AND ltrim(participant_id, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-') = ''),
    DROP CONSTRAINT participants_content_sha256_check,
    ADD CONSTRAINT participants_content_sha256_check CHECK (
        octet_length(content_sha256) = 64 AND ltrim(content_sha256, '0123456789abcdef') = '');

ALTER TABLE evidence_versions
    DROP CONSTRAINT evidence_versions_evidence_id_check,
    ADD CONSTRAINT evidence_versions_evidence_id_check CHECK (
        octet_length(evidence_id) BETWEEN 1 AND 64
        AND ltrim(evidence_id, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-') = ''),
    DROP CONSTRAINT evidence_versions_content_sha256_check,
    ADD CONSTRAINT evidence_versions_content_sha256_check CHECK (
        octet_length(content_sha256) = 64 AND ltrim(content_sha256, '0123456789abcdef') = '');

ALTER TABLE ledger_lines
    DROP CONSTRAINT ledger_lines_line_hash_check,
    ADD CONSTRAINT ledger_lines_line_hash_check CHECK (
        octet_length(line_hash) = 64 AND ltrim(line_hash, '0123456789abcdef') = '');

RESET ROLE;
