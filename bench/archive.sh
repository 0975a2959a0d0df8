#!/usr/bin/env bash
# Ledger lifecycle benchmark (issue 17): does background archiving slow the gateway down?
#
# Generates a SQLite ledger of ROWS old rows (spread over 60..8 days ago, LedgerBench's mix), then runs the same
# load twice through Bursar on a copy of it: (A) no ledger block, nothing archived; (B) ledger: { keep-rows: 7d,
# archive-every: 60s }, so the first archive run (every old row: 53 days) starts 60 s after the gateway and then
# again every minute. Prints p50/p99 of both, the added p99 of B over A, and what B archived.
#
# Usage: bench/archive.sh [ROWS]  (default 1000000). Knobs: BENCH_DURATION (measured seconds, default 600: the
# issue's 10 minutes), BENCH_CONNECTIONS (default 16), BENCH_WARMUP (JIT warm-up seconds before measuring, 20).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
KEY=bk-bench-0123456789abcdef
ROWS=${1:-1000000}
DURATION=${BENCH_DURATION:-600}
CONNS=${BENCH_CONNECTIONS:-16}
WARMUP=${BENCH_WARMUP:-20}
LOAD_CPU=0
GATEWAY=http://127.0.0.1

# shellcheck source=lib/common.sh
. "$HERE/lib/common.sh"
# shellcheck source=lib/upstream.sh
. "$HERE/lib/upstream.sh"
# shellcheck source=lib/phases.sh
. "$HERE/lib/phases.sh"

bench_need_tools
BENCH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/bursar-archive.XXXXXX")
UPSTREAM_PID=
BURSAR_PID=
cleanup() {
  bench_stop "$BURSAR_PID"
  bench_stop "$UPSTREAM_PID"
  rm -rf "$BENCH_TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bench_jar "$ROOT"
(cd "$ROOT" && ./mvnw -q -B -o test-compile >&2 \
  && ./mvnw -q -B -o dependency:build-classpath -Dmdep.outputFile="$BENCH_TMP/cp.txt" >/dev/null)
CP="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$BENCH_TMP/cp.txt")"
mkdir -p "$BENCH_TMP/base"
"$BENCH_JAVA" -Xmx1g --enable-native-access=ALL-UNNAMED -cp "$CP" dev.bursar.bench.ArchiveBench \
  generate "$BENCH_TMP/base/bursar.db" "$ROWS" 60 8 >&2
"$BENCH_JAVA" -cp "$CP" --enable-native-access=ALL-UNNAMED dev.bursar.bench.ArchiveBench footprint "$BENCH_TMP/base/bursar.db"

UP_PORT=$(bench_free_port)
upstream_start "$BENCH_TMP" "$UP_PORT" 0

# run_phase NAME EXTRA_YAML: copies the base ledger, starts Bursar on CPU 1, warms up, measures; prints the RESULT line.
run_phase() {
  local name=$1 extra=$2 dir="$BENCH_TMP/$1" port
  mkdir -p "$dir"
  cp "$BENCH_TMP/base/bursar.db" "$dir/bursar.db"
  bench_bursar_config "$dir/bursar.yaml" "$UP_PORT" "$dir/bursar.db"
  [ -z "$extra" ] || printf '%s\n' "$extra" >> "$dir/bursar.yaml"
  port=$(bench_free_port)
  bench_start_bursar "$dir/bursar.yaml" "$port" 1 "$dir/bursar.log"
  phase_wrk "$GATEWAY:$port/v1/chat/completions" gpt-4o-mini 0 "$CONNS" "$WARMUP" > /dev/null
  phase_wrk "$GATEWAY:$port/v1/chat/completions" gpt-4o-mini 0 "$CONNS" "$DURATION"
  bench_stop "$BURSAR_PID"
  BURSAR_PID=
}

bench_log "phase A: no archiving, $CONNS connections, ${DURATION}s"
A=$(run_phase a "")
bench_log "phase B: keep-rows 7d, archive every 60s, $CONNS connections, ${DURATION}s"
B=$(run_phase b "ledger: { keep-rows: 7d, archive: $BENCH_TMP/b/archive, archive-every: 60s }")

read -r a_req a_p50 a_p99 <<<"$(phase_field "$A" requests p50_us p99_us)"
read -r b_req b_p50 b_p99 <<<"$(phase_field "$B" requests p50_us p99_us)"
archived=$(sqlite3 "$BENCH_TMP/b/bursar.db" "SELECT COUNT(*), COALESCE(SUM(row_count), 0) FROM ledger_archive WHERE state = 'complete'")
left=$(sqlite3 "$BENCH_TMP/b/bursar.db" "SELECT COUNT(*) FROM usage_events WHERE ts_micros < (strftime('%s','now') - 7*86400) * 1000000")
echo
echo "| phase | requests | req/s | p50 (ms) | p99 (ms) |"
echo "|---|---:|---:|---:|---:|"
awk -v n="A: no archiving" -v r="$a_req" -v d="$DURATION" -v p50="$a_p50" -v p99="$a_p99" \
  'BEGIN { printf "| %s | %d | %.0f | %.2f | %.2f |\n", n, r, r / d, p50 / 1000, p99 / 1000 }'
awk -v n="B: archiving every 60 s" -v r="$b_req" -v d="$DURATION" -v p50="$b_p50" -v p99="$b_p99" \
  'BEGIN { printf "| %s | %d | %.0f | %.2f | %.2f |\n", n, r, r / d, p50 / 1000, p99 / 1000 }'
awk -v a="$a_p99" -v b="$b_p99" 'BEGIN { printf "\np99 with archiving / without: %.3f (target <= 1.10)\n", b / a }'
echo "archived in phase B (files, rows): ${archived/|/, }; rows older than 7 days left in the database: $left"
"$BENCH_JAVA" -cp "$CP" --enable-native-access=ALL-UNNAMED dev.bursar.bench.ArchiveBench footprint "$BENCH_TMP/b/bursar.db"
