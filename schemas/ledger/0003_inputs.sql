SET LOCAL ROLE pbr_owner;

-- Inputs: imports, participants and evidence versions. Every large table carries contract_id,
-- its distribution key, and every key starts with it, so one contract never needs another's rows.

CREATE TABLE imports (
    import_id      bigserial   PRIMARY KEY,
    kind           text        NOT NULL CHECK (kind IN ('participants', 'evidence')),
    file_name      text        NOT NULL,
    file_sha256    text        NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
    row_count      integer     NOT NULL CHECK (row_count >= 0),
    inserted_count integer     NOT NULL CHECK (inserted_count >= 0),
    existing_count integer     NOT NULL CHECK (existing_count >= 0),
    rejected_count integer     NOT NULL CHECK (rejected_count >= 0),
    imported_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE participants (
    contract_id    text        NOT NULL,
    participant_id text        NOT NULL CHECK (participant_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    start_date     date        NOT NULL,
    attributes     jsonb       NOT NULL,
    content_sha256 text        NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
    import_id      bigint      NOT NULL REFERENCES imports (import_id),
    imported_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (contract_id, participant_id)
);

-- A later recorded_on for the same evidence id is a new version, never an edit.
CREATE TABLE evidence_versions (
    contract_id    text        NOT NULL,
    evidence_id    text        NOT NULL CHECK (evidence_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    recorded_on    date        NOT NULL,
    participant_id text        NOT NULL,
    kind           text        NOT NULL,
    start_date     date        NOT NULL,
    end_date       date,
    status         text        NOT NULL CHECK (status IN ('verified', 'pending', 'rejected', 'revoked')),
    attributes     jsonb       NOT NULL,
    content_sha256 text        NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
    import_id      bigint      NOT NULL REFERENCES imports (import_id),
    imported_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (contract_id, evidence_id, recorded_on),
    FOREIGN KEY (contract_id, participant_id) REFERENCES participants (contract_id, participant_id),
    CHECK (end_date IS NULL OR end_date >= start_date)
);

CREATE INDEX evidence_versions_participant ON evidence_versions (contract_id, participant_id);

-- Back to the migrating user, who records the migration in pbr_schema_migrations.
RESET ROLE;
