SET LOCAL ROLE pbr_owner;

-- Settlement runs and their lines. One run header per contract per settlement, chained per
-- contract: prev_hash is the hash of the contract's previous run (64 zeros for the first).

CREATE TABLE runs (
    run_id            bigserial   NOT NULL,
    contract_id       text        NOT NULL,
    -- The idempotency key chosen before the first attempt: a retry after an unknown commit
    -- outcome looks it up instead of posting again.
    run_key           text        NOT NULL,
    as_of             date        NOT NULL,
    known_at          date        NOT NULL,
    engine_version    text        NOT NULL,
    tariff_sha256s    text[]      NOT NULL,
    input_digest      text        NOT NULL CHECK (input_digest ~ '^[0-9a-f]{64}$'),
    participant_count integer     NOT NULL CHECK (participant_count >= 0),
    evidence_count    integer     NOT NULL CHECK (evidence_count >= 0),
    line_count        integer     NOT NULL CHECK (line_count >= 0),
    payments_pence    bigint      NOT NULL CHECK (payments_pence >= 0),
    clawbacks_pence   bigint      NOT NULL CHECK (clawbacks_pence <= 0),
    net_pence         bigint      NOT NULL,
    prev_hash         text        NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    run_hash          text        NOT NULL CHECK (run_hash ~ '^[0-9a-f]{64}$'),
    created_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (contract_id, run_id),
    UNIQUE (contract_id, run_key),
    -- The chain cannot fork: two runs can never follow the same predecessor.
    UNIQUE (contract_id, prev_hash),
    CHECK (net_pence = payments_pence + clawbacks_pence)
);

CREATE TABLE ledger_lines (
    contract_id    text    NOT NULL,
    run_id         bigint  NOT NULL,
    provider_id    text    NOT NULL,
    participant_id text,
    cohort         text,
    outcome        text    NOT NULL,
    instalment     integer NOT NULL CHECK (instalment >= 0),
    kind           text    NOT NULL CHECK (kind IN ('payment', 'clawback', 'adjustment')),
    amount_pence   bigint  NOT NULL CHECK (amount_pence <> 0),
    due_date       date    NOT NULL,
    tariff_sha256  text    NOT NULL,
    rule           text    NOT NULL,
    evidence_ids   text[]  NOT NULL,
    line_hash      text    NOT NULL CHECK (line_hash ~ '^[0-9a-f]{64}$'),
    FOREIGN KEY (contract_id, run_id) REFERENCES runs (contract_id, run_id),
    -- The posting key: one line per key per run, so a key can never be paid twice in one run.
    UNIQUE NULLS NOT DISTINCT (contract_id, participant_id, cohort, outcome, instalment, run_id),
    CHECK ((participant_id IS NULL) <> (cohort IS NULL)),
    CHECK ((kind = 'payment' AND amount_pence > 0) OR (kind = 'clawback' AND amount_pence < 0) OR kind = 'adjustment')
);

-- Posted totals per key are read per contract on every run.
CREATE INDEX ledger_lines_key ON ledger_lines (contract_id, participant_id, cohort, outcome, instalment);

-- Back to the migrating user, who records the migration in pbr_schema_migrations.
RESET ROLE;
