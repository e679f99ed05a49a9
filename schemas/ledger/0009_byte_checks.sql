-- 0009: the id and hash checks of the bulk tables over bytes instead of characters, and the line
-- hash stored as its 32 bytes.
--
-- 0007 replaced the regular expressions with octet_length + ltrim over the allowed characters. In a
-- UTF8 database ltrim on text takes the multibyte path: for every row it measures each character of
-- the value and of the 64-character set, so the checks were still the largest part of the bulk
-- writes. Measured at N = 1,000,000 (docs/benchmarks.md, section 0): a copy of 2,868,900 evidence
-- rows took 3.3 s into a bare table and 17.9 s with the checks; 5,263,349 ledger lines 9.5 s and
-- 21.5 s. The two evidence checks alone cost 5.9 s and 7.7 s of a scan.
--
-- The same rule over the value's UTF-8 bytes: every allowed character is one ASCII byte, and every
-- byte of a character outside ASCII is 0x80 or above, so "no byte left after trimming the allowed
-- bytes" accepts and refuses exactly the same texts (TextChecksTests). bytea's ltrim compares single
-- bytes, several times faster. The names stay, so errors name the same constraints.

SET LOCAL ROLE pbr_owner;

ALTER TABLE participants
    DROP CONSTRAINT participants_participant_id_check,
    ADD CONSTRAINT participants_participant_id_check CHECK (
        octet_length(participant_id) BETWEEN 1 AND 64
        AND ltrim(textsend(participant_id), 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'::bytea) = ''::bytea),
    DROP CONSTRAINT participants_content_sha256_check,
    ADD CONSTRAINT participants_content_sha256_check CHECK (
        octet_length(content_sha256) = 64 AND ltrim(textsend(content_sha256), '0123456789abcdef'::bytea) = ''::bytea);

ALTER TABLE evidence_versions
    DROP CONSTRAINT evidence_versions_evidence_id_check,
    ADD CONSTRAINT evidence_versions_evidence_id_check CHECK (
        octet_length(evidence_id) BETWEEN 1 AND 64
        AND ltrim(textsend(evidence_id), 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'::bytea) = ''::bytea),
    DROP CONSTRAINT evidence_versions_content_sha256_check,
    ADD CONSTRAINT evidence_versions_content_sha256_check CHECK (
        octet_length(content_sha256) = 64 AND ltrim(textsend(content_sha256), '0123456789abcdef'::bytea) = ''::bytea);

-- A ledger line's hash is written once per line, millions of times per run, and read only by the audit
-- tools: as bytea it is 32 bytes instead of 64 hex characters, and "is a SHA-256" is one length test
-- instead of a character check (even over bytes, 5 of the 12.7 s a copy of 5,263,349 lines took).
-- Read it as text with encode(line_hash, 'hex'), which gives exactly the 64 digits stored before.
ALTER TABLE ledger_lines DROP CONSTRAINT ledger_lines_line_hash_check;
ALTER TABLE ledger_lines ALTER COLUMN line_hash TYPE bytea USING decode(line_hash, 'hex');
ALTER TABLE ledger_lines ADD CONSTRAINT ledger_lines_line_hash_check CHECK (octet_length(line_hash) = 32);

RESET ROLE;
