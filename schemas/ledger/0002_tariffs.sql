SET LOCAL ROLE pbr_owner;

-- Tariff sources and the versions in force. Small reference tables (Citus: reference tables).
-- A source is stored once by the SHA-256 of its text and never changed; publishing appends a
-- row to tariff_versions, and the latest row per scheme or contract is the version in force.

CREATE TABLE tariff_sources (
    sha256       text        PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    path         text        NOT NULL,
    source_text  text        NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tariff_versions (
    version_id   bigserial   PRIMARY KEY,
    subject_kind text        NOT NULL CHECK (subject_kind IN ('scheme', 'contract')),
    subject_id   text        NOT NULL,
    sha256       text        NOT NULL REFERENCES tariff_sources (sha256),
    published_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX tariff_versions_subject ON tariff_versions (subject_kind, subject_id, version_id DESC);

-- Contract terms as each published source declared them; the current terms are those of the
-- source tariff_versions names for the contract.
CREATE TABLE contracts (
    contract_id  text        NOT NULL,
    sha256       text        NOT NULL REFERENCES tariff_sources (sha256),
    scheme_id    text        NOT NULL,
    provider_id  text        NOT NULL,
    starts_on    date        NOT NULL,
    ends_on      date        NOT NULL,
    discount     numeric     NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (contract_id, sha256),
    CHECK (ends_on >= starts_on)
);

-- Back to the migrating user, who records the migration in pbr_schema_migrations.
RESET ROLE;
