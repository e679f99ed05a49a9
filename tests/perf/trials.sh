#!/usr/bin/env bash
# Repeatable timings of one step at a time, on a snapshot of an e2e database (issue 7): what the
# 2026-11-26 figures in docs/benchmarks.md section 0 name "isolated". An e2e run's steps overlap
# the server's autovacuum and checkpoints of the step before; these do not.
#
#   tests/perf/trials.sh snapshot DATA   build pbr, then on a fresh cluster import DATA/participants.csv
#                                        (timed), VACUUM ANALYZE, keep a copy; import DATA/evidence.csv
#                                        (timed), VACUUM ANALYZE, keep a second copy
#   tests/perf/trials.sh participants    on a fresh cluster, time `pbr import participants` (the first copy's step)
#   tests/perf/trials.sh evidence        restore the first copy, time `pbr import evidence`
#   tests/perf/trials.sh settle          restore the second copy, time `pbr settle`
#   tests/perf/trials.sh fresh           restore the first copy, time `pbr import evidence` and then `pbr settle`
#                                        at once, as an e2e run does (the rows neither vacuumed nor analysed)
#   tests/perf/trials.sh monthly         a month of a running programme: restore the first copy, import the
#                                        evidence recorded before MONTH_FROM and settle at the day before
#                                        (the backlog), then time the month's evidence (recorded from
#                                        MONTH_FROM up to AS_OF) imported into contracts that hold rows (the
#                                        staged path) and the settle at AS_OF that follows it
#
# DATA is a folder `pbr generate` wrote (e2e.sh with KEEP=1 leaves one in its work folder). Each timed
# step prints wall time, peak memory and CPU, then a timeline of the server's statements of 50 ms or
# more (start and end in seconds from the step's start): the gaps are client-only time.
# Environment: TRIALS_DIR (default /tmp/pbr-trials), AS_OF (default 2018-03-31), MONTH_FROM (default
# 2018-03-01). `monthly` splits evidence.csv on its 8th column, recorded_on, as `pbr generate` writes it.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DIR=${TRIALS_DIR:-/tmp/pbr-trials}
AS_OF=${AS_OF:-2018-03-31}
MONTH_FROM=${MONTH_FROM:-2018-03-01}
export PBR_HOME="$DIR/home" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
unset PBR_DATABASE_URL || true
PBR=("$DIR/cli/pbr")

restore() {
    rm -rf "$PBR_HOME" && cp -a "$DIR/$1" "$PBR_HOME" && sync
    "${PBR[@]}" db start >/dev/null
    restore_logging
}

# The server logs each statement of 50 ms or more, with its time, for the timelines below.
restore_logging() {
    psql "$("${PBR[@]}" db url)" -XAtqc "ALTER SYSTEM SET log_min_duration_statement = 50" \
        -c "ALTER SYSTEM SET log_line_prefix = '%m '" -c "SELECT pg_reload_conf()" >/dev/null
}

# timed NAME CMD...: wall, peak RSS and CPU of CMD, then the server's statements during it.
timed() {
    local name=$1; shift
    local log="$PBR_HOME/log/postgres.log" start
    local from; from=$(wc -l <"$log")
    start=$(date +%s.%N)
    /usr/bin/time -f "$name %e s, peak %M KB, user %U s, sys %S s" "$@" >"$DIR/$name.out" 2>"$DIR/$name.err" \
        || { cat "$DIR/$name.err" >&2; exit 1; }
    tail -n 1 "$DIR/$name.err"
    tail -n +"$((from + 1))" "$log" | grep "duration: " | START="$start" python3 -c '
import datetime, os, sys
t0 = float(os.environ["START"])
for line in sys.stdin:
    day, clock = line.split()[:2]
    end = datetime.datetime.strptime(day + " " + clock, "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=datetime.timezone.utc).timestamp()
    took = float(line.split("duration: ")[1].split(" ms")[0]) / 1000
    what = line.split(": ", 3)[-1][:70].strip()
    print(f"  {end - took - t0:7.2f} -> {end - t0:7.2f}  {took:6.2f} s  {what}")
' || true
}

case ${1:-} in
snapshot)
    DATA=$(cd "${2:?usage: trials.sh snapshot DATA}" && pwd)
    mkdir -p "$DIR" && chmod 755 "$DIR"
    dotnet build -c Release "$ROOT/src/Pbr.Cli" -o "$DIR/cli" -v quiet -nologo >/dev/null
    rm -rf "$PBR_HOME" "$DIR/participants.snapshot" "$DIR/inputs.snapshot"
    "${PBR[@]}" db start >/dev/null
    URL=$("${PBR[@]}" db url)
    "${PBR[@]}" tariff publish "$ROOT/samples/work-programme/work-programme.pbr" >/dev/null
    timed import-participants "${PBR[@]}" import participants "$DATA/participants.csv"
    psql "$URL" -XAtqc "VACUUM ANALYZE participants"
    "${PBR[@]}" db stop >/dev/null && cp -a "$PBR_HOME" "$DIR/participants.snapshot" && "${PBR[@]}" db start >/dev/null
    echo "$DATA" >"$DIR/data"
    timed import-evidence "${PBR[@]}" import evidence "$DATA/evidence.csv"
    psql "$URL" -XAtqc "VACUUM ANALYZE evidence_versions"
    "${PBR[@]}" db stop >/dev/null && cp -a "$PBR_HOME" "$DIR/inputs.snapshot"
    ;;
participants)
    rm -rf "$PBR_HOME" && "${PBR[@]}" db start >/dev/null
    restore_logging
    "${PBR[@]}" tariff publish "$ROOT/samples/work-programme/work-programme.pbr" >/dev/null
    timed import-participants "${PBR[@]}" import participants "$(cat "$DIR/data")/participants.csv"
    "${PBR[@]}" db stop >/dev/null
    ;;
evidence)
    restore participants.snapshot
    timed import-evidence "${PBR[@]}" import evidence "$(cat "$DIR/data")/evidence.csv"
    "${PBR[@]}" db stop >/dev/null
    ;;
fresh)
    restore participants.snapshot
    timed import-evidence "${PBR[@]}" import evidence "$(cat "$DIR/data")/evidence.csv"
    timed settle "${PBR[@]}" settle --as-of "$AS_OF"
    "${PBR[@]}" db stop >/dev/null
    ;;
settle)
    restore inputs.snapshot
    timed settle "${PBR[@]}" settle --as-of "$AS_OF"
    "${PBR[@]}" db stop >/dev/null
    ;;
monthly)
    restore participants.snapshot
    EVIDENCE="$(cat "$DIR/data")/evidence.csv"
    awk -F, -v from="$MONTH_FROM" 'NR == 1 || $8 < from' "$EVIDENCE" >"$DIR/backlog.csv"
    awk -F, -v from="$MONTH_FROM" -v to="$AS_OF" 'NR == 1 || ($8 >= from && $8 <= to)' "$EVIDENCE" >"$DIR/month.csv"
    echo "backlog $(($(wc -l <"$DIR/backlog.csv") - 1)) rows, month $(($(wc -l <"$DIR/month.csv") - 1)) rows"
    timed import-backlog "${PBR[@]}" import evidence "$DIR/backlog.csv"
    timed settle-backlog "${PBR[@]}" settle --as-of "$(date -d "$MONTH_FROM - 1 day" +%F)"
    # A month passes before the next run: autovacuum has analysed the lines by then.
    psql "$("${PBR[@]}" db url)" -XAtqc "VACUUM ANALYZE"
    timed import-month "${PBR[@]}" import evidence "$DIR/month.csv"
    timed settle-month "${PBR[@]}" settle --as-of "$AS_OF"
    "${PBR[@]}" db stop >/dev/null
    ;;
*)
    echo "usage: tests/perf/trials.sh snapshot DATA | participants | evidence | settle | fresh | monthly" >&2
    exit 2
    ;;
esac
