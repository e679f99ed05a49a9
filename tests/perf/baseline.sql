-- The set-based SQL baseline (issue 7, item 4): what a finance team's analyst would write instead
-- of PbrEngine. The Work Programme attachment, job outcome and sustainment payments for every
-- participant, as plain PostgreSQL over the imported tables (participants, evidence_versions,
-- contracts), with window functions. Prints one number: the total in pence, which
-- tests/perf/e2e.sh compares with the sum of the ledger the engine posted.
--
--   psql "$(pbr db url)" -XAtq -v as_of=2018-03-31 -v known_at=2018-03-31 -f tests/perf/baseline.sql
--
-- The tariff table and taper are copied by hand from samples/work-programme/work-programme.pbr,
-- which is exactly the duplication the engine avoids: change the tariff and this must be edited too.
-- Rounding: each line is fee x taper x (1 - discount), rounded once to the penny half away from
-- zero, which is what PostgreSQL's round(numeric) does.

WITH params AS (
    SELECT :'as_of'::date AS as_of, :'known_at'::date AS known_at
),
fees (payment_group, attachment, job_outcome, job_outcome_days, sustainment, sustainment_max) AS (
    VALUES ('JSA 18-24',          40000, 120000, 182, 17000, 13),
           ('JSA 25+',            40000, 120000, 182, 21500, 13),
           ('JSA Early Access',   40000, 120000,  91, 25000, 20),
           ('JSA Ex-IB',          40000, 120000,  91, 25000, 20),
           ('ESA Volunteers',     40000, 100000,  91, 11500, 20),
           ('New ESA Claimants',  60000, 120000,  91, 21500, 20),
           ('ESA Ex-IB',          60000, 350000,  91, 37000, 26),
           ('IB/IS',              40000, 100000,  91, 11500, 20),
           ('JSA Prison Leavers', 40000, 120000,  91, 25000, 20)
),
-- The contract terms in force: those of the latest published source per contract.
terms AS (
    SELECT DISTINCT ON (contract_id) contract_id, discount
    FROM contracts
    ORDER BY contract_id, published_at DESC
),
people AS (
    SELECT p.contract_id, p.participant_id, p.start_date, f.*, 1 - t.discount / 100 AS keep
    FROM participants p
    JOIN fees f ON f.payment_group = p.attributes ->> 'payment_group'
    JOIN terms t ON t.contract_id = p.contract_id
),
-- The latest version of each piece of evidence known at K; only verified spells count.
latest AS (
    SELECT DISTINCT ON (e.contract_id, e.evidence_id)
           e.contract_id, e.participant_id, e.start_date, e.end_date, e.status
    FROM evidence_versions e, params
    WHERE e.kind = 'employment' AND e.recorded_on <= params.known_at
    ORDER BY e.contract_id, e.evidence_id, e.recorded_on DESC
),
-- Spells clipped to [start date, as-of]; an open spell runs to the as-of date.
spells AS (
    SELECT l.contract_id, l.participant_id,
           greatest(l.start_date, p.start_date) AS s,
           least(coalesce(l.end_date, params.as_of), params.as_of) AS e
    FROM latest l
    JOIN people p USING (contract_id, participant_id)
    CROSS JOIN params
    WHERE l.status = 'verified'
),
-- Gaps and islands: overlapping or adjacent spells are one continuous period of employment.
marked AS (
    SELECT contract_id, participant_id, s, e,
           max(e) OVER (PARTITION BY contract_id, participant_id ORDER BY s, e
                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
    FROM spells
    WHERE s <= e
),
islands AS (
    SELECT contract_id, participant_id, s, e,
           count(*) FILTER (WHERE prev_end IS NULL OR s > prev_end + 1)
               OVER (PARTITION BY contract_id, participant_id ORDER BY s, e) AS island
    FROM marked
),
merged AS (
    SELECT contract_id, participant_id, min(s) AS s, max(e) AS e
    FROM islands
    GROUP BY contract_id, participant_id, island
),
-- Cumulative days employed at the end of each period.
cumulative AS (
    SELECT m.*, sum(m.e - m.s + 1) OVER (PARTITION BY m.contract_id, m.participant_id ORDER BY m.s) AS cum_days
    FROM merged m
),
-- The job outcome falls on the day cumulative employment reaches the threshold, within 104 weeks.
job_outcomes AS (
    SELECT DISTINCT ON (c.contract_id, c.participant_id)
           c.contract_id, c.participant_id,
           c.s + (p.job_outcome_days - (c.cum_days - (c.e - c.s + 1)))::int - 1 AS due
    FROM cumulative c
    JOIN people p USING (contract_id, participant_id)
    WHERE c.cum_days >= p.job_outcome_days
    ORDER BY c.contract_id, c.participant_id, c.s
),
paid_job_outcomes AS (
    SELECT j.*
    FROM job_outcomes j
    JOIN people p USING (contract_id, participant_id)
    WHERE j.due <= p.start_date + 727
),
-- Sustainment: whole 28-day blocks of continuous employment after the job outcome; a gap loses
-- the block in progress. Blocks are counted per period, then capped at the group's maximum.
sustainment_blocks AS (
    SELECT m.contract_id, m.participant_id,
           sum(((m.e - greatest(m.s, j.due + 1) + 1) / 28)) AS blocks
    FROM merged m
    JOIN paid_job_outcomes j USING (contract_id, participant_id)
    WHERE m.e > j.due
    GROUP BY m.contract_id, m.participant_id
),
lines AS (
    -- Attachment, tapered by the financial year of the start date.
    SELECT round(p.attachment * CASE
                   WHEN p.start_date <= DATE '2012-03-31' THEN 1.00
                   WHEN p.start_date <= DATE '2013-03-31' THEN 0.75
                   WHEN p.start_date <= DATE '2014-03-31' THEN 0.50
                   ELSE 0 END * p.keep) AS pence
    FROM people p, params
    WHERE p.start_date <= params.as_of
    UNION ALL
    SELECT round(p.job_outcome * p.keep)
    FROM paid_job_outcomes j
    JOIN people p USING (contract_id, participant_id)
    UNION ALL
    SELECT least(b.blocks, p.sustainment_max) * round(p.sustainment * p.keep)
    FROM sustainment_blocks b
    JOIN people p USING (contract_id, participant_id)
)
SELECT sum(pence)::bigint FROM lines;
