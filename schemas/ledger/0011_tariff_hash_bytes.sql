-- 0011: the tariff hash on every ledger line stored as its 32 bytes, as 0009 did for the line hash.
--
-- Every line names the tariff source that priced it: the same 64 hex digits on millions of lines per
-- run, a quarter of a line's 269 bytes (measured at N = 1,000,000, docs/benchmarks.md). As bytea it
-- is 33 bytes instead of 65, so each run writes and each later run reads about 12% less. It was never
-- checked before; now it must be a SHA-256's 32 bytes. Read it as text with encode(tariff_sha256, 'hex'),
-- which gives exactly the digits stored before.

SET LOCAL ROLE pbr_owner;

ALTER TABLE ledger_lines ALTER COLUMN tariff_sha256 TYPE bytea USING decode(tariff_sha256, 'hex');
ALTER TABLE ledger_lines ADD CONSTRAINT ledger_lines_tariff_sha256_check CHECK (octet_length(tariff_sha256) = 32);

RESET ROLE;
