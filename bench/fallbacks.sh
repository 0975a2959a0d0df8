#!/usr/bin/env bash
# Fallback-chain benchmark: what a configured fallback chain costs when nothing fails (issue 16's target: keep >= 0.95
# of the throughput without one).
#
# One run, loopback only, stops by itself (about 4 minutes with the defaults). Two gateways from the same jar, each
# with its own SQLite ledger, both pinned to CPU 1 (only one is loaded at a time): "plain" has gateway.sh's config,
# "chain" the same with BENCH_FALLBACKS=1 (every model has a fallback on a second provider that is never needed).
# nginx (the fake provider) and wrk share CPU 0, as in gateway.sh. For each shape: direct once (how fast the machine
# is right now), then BENCH_ROUNDS rounds of plain/chain in ABBA order (BAAB in even rounds). Separate runs of
# gateway.sh could not tell the chain's cost from the position of a run in a pair (the second run of a pair lost
# 20–35% on streams); here every ratio is taken within a round, and CPU per request is printed beside req/s.
#
# Knobs (environment): BENCH_SHAPES ("stream"), BENCH_CONNECTIONS (16), BENCH_ROUNDS (3), BENCH_DURATION (10),
# BENCH_WARMUP (3), BENCH_JIT_WARMUP (30, s per gateway at start), BENCH_JAVA_OPTS, BENCH_BURSAR_JAR, BENCH_NICE,
# BENCH_OUT (also write the report there), BENCH_VERBOSE=1.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
CONNS=${BENCH_CONNECTIONS:-16}
SHAPES=${BENCH_SHAPES:-stream}
ROUNDS=${BENCH_ROUNDS:-3}
DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-3}
JIT_WARMUP=${BENCH_JIT_WARMUP:-30}
DIRECT_WARMUP=2
KEY=bk-bench-0123456789abcdef
LOAD_CPU=0
BURSAR_CPU=1
unset BENCH_UNIQUE BENCH_TEMPERATURE BENCH_FALLBACKS BENCH_CONTROLS

# shellcheck source=lib/common.sh
. "$HERE/lib/common.sh"
# shellcheck source=lib/upstream.sh
. "$HERE/lib/upstream.sh"
# shellcheck source=lib/phases.sh
. "$HERE/lib/phases.sh"
# shellcheck source=lib/pair.sh
. "$HERE/lib/pair.sh"

bench_need_tools
BENCH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/bursar-fallbacks.XXXXXX")
UPSTREAM_PID=
PID_PLAIN=
PID_CHAIN=
cleanup() {
  bench_stop "$PID_PLAIN"
  bench_stop "$PID_CHAIN"
  bench_stop "$UPSTREAM_PID"
  rm -rf "$BENCH_TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bench_jar "$ROOT"
UP_PORT=$(bench_free_port)
upstream_start "$BENCH_TMP" "$UP_PORT" "$LOAD_CPU"
mkdir -p "$BENCH_TMP/plain" "$BENCH_TMP/chain"
DB_PLAIN="$BENCH_TMP/plain/bursar.db"
DB_CHAIN="$BENCH_TMP/chain/bursar.db"
bench_bursar_config "$BENCH_TMP/plain/bursar.yaml" "$UP_PORT" "$DB_PLAIN"
BENCH_FALLBACKS=1 bench_bursar_config "$BENCH_TMP/chain/bursar.yaml" "$UP_PORT" "$DB_CHAIN"
grep -q 'fallbacks:' "$BENCH_TMP/chain/bursar.yaml" || bench_die "the chain config has no fallbacks"
PORT_PLAIN=$(bench_free_port)
bench_start_bursar "$BENCH_TMP/plain/bursar.yaml" "$PORT_PLAIN" "$BURSAR_CPU" "$BENCH_TMP/plain/bursar.log"
PID_PLAIN=$BURSAR_PID
PORT_CHAIN=$(bench_free_port)
bench_start_bursar "$BENCH_TMP/chain/bursar.yaml" "$PORT_CHAIN" "$BURSAR_CPU" "$BENCH_TMP/chain/bursar.log"
PID_CHAIN=$BURSAR_PID
DIRECT="http://127.0.0.1:$UP_PORT"
GW_PLAIN="http://127.0.0.1:$PORT_PLAIN"
GW_CHAIN="http://127.0.0.1:$PORT_CHAIN"
SEEN_PLAIN="$BENCH_TMP/seen-plain" SEEN_CHAIN="$BENCH_TMP/seen-chain"
: > "$SEEN_PLAIN"; : > "$SEEN_CHAIN"

shape_model() { if [ "$1" = whole ]; then echo gpt-4o-mini; else echo gpt-4o-mini-stream; fi; }
shape_stream() { if [ "$1" = whole ]; then echo 0; else echo 1; fi; }

# The phases pair_abba calls: phase_LABEL ROUND SHAPE.
phase_direct() {
  pair_measure "$1" direct "$2" "" "$DIRECT/$2/v1/chat/completions" "$(shape_model "$2")" "$(shape_stream "$2")" \
    "$CONNS" "" 0 "$DIRECT_WARMUP"
}
phase_plain() {
  pair_measure "$1" plain "$2" "$PID_PLAIN" "$GW_PLAIN/v1/chat/completions" "$(shape_model "$2")" \
    "$(shape_stream "$2")" "$CONNS" "$SEEN_PLAIN" 0 "$WARMUP"
}
phase_chain() {
  pair_measure "$1" chain "$2" "$PID_CHAIN" "$GW_CHAIN/v1/chat/completions" "$(shape_model "$2")" \
    "$(shape_stream "$2")" "$CONNS" "$SEEN_CHAIN" 0 "$WARMUP"
}

# Both gateways answer, and the chain's answers come from its primary (X-Bursar-Route: primary).
GATEWAY=$GW_PLAIN phase_smoke_test "$GW_PLAIN" "$KEY"
GATEWAY=$GW_CHAIN phase_smoke_test "$GW_CHAIN" "$KEY"
route=$(curl -sS -m 10 -D - -o /dev/null "$GW_CHAIN/v1/chat/completions" -H "Authorization: Bearer $KEY" \
  -H 'Content-Type: application/json' -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"route"}]}' \
  | tr -d '\r' | awk -F': ' 'tolower($1) == "x-bursar-route" { print $2 }')
[ "$route" = primary ] || bench_die "the chain gateway answered with X-Bursar-Route: '$route', not primary"
# phase_smoke_test counted its answers in gateway-2xx: two per gateway, plus the route check.
echo 2 >> "$SEEN_PLAIN"; echo 3 >> "$SEEN_CHAIN"

n_shapes=$(echo $SHAPES | wc -w)
slice=$(( (JIT_WARMUP + n_shapes - 1) / n_shapes ))
bench_log "JIT warm-up: ${JIT_WARMUP}s per gateway"
for shape in $SHAPES; do
  pair_wrk "$GW_PLAIN/v1/chat/completions" "$(shape_model "$shape")" "$(shape_stream "$shape")" 16 "$slice" "$SEEN_PLAIN" >/dev/null
  pair_wrk "$GW_CHAIN/v1/chat/completions" "$(shape_model "$shape")" "$(shape_stream "$shape")" 16 "$slice" "$SEEN_CHAIN" >/dev/null
done

for shape in $SHAPES; do
  phase_direct 0 "$shape"
  for round in $(seq 1 "$ROUNDS"); do
    pair_abba "$round" "$shape" plain chain
  done
done
sleep 1 # let requests that wrk abandoned at the end of the last phase settle

REPORT="$BENCH_TMP/report.txt"
{
  pair_summary plain chain "without fallbacks" "with a fallback per model" "with ÷ without" 0.95 "a fallback chain that is never needed keeps"
  echo "gateway without fallbacks:"
  phase_ledger_check "$GW_PLAIN" "$DB_PLAIN" "$SEEN_PLAIN"
  echo "gateway with a fallback per model:"
  phase_ledger_check "$GW_CHAIN" "$DB_CHAIN" "$SEEN_CHAIN"
  fallback_rows=$(sqlite3 -cmd ".timeout 10000" "$DB_CHAIN" "SELECT count(*) FROM usage_events WHERE routing_reason LIKE 'fallback:%';")
  echo "rows of the chain gateway not answered by the primary: $fallback_rows (the fallback is never needed)"
} > "$REPORT"
cat "$REPORT"
[ -n "${BENCH_OUT:-}" ] && cp "$REPORT" "$BENCH_OUT"
grep -q '^ledger check: FAIL' "$REPORT" && exit 1
exit 0
