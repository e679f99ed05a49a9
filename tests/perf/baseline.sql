-- The set-based SQL baseline (issue 7, item 4): what a finance team's analyst would write instead
-- of PbrEngine. The Work Programme attachment, job outcome and sustainment payments for every
-- participant, as plain PostgreSQL over the imported tables (participants, evidence_versions,
-- contracts), with window functions. Prints one number: the total in pence, which
-- tests/perf/e2e.sh compares with the sum of the ledger the engine posted.
--
--   psql "$(pbr db url)" -XAtq -v as_of=2018-03-31 -v known_at=2018-03-31 -f tests/perf/baseline.sql
--
-- tests/Pbr.Benchmarks.Tests runs this file through Npgsql (substituting the two variables as psql
-- does) and also replaces the last line, the sum over `amounts`, to compare every participant's
-- amount with the ledger's: keep that last statement on one line.
--
-- The tariff table and taper are copied by hand from samples/work-programme/work-programme.pbr,
-- which is exactly the duplication the engine avoids: change the tariff and this must be edited too.
-- Rounding: each line is fee x taper x (1 - discount), rounded once to the penny half away from
-- zero, which is what PostgreSQL's round(numeric) does.

WITH fees (payment_group, attachment, job_outcome, job_outcome_days, sustainment, sustainment_max) AS (
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
-- Every participant with its fee row and the share its contract keeps after the discount.
people AS NOT MATERIALIZED (
    SELECT p.contract_id, p.participant_id, p.start_date,
           f.attachment, f.job_outcome, f.job_outcome_days, f.sustainment, f.sustainment_max,
           1 - t.discount / 100 AS keep
    FROM participants p
    JOIN fees f ON f.payment_group = p.attributes ->> 'payment_group'
    JOIN terms t ON t.contract_id = p.contract_id
),
-- The latest version of each piece of evidence known at K; only verified spells count.
latest AS (
    SELECT e.contract_id, e.participant_id, e.start_date, e.end_date, e.status
    FROM evidence_versions e
    WHERE e.kind = 'employment' AND e.recorded_on <= :'known_at'::date
      AND NOT EXISTS (
          SELECT 1 FROM evidence_versions n
          WHERE n.contract_id = e.contract_id AND n.evidence_id = e.evidence_id
            AND n.recorded_on > e.recorded_on AND n.recorded_on <= :'known_at'::date)
),
-- Spells clipped to [start date, as-of]; an open spell runs to the as-of date. The participant's
-- columns are carried along, so that no later step joins back (the planner misjudges such joins).
spells AS (
    SELECT p.*,
           greatest(l.start_date, p.start_date) AS s,
           least(coalesce(l.end_date, :'as_of'::date), :'as_of'::date) AS e
    FROM latest l
    JOIN people p USING (contract_id, participant_id)
    WHERE l.status = 'verified'
),
-- Gaps and islands: overlapping or adjacent spells are one continuous period of employment.
marked AS (
    SELECT *, max(e) OVER (PARTITION BY contract_id, participant_id ORDER BY s, e
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
    FROM spells
    WHERE s <= e
),
islands AS (
    SELECT *, count(*) FILTER (WHERE prev_end IS NULL OR s > prev_end + 1)
                  OVER (PARTITION BY contract_id, participant_id ORDER BY s, e) AS island
    FROM marked
),
merged AS (
    SELECT contract_id, participant_id, island, min(s) AS s, max(e) AS e,
           min(start_date) AS start_date, min(job_outcome) AS job_outcome, min(job_outcome_days) AS job_outcome_days,
           min(sustainment) AS sustainment, min(sustainment_max) AS sustainment_max, min(keep) AS keep
    FROM islands
    GROUP BY contract_id, participant_id, island
),
-- Cumulative days employed at the end of each period; the job outcome falls on the day the
-- cumulative total reaches the threshold (the earliest such day over the periods).
cumulative AS (
    SELECT *, sum(e - s + 1) OVER (PARTITION BY contract_id, participant_id ORDER BY s) AS cum_days
    FROM merged
),
reached AS (
    SELECT *, min(CASE WHEN cum_days >= job_outcome_days
                       THEN s + (job_outcome_days - (cum_days - (e - s + 1)))::int - 1 END)
                  OVER (PARTITION BY contract_id, participant_id) AS job_outcome_on
    FROM cumulative
),
-- Paid only within 104 weeks of the start. Sustainment: whole 28-day blocks of continuous
-- employment after the job outcome; a gap loses the block in progress; capped per group.
per_participant AS (
    SELECT contract_id, participant_id,
           min(job_outcome) AS job_outcome, min(sustainment) AS sustainment,
           min(sustainment_max) AS sustainment_max, min(keep) AS keep,
           sum(CASE WHEN e > job_outcome_on THEN (e - greatest(s, job_outcome_on + 1) + 1) / 28 ELSE 0 END) AS blocks
    FROM reached
    WHERE job_outcome_on IS NOT NULL AND job_outcome_on <= start_date + 727
    GROUP BY contract_id, participant_id
),
-- One row per payment: attachments (tapered by the financial year of the start date), then job
-- outcomes with their sustainments; a participant's amount is the sum of its rows.
amounts AS (
    SELECT contract_id, participant_id,
           round(attachment * CASE
               WHEN start_date <= DATE '2012-03-31' THEN 1.00
               WHEN start_date <= DATE '2013-03-31' THEN 0.75
               WHEN start_date <= DATE '2014-03-31' THEN 0.50
               ELSE 0 END * keep) AS amount_pence
    FROM people
    WHERE start_date <= :'as_of'::date
    UNION ALL
    SELECT contract_id, participant_id,
           round(job_outcome * keep) + least(blocks, sustainment_max) * round(sustainment * keep)
    FROM per_participant
)
SELECT coalesce(sum(amount_pence), 0)::bigint AS total_pence FROM amounts;
