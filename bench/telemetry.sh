#!/usr/bin/env bash
# Telemetry benchmark: what OpenTelemetry export costs (issue 15's target: with telemetry on, the gateway keeps >= 0.90
# of its throughput with it off).
#
# One run, loopback only, stops by itself (about 7 minutes with the defaults). Two gateways from the same jar, each
# with its own SQLite ledger, both pinned to CPU 1 (only one is loaded at a time): "off" has gateway.sh's config,
# "otel" the same plus `telemetry: { otlp: { endpoint: ... } }`, exporting every request span, attempt span and the
# GenAI metrics over OTLP HTTP/protobuf to a stand-in collector (nginx's /otlp/, an empty 200 per export, on CPU 0 with
# wrk: a collector is another machine in production). For each shape: direct once, then BENCH_ROUNDS rounds of off/otel
# in ABBA order (BAAB in even rounds; see lib/pair.sh); every ratio is taken within a round.
#
# Knobs (environment): BENCH_SHAPES ("whole stream"), BENCH_CONNECTIONS (16), BENCH_ROUNDS (3), BENCH_DURATION (10),
# BENCH_WARMUP (3), BENCH_JIT_WARMUP (30, s per gateway at start), BENCH_JAVA_OPTS, BENCH_BURSAR_JAR, BENCH_NICE,
# BENCH_OUT (also write the report there), BENCH_VERBOSE=1.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
CONNS=${BENCH_CONNECTIONS:-16}
SHAPES=${BENCH_SHAPES:-"whole stream"}
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
BENCH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/bursar-telemetry.XXXXXX")
UPSTREAM_PID=
PID_OFF=
PID_OTEL=
cleanup() {
  bench_stop "$PID_OFF"
  bench_stop "$PID_OTEL"
  bench_stop "$UPSTREAM_PID"
  rm -rf "$BENCH_TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bench_jar "$ROOT"
UP_PORT=$(bench_free_port)
upstream_start "$BENCH_TMP" "$UP_PORT" "$LOAD_CPU"
mkdir -p "$BENCH_TMP/off" "$BENCH_TMP/otel"
DB_OFF="$BENCH_TMP/off/bursar.db"
DB_OTEL="$BENCH_TMP/otel/bursar.db"
bench_bursar_config "$BENCH_TMP/off/bursar.yaml" "$UP_PORT" "$DB_OFF"
bench_bursar_config "$BENCH_TMP/otel/bursar.yaml" "$UP_PORT" "$DB_OTEL"
cat >> "$BENCH_TMP/otel/bursar.yaml" <<YAML
telemetry:
  otlp: { endpoint: "http://127.0.0.1:$UP_PORT/otlp" }
YAML
PORT_OFF=$(bench_free_port)
bench_start_bursar "$BENCH_TMP/off/bursar.yaml" "$PORT_OFF" "$BURSAR_CPU" "$BENCH_TMP/off/bursar.log"
PID_OFF=$BURSAR_PID
PORT_OTEL=$(bench_free_port)
bench_start_bursar "$BENCH_TMP/otel/bursar.yaml" "$PORT_OTEL" "$BURSAR_CPU" "$BENCH_TMP/otel/bursar.log"
PID_OTEL=$BURSAR_PID
DIRECT="http://127.0.0.1:$UP_PORT"
GW_OFF="http://127.0.0.1:$PORT_OFF"
GW_OTEL="http://127.0.0.1:$PORT_OTEL"
SEEN_OFF="$BENCH_TMP/seen-off" SEEN_OTEL="$BENCH_TMP/seen-otel"
: > "$SEEN_OFF"; : > "$SEEN_OTEL"

shape_model() { if [ "$1" = whole ]; then echo gpt-4o-mini; else echo gpt-4o-mini-stream; fi; }
shape_stream() { if [ "$1" = whole ]; then echo 0; else echo 1; fi; }

# The phases pair_abba calls: phase_LABEL ROUND SHAPE.
phase_direct() {
  pair_measure "$1" direct "$2" "" "$DIRECT/$2/v1/chat/completions" "$(shape_model "$2")" "$(shape_stream "$2")" \
    "$CONNS" "" 0 "$DIRECT_WARMUP"
}
phase_off() {
  pair_measure "$1" off "$2" "$PID_OFF" "$GW_OFF/v1/chat/completions" "$(shape_model "$2")" \
    "$(shape_stream "$2")" "$CONNS" "$SEEN_OFF" 0 "$WARMUP"
}
phase_otel() {
  pair_measure "$1" otel "$2" "$PID_OTEL" "$GW_OTEL/v1/chat/completions" "$(shape_model "$2")" \
    "$(shape_stream "$2")" "$CONNS" "$SEEN_OTEL" 0 "$WARMUP"
}

# Both gateways answer; the otel one says at start where it exports.
GATEWAY=$GW_OFF phase_smoke_test "$GW_OFF" "$KEY"
GATEWAY=$GW_OTEL phase_smoke_test "$GW_OTEL" "$KEY"
grep -q '^telemetry: ' "$BENCH_TMP/otel/bursar.log" || bench_die "the otel gateway did not turn telemetry on (see its log)"
grep -q '^telemetry: ' "$BENCH_TMP/off/bursar.log" && bench_die "the off gateway turned telemetry on"
# phase_smoke_test counted its answers in gateway-2xx: two per gateway.
echo 2 >> "$SEEN_OFF"; echo 2 >> "$SEEN_OTEL"

n_shapes=$(echo $SHAPES | wc -w)
slice=$(( (JIT_WARMUP + n_shapes - 1) / n_shapes ))
bench_log "JIT warm-up: ${JIT_WARMUP}s per gateway"
for shape in $SHAPES; do
  pair_wrk "$GW_OFF/v1/chat/completions" "$(shape_model "$shape")" "$(shape_stream "$shape")" 16 "$slice" "$SEEN_OFF" >/dev/null
  pair_wrk "$GW_OTEL/v1/chat/completions" "$(shape_model "$shape")" "$(shape_stream "$shape")" 16 "$slice" "$SEEN_OTEL" >/dev/null
done

for shape in $SHAPES; do
  phase_direct 0 "$shape"
  for round in $(seq 1 "$ROUNDS"); do
    pair_abba "$round" "$shape" off otel
  done
done
sleep 1 # let requests that wrk abandoned at the end of the last phase settle

REPORT="$BENCH_TMP/report.txt"
{
  pair_summary off otel "telemetry off" "telemetry on" "on ÷ off" 0.90 "telemetry on keeps"
  echo "gateway with telemetry off:"
  phase_ledger_check "$GW_OFF" "$DB_OFF" "$SEEN_OFF"
  echo "gateway with telemetry on:"
  phase_ledger_check "$GW_OTEL" "$DB_OTEL" "$SEEN_OTEL"
  sleep 6 # the last batch of spans and the metrics leave every 5 s
  traces=$(grep -c '/otlp/v1/traces' "$BENCH_TMP/nginx/otlp.log" 2>/dev/null || true)
  metrics=$(grep -c '/otlp/v1/metrics' "$BENCH_TMP/nginx/otlp.log" 2>/dev/null || true)
  non200=$(awk '$9 != 200' "$BENCH_TMP/nginx/otlp.log" 2>/dev/null | wc -l)
  echo "OTLP exports the stand-in collector took: ${traces:-0} trace batches, ${metrics:-0} metric exports, $non200 not answered 200"
} > "$REPORT"
cat "$REPORT"
[ -n "${BENCH_OUT:-}" ] && cp "$REPORT" "$BENCH_OUT"
grep -q '^ledger check: FAIL' "$REPORT" && exit 1
exit 0
