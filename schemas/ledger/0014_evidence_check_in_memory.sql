-- 0014: the evidence's statement trigger (0010) does its work in memory.
--
-- At a million participants a first load copies 2,868,900 evidence rows, and the trigger's one query
-- over them (the distinct contract, participant and import of every row: 531,647 of them) took 3.3 s
-- of the COPY's 10.9 s. With the server's default work_mem of 4MB its DISTINCT spilled to disk in nine
-- batches, and the JIT compiled the query first. With these two settings, which hold only while the
-- function runs, the same COPY took 10.4-10.9 s against 11.0-11.9 s (psql, the same rows into a copy
-- of the table with this trigger; docs/benchmarks.md). A monthly file's few thousand rows never
-- needed either. Same checks, same errors.

SET LOCAL ROLE pbr_owner;

ALTER FUNCTION pbr_evidence_has_imports_and_participants() SET work_mem = '256MB';
ALTER FUNCTION pbr_evidence_has_imports_and_participants() SET jit = off;

RESET ROLE;
