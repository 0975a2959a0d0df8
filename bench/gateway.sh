#!/usr/bin/env bash
# Gateway benchmark: what Bursar adds between a client and an OpenAI-compatible provider.
#
# One run, loopback only, stops by itself (about 4 minutes with the defaults):
#   fake upstream  nginx, one worker, fixed chat.completion JSON / fixed SSE stream, pinned to CPU 0
#   load           wrk (one thread, Lua script for the POST bodies), pinned to CPU 0 with nginx
#   gateway        ./bursar serve (jar, ledger ON, SQLite in a temp folder), pinned to CPU 1
# For whole and streamed requests at each connection count: direct to nginx (baseline), then through Bursar.
# Prints throughput, p50/p99 latency, added latency, throughput ratio, Bursar CPU per request, peak RSS,
# and checks that the ledger holds one row per 200 Bursar served.
#
# Knobs (environment): BENCH_CONNECTIONS ("1 16 64"), BENCH_DURATION (10, s measured per phase),
# BENCH_WARMUP (5, s before each Bursar phase), BENCH_JIT_WARMUP (20, s once at start),
# BENCH_JAVA_OPTS (extra JVM flags for Bursar), BENCH_BURSAR_JAR (a prebuilt jar instead of target/), BENCH_OUT (also write the report to this file),
# BENCH_NICE (nice value for wrk, nginx and Bursar alike; default -10 as root, 0 = as is),
# BENCH_SHAPES ("whole stream"), BENCH_CONTROLS (redis|embedded: a budget and a rate limit on every request; with
# redis, a Redis of the bench's own pinned to CPU 0 beside wrk and nginx).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
CONNECTIONS=${BENCH_CONNECTIONS:-"1 16 64"}
DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-5}
JIT_WARMUP=${BENCH_JIT_WARMUP:-20}
DIRECT_WARMUP=2
KEY=bk-bench-0123456789abcdef
LOAD_CPU=0
BURSAR_CPU=1

# shellcheck source=lib/common.sh
. "$HERE/lib/common.sh"
# shellcheck source=lib/upstream.sh
. "$HERE/lib/upstream.sh"
# shellcheck source=lib/phases.sh
. "$HERE/lib/phases.sh"

bench_need_tools
BENCH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/bursar-bench.XXXXXX")
UPSTREAM_PID=
BURSAR_PID=
REDIS_PID=
cleanup() {
  bench_stop "$BURSAR_PID"
  bench_stop "$UPSTREAM_PID"
  bench_stop "$REDIS_PID"
  rm -rf "$BENCH_TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bench_jar "$ROOT"
UP_PORT=$(bench_free_port)
upstream_start "$BENCH_TMP" "$UP_PORT" "$LOAD_CPU"
bench_redis_start "$BENCH_TMP" "$LOAD_CPU"
GW_PORT=$(bench_free_port)
DB="$BENCH_TMP/data/bursar.db"
mkdir -p "$BENCH_TMP/data"
bench_bursar_config "$BENCH_TMP/bursar.yaml" "$UP_PORT" "$DB"
bench_start_bursar "$BENCH_TMP/bursar.yaml" "$GW_PORT" "$BURSAR_CPU" "$BENCH_TMP/bursar.log"

DIRECT="http://127.0.0.1:$UP_PORT"
GATEWAY="http://127.0.0.1:$GW_PORT"
phase_smoke_test "$GATEWAY" "$KEY"

bench_log "JIT warm-up: ${JIT_WARMUP}s through Bursar (whole and streamed, 16 connections)"
phase_wrk "$GATEWAY/v1/chat/completions" gpt-4o-mini 0 16 $(( (JIT_WARMUP + 1) / 2 )) >/dev/null
phase_wrk "$GATEWAY/v1/chat/completions" gpt-4o-mini-stream 1 16 $(( (JIT_WARMUP + 1) / 2 )) >/dev/null

REPORT="$BENCH_TMP/report.txt"
phase_header > "$REPORT"
for shape in ${BENCH_SHAPES:-whole stream}; do
  if [ "$shape" = whole ]; then stream=0; model=gpt-4o-mini; else stream=1; model=gpt-4o-mini-stream; fi
  for c in $CONNECTIONS; do
    bench_log "$shape, $c connection(s): direct"
    phase_wrk "$DIRECT/$shape/v1/chat/completions" "$model" "$stream" "$c" "$DIRECT_WARMUP" >/dev/null
    direct=$(phase_wrk "$DIRECT/$shape/v1/chat/completions" "$model" "$stream" "$c" "$DURATION")
    bench_log "$shape, $c connection(s): through Bursar"
    phase_wrk "$GATEWAY/v1/chat/completions" "$model" "$stream" "$c" "$WARMUP" >/dev/null
    cpu0=$(bench_cpu_ticks "$BURSAR_PID"); busy0=$(bench_cpu_busy "$BURSAR_CPU"); cs0=$(bench_ctx_switches "$BURSAR_PID")
    gw=$(phase_wrk "$GATEWAY/v1/chat/completions" "$model" "$stream" "$c" "$DURATION")
    cpu1=$(bench_cpu_ticks "$BURSAR_PID"); busy1=$(bench_cpu_busy "$BURSAR_CPU"); cs1=$(bench_ctx_switches "$BURSAR_PID")
    phase_row "$shape" "$c" "$direct" "$gw" $(( cpu1 - cpu0 )) $(( busy1 - busy0 )) $(( cs1 - cs0 )) >> "$REPORT"
  done
done

sleep 1 # let requests that wrk abandoned at the end of the last phase settle
{
  echo
  phase_environment "$BURSAR_PID"
  echo
  phase_targets "$REPORT"
  echo
  phase_ledger_check "$GATEWAY" "$DB"
} >> "$REPORT"
cat "$REPORT"
[ -n "${BENCH_OUT:-}" ] && cp "$REPORT" "$BENCH_OUT"
grep -q '^ledger check: FAIL' "$REPORT" && exit 1
exit 0
