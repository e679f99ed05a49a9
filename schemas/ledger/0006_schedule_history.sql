SET LOCAL ROLE pbr_owner;

-- 0006: the history of scheduled settlement runs (pbr schedule run / history).
--
-- A fire of a schedule settles each of its contracts separately. Before settling a contract the
-- scheduler inserts a claim; the unique key (schedule, fire time, contract, attempt) means that of
-- two schedulers woken by the same fire only one claims it, so nothing is settled twice. When the
-- settlement ends, one outcome row is added for the claim. Both tables are append-only like the
-- ledger: a claim is never edited into an outcome, the outcome is a second row.
--
-- A claim whose outcome is 'cancelled' (the process was stopped mid-run, nothing posted) may be
-- claimed again with the next attempt number, so a catch-up after a restart can finish the fire.

CREATE TABLE schedule_claims (
    claim_id     bigserial   NOT NULL PRIMARY KEY,
    schedule     text        NOT NULL CHECK (schedule <> ''),
    fire_time    timestamptz NOT NULL,
    contract_id  text        NOT NULL CHECK (contract_id <> ''),
    attempt      integer     NOT NULL CHECK (attempt >= 1),
    as_of        date        NOT NULL,
    known_at     date        NOT NULL,
    claimed_at   timestamptz NOT NULL,
    claimed_by   text        NOT NULL,
    UNIQUE (schedule, fire_time, contract_id, attempt)
);

CREATE TABLE schedule_outcomes (
    claim_id     bigint      NOT NULL PRIMARY KEY REFERENCES schedule_claims (claim_id),
    outcome      text        NOT NULL CHECK (outcome IN ('posted', 'nothing-new', 'failed', 'cancelled')),
    finished_at  timestamptz NOT NULL,
    duration_ms  bigint      NOT NULL CHECK (duration_ms >= 0),
    tries        integer     NOT NULL CHECK (tries >= 0),
    run_id       bigint,
    line_count   integer     NOT NULL DEFAULT 0 CHECK (line_count >= 0),
    error        text
);

CREATE INDEX schedule_claims_by_time ON schedule_claims (fire_time DESC, schedule);

SELECT pbr_make_append_only(t) FROM unnest(ARRAY['schedule_claims', 'schedule_outcomes']) AS t;

GRANT USAGE ON SEQUENCE schedule_claims_claim_id_seq TO pbr_app;

RESET ROLE;
