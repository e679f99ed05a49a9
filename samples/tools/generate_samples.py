#!/usr/bin/env python3
"""Regenerates the sample data of samples/work-programme and samples/reoffending.

Deterministic: the same seed gives the same bytes on every machine (random.Random with a fixed
seed, rows sorted before writing, LF line endings). Run from the repository root:

    python3 samples/tools/generate_samples.py

The files follow DESIGN.md section 4. Each sample mixes random participants with a set of
hand-made edge cases whose ids start with the name of the case (see each sample's README).
"""

import csv
import datetime as dt
import os
import random

SEED = 20110601
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

WP_GROUPS = [
    # group, weeks to a job outcome
    ("JSA 18-24", 26),
    ("JSA 25+", 26),
    ("JSA Early Access", 13),
    ("JSA Ex-IB", 13),
    ("ESA Volunteers", 13),
    ("New ESA Claimants", 13),
    ("ESA Ex-IB", 13),
    ("IB/IS", 13),
    ("JSA Prison Leavers", 13),
]
WP_CONTRACTS = [("WP-CPA1-ALPHA", "A"), ("WP-CPA2-BETA", "B")]
WP_FIRST = dt.date(2011, 6, 1)
WP_LAST = dt.date(2016, 3, 31)
WP_FINANCIAL_YEARS = [
    (dt.date(2011, 6, 1), dt.date(2012, 3, 31)),
    (dt.date(2012, 4, 1), dt.date(2013, 3, 31)),
    (dt.date(2013, 4, 1), dt.date(2014, 3, 31)),
    (dt.date(2014, 4, 1), dt.date(2015, 3, 31)),
    (dt.date(2015, 4, 1), dt.date(2016, 3, 31)),
]

RO_CONTRACT = "RO-PILOT-NORTH"
RO_FIRST = dt.date(2012, 1, 1)
RO_LAST = dt.date(2014, 12, 31)

PARTICIPANT_HEADER_WP = ["participant_id", "contract_id", "start_date", "payment_group"]
PARTICIPANT_HEADER_RO = ["participant_id", "contract_id", "start_date"]
EVIDENCE_HEADER = ["evidence_id", "participant_id", "contract_id", "kind", "start_date", "end_date", "status", "recorded_on"]


def iso(day):
    return "" if day is None else day.isoformat()


def days(n):
    return dt.timedelta(days=n)


def random_date(rng, first, last):
    return first + days(rng.randint(0, (last - first).days))


class Evidence:
    """Collects evidence rows, numbering evidence ids per sample."""

    def __init__(self, prefix):
        self.prefix = prefix
        self.count = 0
        self.rows = []

    def new_id(self):
        self.count += 1
        return f"{self.prefix}{self.count:06d}"

    def add(self, evidence_id, participant, contract, kind, start, end, status, recorded):
        assert end is None or end >= start, (evidence_id, start, end)
        self.rows.append([evidence_id, participant, contract, kind, iso(start), iso(end), status, iso(recorded)])

    def item(self, participant, contract, kind, start, end, status, recorded):
        evidence_id = self.new_id()
        self.add(evidence_id, participant, contract, kind, start, end, status, recorded)
        return evidence_id


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


# ---------------------------------------------------------------- Work Programme


def wp_spells(rng, participant, contract, start, weeks, evidence):
    """Random employment history: none, scraps, a job outcome, or long sustained work, with
    the awkward cases (overlaps, gaps, open spells, late records, revocations) mixed in."""
    shape = rng.choices(["none", "short", "job", "sustained", "patchy"], weights=[30, 15, 20, 20, 15])[0]
    if shape == "none":
        return
    cursor = start + days(rng.randint(-40, 200))
    spells = {"short": 1, "job": 1, "sustained": 1, "patchy": rng.randint(2, 5)}[shape]
    for _ in range(spells):
        if shape == "short":
            length = rng.randint(5, weeks * 7 - 10)
        elif shape == "job":
            length = weeks * 7 + rng.randint(0, 60)
        elif shape == "sustained":
            length = weeks * 7 + rng.randint(100, 900)
        else:
            length = rng.randint(20, 250)
        open_spell = shape in ("sustained", "patchy") and rng.random() < 0.25
        end = None if open_spell else cursor + days(length - 1)
        status = rng.choices(["verified", "pending", "rejected"], weights=[82, 10, 8])[0]
        late = rng.choice([0, 0, 0, 3, 10, 30]) if rng.random() < 0.9 else rng.randint(120, 400)
        recorded = (end or cursor + days(rng.randint(30, 300))) + days(late)
        evidence_id = evidence.item(participant, contract, "employment", cursor, end, status, recorded)
        change = rng.random()
        if status == "verified" and change < 0.06:
            evidence.add(evidence_id, participant, contract, "employment", cursor, end, "revoked", recorded + days(rng.randint(20, 200)))
        elif status == "pending" and change < 0.6:
            evidence.add(evidence_id, participant, contract, "employment", cursor, end, "verified", recorded + days(rng.randint(5, 60)))
        elif status == "verified" and end is not None and change < 0.12:
            corrected = end + days(rng.randint(-20, 40))
            if corrected >= cursor:
                evidence.add(evidence_id, participant, contract, "employment", cursor, corrected, "verified", recorded + days(rng.randint(10, 90)))
        if end is None:
            break
        # Patchy work: the next spell overlaps (negative gap) or follows a gap.
        cursor = end + days(rng.choice([-15, -3, 2, 2, 5, 20, 60]))


def wp_edge_cases(evidence):
    """Hand-made participants, each named after the case it covers (all on WP-CPA1-ALPHA unless
    a discount matters). Dates are worked out in the README."""
    participants = []
    A, B = "WP-CPA1-ALPHA", "WP-CPA2-BETA"

    def person(pid, contract, start, group):
        participants.append([pid, contract, iso(start), group])
        return pid

    s = dt.date(2011, 6, 1)
    # 13 weeks = 91 days: 1 Jun to 30 Aug 2011 exactly, and a day short.
    p = person("EXACT-91", A, s, "JSA Early Access")
    evidence.item(p, A, "employment", s, dt.date(2011, 8, 30), "verified", dt.date(2011, 9, 5))
    p = person("SHORT-90", A, s, "JSA Early Access")
    evidence.item(p, A, "employment", s, dt.date(2011, 8, 29), "verified", dt.date(2011, 9, 5))
    # 26 weeks = 182 days: 1 Jun to 29 Nov 2011, and a day short.
    p = person("EXACT-182", A, s, "JSA 18-24")
    evidence.item(p, A, "employment", s, dt.date(2011, 11, 29), "verified", dt.date(2011, 12, 1))
    p = person("SHORT-181", A, s, "JSA 25+")
    evidence.item(p, A, "employment", s, dt.date(2011, 11, 28), "verified", dt.date(2011, 12, 1))
    # Gap: job outcome 30 Aug, then a day off on 21 Sep breaks the first sustainment block.
    p = person("GAP-BREAKS-BLOCK", A, s, "JSA Early Access")
    evidence.item(p, A, "employment", s, dt.date(2011, 9, 20), "verified", dt.date(2011, 9, 25))
    evidence.item(p, A, "employment", dt.date(2011, 9, 22), dt.date(2012, 3, 31), "verified", dt.date(2012, 4, 2))
    # Overlap: 1 Jun-30 Sep and 1 Sep-30 Nov count once: 182nd day is 29 Nov, not 31 Oct.
    p = person("OVERLAP", A, s, "JSA 25+")
    evidence.item(p, A, "employment", s, dt.date(2011, 9, 30), "verified", dt.date(2011, 10, 3))
    evidence.item(p, A, "employment", dt.date(2011, 9, 1), dt.date(2011, 11, 30), "verified", dt.date(2011, 12, 2))
    # Open spell: still employed; ESA Ex-IB runs to its 26 sustainment payments.
    p = person("OPEN-SPELL", A, s, "ESA Ex-IB")
    evidence.item(p, A, "employment", s, None, "verified", dt.date(2011, 6, 10))
    # Revoked: paid on 30 Aug evidence, withdrawn on 15 Jan 2012 (a clawback in the next run).
    p = person("REVOKED", A, s, "JSA Ex-IB")
    e = evidence.item(p, A, "employment", s, dt.date(2011, 9, 30), "verified", dt.date(2011, 10, 3))
    evidence.add(e, p, A, "employment", s, dt.date(2011, 9, 30), "revoked", dt.date(2012, 1, 15))
    # Corrected: end date first recorded as 29 Aug (90 days), corrected to 30 Aug (91) later.
    p = person("CORRECTED", A, s, "IB/IS")
    e = evidence.item(p, A, "employment", s, dt.date(2011, 8, 29), "verified", dt.date(2011, 9, 2))
    evidence.add(e, p, A, "employment", s, dt.date(2011, 8, 30), "verified", dt.date(2011, 11, 14))
    # Pending that is never verified, and rejected: no money.
    p = person("PENDING", A, s, "New ESA Claimants")
    evidence.item(p, A, "employment", s, dt.date(2012, 5, 31), "pending", dt.date(2012, 6, 4))
    p = person("REJECTED", A, s, "ESA Volunteers")
    evidence.item(p, A, "employment", s, dt.date(2012, 5, 31), "rejected", dt.date(2012, 6, 4))
    # Late: the spell was over in 2011 but only recorded in March 2013.
    p = person("LATE-RECORD", A, s, "JSA Prison Leavers")
    evidence.item(p, A, "employment", s, dt.date(2011, 12, 31), "verified", dt.date(2013, 3, 1))
    # Before start: the spell began a month before attachment; only days from 1 Jun count.
    p = person("BEFORE-START", A, s, "JSA Early Access")
    evidence.item(p, A, "employment", dt.date(2011, 5, 1), dt.date(2011, 8, 30), "verified", dt.date(2011, 9, 5))
    # Window: start + 104 weeks - 1 day = 28 May 2013 is the last day for a job outcome.
    p = person("WINDOW-LAST-DAY", A, s, "JSA Early Access")
    evidence.item(p, A, "employment", dt.date(2013, 2, 27), dt.date(2013, 5, 28), "verified", dt.date(2013, 6, 3))
    p = person("WINDOW-MISSED", A, s, "JSA Early Access")
    evidence.item(p, A, "employment", dt.date(2013, 2, 28), dt.date(2013, 5, 29), "verified", dt.date(2013, 6, 3))
    # Financial-year boundaries of the attachment fee taper.
    for pid, day in [("FY-2012-03-31", dt.date(2012, 3, 31)), ("FY-2012-04-01", dt.date(2012, 4, 1)),
                     ("FY-2014-03-31", dt.date(2014, 3, 31)), ("FY-2014-04-01", dt.date(2014, 4, 1))]:
        person(pid, A, day, "JSA 25+")
    # Discount rounding on Beta (7.5%): JSA 25+ sustainment £215 x 0.925 = £198.875 -> £198.88.
    p = person("BETA-ROUNDING", B, s, "JSA 25+")
    evidence.item(p, B, "employment", s, dt.date(2012, 6, 30), "verified", dt.date(2012, 7, 2))
    # Contract date bounds: first and last accepted start dates.
    person("FIRST-DAY", B, WP_FIRST, "ESA Ex-IB")
    person("LAST-DAY", B, WP_LAST, "IB/IS")
    return participants


def work_programme(rng):
    evidence = Evidence("WPE")
    participants = wp_edge_cases(evidence)
    number = 0
    # 2 contracts x 9 groups x 5 financial years x 4 = 360 random participants, so every group
    # starts in every financial year on both contracts.
    for contract, letter in WP_CONTRACTS:
        for group, weeks in WP_GROUPS:
            for first, last in WP_FINANCIAL_YEARS:
                for _ in range(4):
                    number += 1
                    pid = f"{letter}{number:06d}"
                    start = random_date(rng, first, last)
                    participants.append([pid, contract, iso(start), group])
                    wp_spells(rng, pid, contract, start, weeks, evidence)
    return participants, evidence.rows


# ---------------------------------------------------------------- reoffending


def quarter_of(day):
    return (day.month - 1) // 3


def reoffending(rng):
    evidence = Evidence("ROE")
    participants = []
    number = 0
    quarters = [(year, q) for year in (2012, 2013, 2014) for q in range(4)]
    for year, q in quarters:
        first = dt.date(year, 3 * q + 1, 1)
        last = dt.date(year + (q == 3), (3 * q + 3) % 12 + 1, 1) - days(1)
        # 2013-Q2 is the big cohort with low reoffending, so the £250,000 cap cuts.
        big = (year, q) == (2013, 1)
        size = 130 if big else rng.randint(12, 40)
        # Share reoffending: from a good cohort to one worse than the baseline (no binary line).
        # 2014-Q4 reoffends so much that neither line is paid.
        bad = (year, q) == (2014, 3)
        share = 0.22 if big else 0.92 if bad else rng.choice([0.25, 0.35, 0.45, 0.55, 0.7])
        for _ in range(size):
            number += 1
            pid = f"N{number:06d}"
            release = random_date(rng, first, last)
            participants.append([pid, RO_CONTRACT, iso(release)])
            if rng.random() >= share:
                # Mostly no reoffence; a few have one outside the window or not yet proven.
                if rng.random() < 0.15:
                    offence = release + days(rng.choice([0, 366, 380, 420, -10]))
                    evidence.item(pid, RO_CONTRACT, "proven_reoffence", offence, None, "verified", max(offence, release) + days(rng.randint(30, 120)))
                elif rng.random() < 0.08:
                    offence = release + days(rng.randint(20, 300))
                    evidence.item(pid, RO_CONTRACT, "proven_reoffence", offence, None, rng.choice(["pending", "rejected"]), offence + days(40))
                continue
            for _ in range(rng.choices([1, 2, 3], weights=[10, 40, 50] if bad else [60, 28, 12])[0]):
                offence = release + days(rng.randint(1, 365))
                delay = rng.randint(20, 160) if rng.random() < 0.9 else rng.randint(200, 500)
                recorded = offence + days(delay)
                status = rng.choices(["verified", "pending", "rejected"], weights=[88, 7, 5])[0]
                e = evidence.item(pid, RO_CONTRACT, "proven_reoffence", offence, None, status, recorded)
                if status == "verified" and rng.random() < 0.05:
                    # Conviction quashed: a later revoked version.
                    evidence.add(e, pid, RO_CONTRACT, "proven_reoffence", offence, None, "revoked", recorded + days(rng.randint(30, 120)))
                elif status == "pending" and rng.random() < 0.6:
                    evidence.add(e, pid, RO_CONTRACT, "proven_reoffence", offence, None, "verified", recorded + days(rng.randint(10, 60)))
    # Edge cases, released 15 Jan 2012 (cohort 2012-Q1): day 365 is 14 Jan 2013, day 547 is 15 Jul 2013.
    edges = [
        ("EDGE-DAY-365", dt.date(2013, 1, 14), dt.date(2013, 7, 15)),   # qualifies, on both limits
        ("EDGE-DAY-366", dt.date(2013, 1, 15), dt.date(2013, 3, 1)),    # offence after the follow-up year
        ("EDGE-RECORDED-548", dt.date(2012, 6, 1), dt.date(2013, 7, 16)),  # recorded after the wait
        ("EDGE-RELEASE-DAY", dt.date(2012, 1, 15), dt.date(2012, 3, 1)),  # on the release day, not after
    ]
    for pid, offence, recorded in edges:
        participants.append([pid, RO_CONTRACT, "2012-01-15"])
        evidence.item(pid, RO_CONTRACT, "proven_reoffence", offence, None, "verified", recorded)
    return participants, evidence.rows


def main():
    rng = random.Random(SEED)
    wp_people, wp_evidence = work_programme(rng)
    ro_people, ro_evidence = reoffending(rng)
    write_csv(os.path.join(ROOT, "work-programme", "participants.csv"), PARTICIPANT_HEADER_WP, sorted(wp_people, key=lambda r: (r[1], r[0])))
    write_csv(os.path.join(ROOT, "work-programme", "evidence.csv"), EVIDENCE_HEADER, sorted(wp_evidence, key=lambda r: (r[0], r[7])))
    write_csv(os.path.join(ROOT, "reoffending", "participants.csv"), PARTICIPANT_HEADER_RO, sorted(ro_people, key=lambda r: (r[1], r[0])))
    write_csv(os.path.join(ROOT, "reoffending", "evidence.csv"), EVIDENCE_HEADER, sorted(ro_evidence, key=lambda r: (r[0], r[7])))
    print(f"work-programme: {len(wp_people)} participants, {len(wp_evidence)} evidence rows")
    print(f"reoffending: {len(ro_people)} participants, {len(ro_evidence)} evidence rows")


if __name__ == "__main__":
    main()
