-- 0013: evidence versions without their index by participant.
--
-- Every import writes an entry into each of the table's indexes for every row; at a million
-- participants a first load writes 2,868,900 rows, and the index on (contract_id, participant_id)
-- cost about 3 s of it, as much as the primary key (INSERT ... SELECT of the same rows, in the same
-- order: 5.2 s with the primary key alone, 8.0-8.7 s with this index as well; a hash index or one on
-- participant_id alone cost the same; docs/benchmarks.md). Settlements read a contract's evidence
-- whole, and imports look evidence up by its id (the primary key); only `pbr explain` reads one
-- participant's evidence, which without the index is a scan of the contract's rows: 0.15-0.2 s at
-- that size, once per command.

SET LOCAL ROLE pbr_owner;

DROP INDEX evidence_versions_participant;

RESET ROLE;
