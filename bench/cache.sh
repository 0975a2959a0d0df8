#!/usr/bin/env bash
# Cache benchmark: what the exact response cache gives (hits) and what it costs the calls it cannot answer (misses).
#
# One run, loopback only, stops by itself (about 6 minutes with the defaults). Two gateways from the same jar, each
# with its own SQLite ledger, both pinned to CPU 1 (only one is loaded at a time): "off" has no cache, "on" has
# `cache: { exact: { ttl: 1h } }`. nginx (the fake provider) and wrk share CPU 0, as in gateway.sh. Every request is
# cacheable ("temperature": 0). For each shape (whole, streamed), at BENCH_CONNECTIONS connections:
#   direct    wrk -> nginx, the same body every time (baseline)
#   proxied   wrk -> gateway off -> nginx, the same body every time
#   hits      wrk -> gateway on, the same body every time: answered from the cache (checked: X-Bursar-Cache: hit-exact)
#   miss-off  wrk -> gateway off -> nginx, a unique body per request (a counter in the user message)
#   miss-on   wrk -> gateway on -> nginx, unique bodies: every request a miss that is looked up, then kept
# proxied/hits and miss-off/miss-on run in ABBA order (BAAB in even rounds); ratios are taken within a round.
# Prints every phase, the means, hits / proxied (target >= 2), hits / direct, miss-on / miss-off (target >= 0.95),
# the gateways' CPU per request, and checks both ledgers: one row per request handled, hits booked as rows with
# cache_outcome 'hit-exact'.
#
# Knobs (environment): BENCH_CONNECTIONS (16), BENCH_SHAPES ("whole stream"), BENCH_ROUNDS (1), BENCH_DURATION (10,
# s measured per phase), BENCH_WARMUP (3, s before each measured phase), BENCH_JIT_WARMUP (30, s per gateway at
# start), BENCH_JAVA_OPTS, BENCH_BURSAR_JAR, BENCH_NICE, BENCH_OUT (also write the report there), BENCH_VERBOSE=1.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
CONNS=${BENCH_CONNECTIONS:-16}
SHAPES=${BENCH_SHAPES:-"whole stream"}
ROUNDS=${BENCH_ROUNDS:-1}
DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-3}
JIT_WARMUP=${BENCH_JIT_WARMUP:-30}
DIRECT_WARMUP=2
KEY=bk-bench-0123456789abcdef
LOAD_CPU=0
BURSAR_CPU=1
# Cacheable requests (a temperature above 0 without a seed is never answered from the cache); the plain config.
export BENCH_TEMPERATURE=0
unset BENCH_UNIQUE BENCH_FALLBACKS BENCH_CONTROLS

# shellcheck source=lib/common.sh
. "$HERE/lib/common.sh"
# shellcheck source=lib/upstream.sh
. "$HERE/lib/upstream.sh"
# shellcheck source=lib/phases.sh
. "$HERE/lib/phases.sh"
# shellcheck source=lib/pair.sh
. "$HERE/lib/pair.sh"

bench_need_tools
BENCH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/bursar-cache.XXXXXX")
UPSTREAM_PID=
PID_OFF=
PID_ON=
cleanup() {
  bench_stop "$PID_OFF"
  bench_stop "$PID_ON"
  bench_stop "$UPSTREAM_PID"
  rm -rf "$BENCH_TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bench_jar "$ROOT"
UP_PORT=$(bench_free_port)
upstream_start "$BENCH_TMP" "$UP_PORT" "$LOAD_CPU"
mkdir -p "$BENCH_TMP/off" "$BENCH_TMP/on"
DB_OFF="$BENCH_TMP/off/bursar.db"
DB_ON="$BENCH_TMP/on/bursar.db"
bench_bursar_config "$BENCH_TMP/off/bursar.yaml" "$UP_PORT" "$DB_OFF"
bench_bursar_config "$BENCH_TMP/on/bursar.yaml" "$UP_PORT" "$DB_ON"
echo "cache: { exact: { ttl: 1h } }" >> "$BENCH_TMP/on/bursar.yaml"
PORT_OFF=$(bench_free_port)
bench_start_bursar "$BENCH_TMP/off/bursar.yaml" "$PORT_OFF" "$BURSAR_CPU" "$BENCH_TMP/off/bursar.log"
PID_OFF=$BURSAR_PID
PORT_ON=$(bench_free_port)
bench_start_bursar "$BENCH_TMP/on/bursar.yaml" "$PORT_ON" "$BURSAR_CPU" "$BENCH_TMP/on/bursar.log"
PID_ON=$BURSAR_PID
DIRECT="http://127.0.0.1:$UP_PORT"
GW_OFF="http://127.0.0.1:$PORT_OFF"
GW_ON="http://127.0.0.1:$PORT_ON"
# wrk's 2xx per gateway, for the ledger checks; the "on" gateway's hit phases also on their own.
SEEN_OFF="$BENCH_TMP/seen-off" SEEN_ON="$BENCH_TMP/seen-on" SEEN_HITS="$BENCH_TMP/seen-hits"
: > "$SEEN_OFF"; : > "$SEEN_ON"; : > "$SEEN_HITS"

shape_model() { if [ "$1" = whole ]; then echo gpt-4o-mini; else echo gpt-4o-mini-stream; fi; }
shape_stream() { if [ "$1" = whole ]; then echo 0; else echo 1; fi; }

# cache_header GATEWAY SHAPE SUFFIX: one request with chat.lua's body (user message + SUFFIX); prints the value of
# X-Bursar-Cache ("-" when absent), or stops the bench when the answer is not a complete 200.
cache_header() {
  local gw=$1 shape=$2 suffix=$3 model stream=false expect='"object":"chat.completion"' out
  model=$(shape_model "$shape")
  [ "$shape" = stream ] && { stream=true; expect='data: [DONE]'; }
  out=$(curl -sS -m 10 -D - "$gw/v1/chat/completions" -H "Authorization: Bearer $KEY" \
    -H 'Content-Type: application/json' -H 'X-Bursar-Prompt-Version: bench-v1' \
    -d "{\"model\":\"$model\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a concise geography assistant.\"},{\"role\":\"user\",\"content\":\"What is the capital of France? Answer in two sentences.$suffix\"}],\"max_tokens\":64,\"temperature\":0,\"stream\":$stream}") || true
  if ! grep -qF "$expect" <<<"$out" || ! grep -q '^HTTP/[0-9.]* 200' <<<"$out"; then
    printf '%s\n' "$out" >&2
    bench_die "the gateway at $gw did not answer a $shape request correctly (answer above)"
  fi
  printf '%s\n' "$out" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-bursar-cache" { v = $2 } END { print v == "" ? "-" : v }'
}

# The phases pair_abba calls: phase_LABEL ROUND SHAPE.
phase_direct() {
  pair_measure "$1" direct "$2" "" "$DIRECT/$2/v1/chat/completions" "$(shape_model "$2")" "$(shape_stream "$2")" \
    "$CONNS" "" 0 "$DIRECT_WARMUP"
}
phase_proxied() {
  pair_measure "$1" proxied "$2" "$PID_OFF" "$GW_OFF/v1/chat/completions" "$(shape_model "$2")" "$(shape_stream "$2")" \
    "$CONNS" "$SEEN_OFF" 0 "$WARMUP"
}
phase_hits() {
  # The entry may have been evicted by the unique bodies of earlier phases (max-entries 100,000): ask once first.
  cache_header "$GW_ON" "$2" "" >/dev/null
  echo 1 >> "$SEEN_ON"
  pair_measure "$1" hits "$2" "$PID_ON" "$GW_ON/v1/chat/completions" "$(shape_model "$2")" "$(shape_stream "$2")" \
    "$CONNS" "$SEEN_HITS" 0 "$WARMUP"
}
phase_miss-off() {
  pair_measure "$1" miss-off "$2" "$PID_OFF" "$GW_OFF/v1/chat/completions" "$(shape_model "$2")" "$(shape_stream "$2")" \
    "$CONNS" "$SEEN_OFF" 1 "$WARMUP"
}
phase_miss-on() {
  pair_measure "$1" miss-on "$2" "$PID_ON" "$GW_ON/v1/chat/completions" "$(shape_model "$2")" "$(shape_stream "$2")" \
    "$CONNS" "$SEEN_ON" 1 "$WARMUP"
}

# JIT warm-up: each gateway, each shape, the same body and unique bodies (the paths measured later).
n_shapes=$(echo $SHAPES | wc -w)
slice=$(( (JIT_WARMUP + 2 * n_shapes - 1) / (2 * n_shapes) ))
bench_log "JIT warm-up: ${JIT_WARMUP}s per gateway (${slice}s per shape and body kind)"
for gw in off on; do
  if [ "$gw" = off ]; then url=$GW_OFF; seen=$SEEN_OFF; else url=$GW_ON; seen=$SEEN_ON; fi
  for shape in $SHAPES; do
    pair_wrk "$url/v1/chat/completions" "$(shape_model "$shape")" "$(shape_stream "$shape")" 16 "$slice" "$seen" >/dev/null
    BENCH_UNIQUE="jit-$$-$gw-$shape" pair_wrk "$url/v1/chat/completions" "$(shape_model "$shape")" \
      "$(shape_stream "$shape")" 16 "$slice" "$seen" >/dev/null
  done
done

REPORT="$BENCH_TMP/report.txt"
: > "$REPORT"
for shape in $SHAPES; do
  # What a user would check first: a new request is a miss, the same again a hit, no cache no header.
  h_new=$(cache_header "$GW_ON" "$shape" " #header-check-$$-$shape")
  h_on=$(cache_header "$GW_ON" "$shape" " #header-check-$$-$shape")
  h_off=$(cache_header "$GW_OFF" "$shape" "")
  echo 2 >> "$SEEN_ON"; echo 1 >> "$SEEN_OFF"
  echo "header check ($shape): a new request on the cache gateway X-Bursar-Cache: $h_new; the same again: $h_on;" \
       "the gateway without cache: $h_off" >> "$REPORT"
  [ "$h_on" = hit-exact ] && [ "$h_new" = miss ] && [ "$h_off" = - ] \
    || { cat "$REPORT" >&2; bench_die "X-Bursar-Cache is not what the cache bench needs (see above)"; }
  phase_direct 0 "$shape"
  for round in $(seq 1 "$ROUNDS"); do
    pair_abba "$round" "$shape" proxied hits
    pair_abba "$round" "$shape" miss-off miss-on
  done
done
sleep 1 # let requests that wrk abandoned at the end of the last phase settle
cat "$SEEN_HITS" >> "$SEEN_ON"

# cell SHAPE LABEL: "req/s (CPU µs/req)", with the range when a phase ran more than once.
cell() {
  read -r mean lo hi cpu n <<<"$(pair_mean "$1" "$2")"
  if [ "$n" -gt 1 ]; then
    printf '%.0f (%.0f–%.0f)' "$mean" "$lo" "$hi"
  else
    printf '%.0f' "$mean"
  fi
  [ "$2" = direct ] || printf ', %.0f µs' "$cpu"
}

{
  echo
  echo "Every measured phase (${DURATION}s each after a ${WARMUP}s warm-up; direct after ${DIRECT_WARMUP}s), in the order run:"
  echo
  pair_table
  echo
  echo "Means per phase: req/s (range over the ABBA runs), gateway CPU µs per request; $CONNS connections."
  echo
  echo "| shape | direct | proxied (no cache) | hits (cache on) | miss-off (unique, no cache) | miss-on (unique, cache on) | hits ÷ proxied | hits ÷ direct | miss-on ÷ miss-off |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for shape in $SHAPES; do
    hr=$(pair_ratio "$shape" proxied hits | awk '/^RATIO/ { print $2 }')
    mr=$(pair_ratio "$shape" miss-off miss-on | awk '/^RATIO/ { print $2 }')
    hd=$(awk -v h="$(pair_mean "$shape" hits | cut -d' ' -f1)" -v d="$(pair_mean "$shape" direct | cut -d' ' -f1)" \
      'BEGIN { printf "%.3f", (d > 0 ? h / d : 0) }')
    echo "| $shape | $(cell "$shape" direct) | $(cell "$shape" proxied) | $(cell "$shape" hits) | $(cell "$shape" miss-off) | $(cell "$shape" miss-on) | $hr | $hd | $mr |"
  done
  echo
  for shape in $SHAPES; do
    pair_ratio "$shape" proxied hits | grep -v '^RATIO' | sed "s/^/$shape hits ÷ proxied, /"
    pair_ratio "$shape" miss-off miss-on | grep -v '^RATIO' | sed "s/^/$shape misses, /"
  done
  echo
  for shape in $SHAPES; do
    read -r _ hr hlo hhi hcpu <<<"$(pair_ratio "$shape" proxied hits | grep '^RATIO')"
    read -r _ mr mlo mhi mcpu <<<"$(pair_ratio "$shape" miss-off miss-on | grep '^RATIO')"
    awk -v s="$shape" -v c="$CONNS" -v hr="$hr" -v hlo="$hlo" -v hhi="$hhi" -v hcpu="$hcpu" -v mr="$mr" -v mlo="$mlo" \
        -v mhi="$mhi" -v mcpu="$mcpu" 'BEGIN {
      printf "target: %s, %d connections, exact hits >= 2x the throughput of proxied calls: %.2fx (rounds %.2f–%.2f; CPU per request x%.2f), %s\n",
        s, c, hr, hlo, hhi, hcpu, (hr >= 2 ? "met" : "MISSED")
      printf "target: %s, %d connections, misses with the cache keep >= 0.95 of the throughput without: %.3f (rounds %.3f–%.3f; CPU per request x%.3f), %s\n",
        s, c, mr, mlo, mhi, mcpu, (mr >= 0.95 ? "met" : "MISSED")
    }'
  done
  echo
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$HERE" rev-parse --short HEAD 2>/dev/null || echo unknown)," \
       "load average now $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) CPUs; jar $BENCH_JAR"
  echo "peak RSS (VmHWM): gateway off $(( $(bench_peak_rss_kib "$PID_OFF") / 1024 )) MiB, on $(( $(bench_peak_rss_kib "$PID_ON") / 1024 )) MiB"
  echo
  echo "gateway without cache:"
  phase_ledger_check "$GW_OFF" "$DB_OFF" "$SEEN_OFF"
  echo "gateway with the exact cache:"
  phase_ledger_check "$GW_ON" "$DB_ON" "$SEEN_ON"
  hits_seen=$(awk '{ n += $1 } END { print n + 0 }' "$SEEN_HITS")
  IFS='|' read -r hit_rows hit_cost hit_saved miss_rows < <(sqlite3 -cmd ".timeout 10000" "$DB_ON" \
    "SELECT count(*), coalesce(sum(cost), 0), coalesce(sum(saved), 0),
            (SELECT count(*) FROM usage_events WHERE cache_outcome = 'miss')
     FROM usage_events WHERE cache_outcome = 'hit-exact';")
  hit_metric=$(curl -sS -m 10 "$GW_ON/metrics" | awk '/^bursar_cache_requests_total\{/ && /outcome="hit-exact"/ { n += $NF } END { print n + 0 }')
  echo "cache: $hit_rows rows with cache_outcome 'hit-exact' (cost $hit_cost, saved $(awk -v s="$hit_saved" 'BEGIN { printf "%.6f", s / 1e12 }') USD);" \
       "/metrics counts $hit_metric hits; wrk received $hits_seen 200s in the hit phases; $miss_rows rows 'miss'"
  if [ "$hit_rows" -eq "$hit_metric" ] && [ "$hit_rows" -ge "$hits_seen" ] && [ "$hit_cost" -eq 0 ]; then
    echo "cache check: PASS (every hit is a ledger row of cost 0; at least one per hit wrk received)"
  else
    echo "cache check: FAIL"
  fi
} >> "$REPORT"
cat "$REPORT"
[ -n "${BENCH_OUT:-}" ] && cp "$REPORT" "$BENCH_OUT"
grep -q '^ledger check: FAIL\|^cache check: FAIL' "$REPORT" && exit 1
exit 0
