#!/usr/bin/env bash
# End-to-end benchmark (issue 7, item 3) and the set-based SQL baseline (item 4).
#
#   tests/perf/e2e.sh N            e.g. tests/perf/e2e.sh 100000
#
# Generates N Work Programme participants, then on a fresh embedded database (PBR_HOME in a temp
# folder) times each step with /usr/bin/time -v (wall time and peak resident memory):
#   publish, import participants, import evidence, first settle, second settle (nothing new);
# and, in the same run, the floor (COPY of the same ledger rows with no computation, and parsing
# the evidence CSV with no computation) and the SQL baseline (tests/perf/baseline.sql).
# Prints one table and the ratios. Environment: SEED (default 42), AS_OF (default 2018-03-31),
# KEEP=1 keeps the temp folder, PBR_PERF_DIR picks it, RESULTS=FILE.tsv appends one tab-separated
# row per run to FILE (with a header when FILE is new) for the chart of time against N:
#   dotnet run -c Release --project tests/Pbr.Benchmarks -- chart FILE.tsv time-vs-n.png
set -euo pipefail

N=${1:?usage: tests/perf/e2e.sh N}
SEED=${SEED:-42}
AS_OF=${AS_OF:-2018-03-31}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${PBR_PERF_DIR:-$(mktemp -d /tmp/pbr-e2e.XXXXXX)}
mkdir -p "$WORK"
# As root the server runs as the postgres user, which must be able to pass through the work folder.
chmod 755 "$WORK"
export PBR_HOME="$WORK/home"
unset PBR_DATABASE_URL || true
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

[ -x /usr/bin/time ] || { echo "e2e: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }

# The steps in the order they run; RESULTS has a seconds and a peak-MB column for each.
STEPS=(publish import-participants import-evidence settle-1 settle-2 floor-copy floor-copy-indexed floor-parse sql-baseline)
RESULTS_HEADER="utc	commit	load1	n	seed	as_of	evidence_rows	ledger_rows"
for step in "${STEPS[@]}"; do RESULTS_HEADER+="	${step//-/_}_s	${step//-/_}_mb"; done
RESULTS_HEADER+="	real_s	floor_s	totals_equal"
# Checked before the run, so that a long run never ends on a file it cannot append to.
if [ -n "${RESULTS:-}" ] && [ -s "$RESULTS" ] && [ "$(head -n 1 "$RESULTS")" != "$RESULTS_HEADER" ]; then
    echo "e2e: $RESULTS has another header than this script writes; use a new file" >&2
    exit 2
fi
[ -z "${RESULTS:-}" ] || mkdir -p "$(dirname "$RESULTS")"
STARTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
LOAD1=$(cut -d' ' -f1 /proc/loadavg)

echo "e2e: N=$N seed=$SEED as-of=$AS_OF work=$WORK" >&2
echo "e2e: building (Release) ..." >&2
dotnet build -c Release "$ROOT/src/Pbr.Cli" -o "$WORK/cli" -v quiet -nologo >/dev/null
dotnet build -c Release "$ROOT/tests/Pbr.Benchmarks" -o "$WORK/bench" -v quiet -nologo >/dev/null
PBR=("$WORK/cli/pbr")
[ -x "${PBR[0]}" ] || PBR=(dotnet "$WORK/cli/pbr.dll")
BENCH=(dotnet "$WORK/bench/Pbr.Benchmarks.dll")

ROWS=()
# timed NAME CMD...: runs CMD under /usr/bin/time -v, records wall seconds and peak RSS in MB.
timed() {
    local name=$1; shift
    local out="$WORK/$name.time"
    if ! /usr/bin/time -v -o "$out" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"; then
        echo "e2e: step '$name' failed; see $WORK/$name.err" >&2
        cat "$WORK/$name.err" >&2
        exit 1
    fi
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$out")
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$out")
    ROWS+=("$name|$wall|$rss")
    eval "T_${name//-/_}=$wall"
    echo "e2e: $name ${wall}s ${rss}MB" >&2
}

DATA="$WORK/data"
mkdir -p "$DATA"
"${PBR[@]}" generate --participants "$N" --seed "$SEED" --out "$DATA" >/dev/null
EVIDENCE_ROWS=$(($(wc -l <"$DATA/evidence.csv") - 1))
"${PBR[@]}" db start >/dev/null
URL=$("${PBR[@]}" db url)

# The engine.
# A cheap profile of the database side: the server logs every statement of the imports and settles
# that takes 250 ms or more, with its duration; what a step's wall time does not spend there is .NET.
psql "$URL" -XAtqc "ALTER SYSTEM SET log_min_duration_statement = 250" -c "SELECT pg_reload_conf()" >/dev/null
timed publish "${PBR[@]}" tariff publish "$ROOT/samples/work-programme/work-programme.pbr"
timed import-participants "${PBR[@]}" import participants "$DATA/participants.csv"
timed import-evidence "${PBR[@]}" import evidence "$DATA/evidence.csv"
timed settle-1 "${PBR[@]}" settle --as-of "$AS_OF"
LINES_AFTER_FIRST=$(psql "$URL" -XAtqc "SELECT count(*) FROM ledger_lines")
timed settle-2 "${PBR[@]}" settle --as-of "$AS_OF"

psql "$URL" -XAtqc "ALTER SYSTEM RESET log_min_duration_statement" -c "SELECT pg_reload_conf()" >/dev/null
LEDGER_ROWS=$(psql "$URL" -XAtqc "SELECT count(*) FROM ledger_lines")
ENGINE_PENCE=$(psql "$URL" -XAtqc "SELECT coalesce(sum(amount_pence), 0) FROM ledger_lines")
SECOND_RUN_LINES=$((LEDGER_ROWS - LINES_AFTER_FIRST))

# The floor: the same ledger rows exported, then COPYed back into an empty table of the same
# shape (no indexes, no constraints, no triggers) and into one with the ledger's indexes.
psql "$URL" -XAtqc "\\copy (SELECT * FROM ledger_lines) TO '$WORK/ledger_lines.csv' WITH (FORMAT csv)"
psql "$URL" -Xqc "CREATE UNLOGGED TABLE IF NOT EXISTS perf_floor_plain (LIKE ledger_lines INCLUDING DEFAULTS)" >/dev/null
psql "$URL" -Xqc "CREATE TABLE IF NOT EXISTS perf_floor_indexed (LIKE ledger_lines INCLUDING DEFAULTS INCLUDING INDEXES)" >/dev/null
timed floor-copy psql "$URL" -Xqc "\\copy perf_floor_plain FROM '$WORK/ledger_lines.csv' WITH (FORMAT csv)"
timed floor-copy-indexed psql "$URL" -Xqc "\\copy perf_floor_indexed FROM '$WORK/ledger_lines.csv' WITH (FORMAT csv)"
timed floor-parse "${BENCH[@]}" parse "$DATA/evidence.csv"

# The analyst's SQL baseline over the imported tables.
psql "$URL" -Xqc "ANALYZE participants; ANALYZE evidence_versions" >/dev/null
timed sql-baseline psql "$URL" -XAtq -v ON_ERROR_STOP=1 -v as_of="$AS_OF" -v known_at="$AS_OF" -f "$ROOT/tests/perf/baseline.sql"
BASELINE_PENCE=$(tr -d '[:space:]' <"$WORK/sql-baseline.out")

"${PBR[@]}" db stop >/dev/null || true

# The report.
printf '\nPbrEngine end to end: N=%s participants, %s evidence rows, %s ledger rows, as of %s, seed %s\n' \
    "$N" "$EVIDENCE_ROWS" "$LEDGER_ROWS" "$AS_OF" "$SEED"
printf '%s, %s cores, %s\n\n' "$(uname -srm)" "$(nproc)" "$(awk '/MemTotal/ { printf "%.1f GB RAM", $2 / 1048576 }' /proc/meminfo)"
printf '| %-20s | %9s | %12s |\n' step 'wall (s)' 'peak RSS (MB)'
printf '|%s|%s|%s|\n' '----------------------' '-----------:' '--------------:'
for row in "${ROWS[@]}"; do
    IFS='|' read -r name wall rss <<<"$row"
    printf '| %-20s | %9s | %12s |\n' "$name" "$wall" "$rss"
done
REAL=$(echo "$T_publish + $T_import_participants + $T_import_evidence + $T_settle_1" | bc -l)
FLOOR=$(echo "$T_floor_copy + $T_floor_parse" | bc -l)
printf '\nreal run (publish + imports + first settle): %.2f s\n' "$REAL"
printf 'floor (COPY ledger rows + parse evidence):   %.2f s\n' "$FLOOR"
printf 'real / floor:                                %.2f\n' "$(echo "$REAL / $FLOOR" | bc -l)"
printf 'second settle / first settle:                %.3f (lines posted by the second settle: %s)\n' \
    "$(echo "$T_settle_2 / $T_settle_1" | bc -l)" "$SECOND_RUN_LINES"
printf 'first settle / SQL baseline:                 %.2f\n' "$(echo "$T_settle_1 / $T_sql_baseline" | bc -l)"
printf 'engine total %s p, SQL baseline total %s p: %s\n' "$ENGINE_PENCE" "$BASELINE_PENCE" \
    "$([ "$ENGINE_PENCE" = "$BASELINE_PENCE" ] && echo equal || echo DIFFERENT)"

if [ -n "${RESULTS:-}" ]; then
    [ -s "$RESULTS" ] || printf '%s\n' "$RESULTS_HEADER" >"$RESULTS"
    RESULT_ROW="$STARTED	$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)	$LOAD1	$N	$SEED	$AS_OF	$EVIDENCE_ROWS	$LEDGER_ROWS"
    for i in "${!STEPS[@]}"; do
        IFS='|' read -r name wall rss <<<"${ROWS[$i]}"
        [ "$name" = "${STEPS[$i]}" ] || { echo "e2e: step $i is $name, RESULTS expects ${STEPS[$i]}" >&2; exit 1; }
        RESULT_ROW+="	$wall	$rss"
    done
    RESULT_ROW+="	$(printf '%.2f' "$REAL")	$(printf '%.2f' "$FLOOR")	$([ "$ENGINE_PENCE" = "$BASELINE_PENCE" ] && echo yes || echo no)"
    printf '%s\n' "$RESULT_ROW" >>"$RESULTS"
    echo "e2e: appended the run to $RESULTS" >&2
fi

printf '\nStatements of 250 ms or more during the imports and settles (ms, statement start):\n'
cat "$PBR_HOME"/log/* 2>/dev/null | grep -o 'duration: [0-9.]* ms .*' | sed -E 's/duration: ([0-9.]+) ms +(statement|execute [^:]*): */\1  /' | cut -c1-110 | sort -rn | head -20 || true

if [ "${KEEP:-0}" != 1 ]; then rm -rf "$WORK"; fi
[ "$ENGINE_PENCE" = "$BASELINE_PENCE" ]
