# Phases of gateway.sh: run wrk, turn its result lines into table rows, check targets and the ledger. Sourced.
# Uses BENCH_TMP, KEY, HERE, GATEWAY, LOAD_CPU, BURSAR_CPU, DURATION, WARMUP, JIT_WARMUP from the caller.

# phase_wrk URL MODEL STREAM(0|1) CONNECTIONS SECONDS: prints wrk's RESULT line (see lua/chat.lua).
# Every 2xx answered by the gateway is added up in BENCH_TMP/gateway-2xx for the ledger check.
phase_wrk() {
  local url=$1 model=$2 stream=$3 conns=$4 secs=$5 out
  out=$(BENCH_MODEL=$model BENCH_STREAM=$stream BENCH_KEY=$KEY \
        taskset -c "$LOAD_CPU" nice -n "$(bench_nice)" \
        wrk -t1 -c"$conns" -d"${secs}s" --timeout 10s -s "$HERE/lua/chat.lua" "$url" 2>&1) \
    || { printf '%s\n' "$out" >&2; bench_die "wrk failed against $url"; }
  local line
  line=$(printf '%s\n' "$out" | grep '^RESULT ') || { printf '%s\n' "$out" >&2; bench_die "wrk printed no result"; }
  if [ "${url#"$GATEWAY"}" != "$url" ]; then
    phase_field "$line" requests non2xx | awk '{ print $1 - $2 }' >> "$BENCH_TMP/gateway-2xx"
  fi
  [ -z "${BENCH_VERBOSE:-}" ] || printf 'wrk %s c=%s: %s\n' "$url" "$conns" "$line" >&2
  printf '%s\n' "$line"
}

# phase_field LINE NAME...: the values of NAME=value pairs of a RESULT line, space separated.
phase_field() {
  local line=$1; shift
  local name out=()
  for name in "$@"; do
    out+=("$(printf '%s\n' "$line" | tr ' ' '\n' | sed -n "s/^$name=//p")")
  done
  echo "${out[*]}"
}

# One whole and one streamed request through the gateway; stops the bench with the answer if either is wrong.
phase_smoke_test() {
  local gw=$1 key=$2 body
  for model in gpt-4o-mini gpt-4o-mini-stream; do
    local stream=false expect='"object":"chat.completion"'
    [ "$model" = gpt-4o-mini-stream ] && { stream=true; expect='data: [DONE]'; }
    body=$(curl -sS -m 10 -w '\nHTTP %{http_code}' "$gw/v1/chat/completions" -H "Authorization: Bearer $key" \
      -H 'Content-Type: application/json' \
      -d "{\"model\":\"$model\",\"stream\":$stream,\"messages\":[{\"role\":\"user\",\"content\":\"smoke\"}]}") || true
    if ! printf '%s' "$body" | grep -qF "$expect" || ! printf '%s' "$body" | grep -q '^HTTP 200$'; then
      printf '%s\n' "$body" >&2
      tail -n 20 "$BENCH_TMP/bursar.log" >&2
      bench_die "the gateway did not answer a $model request correctly (answer and gateway log above)"
    fi
    echo 1 >> "$BENCH_TMP/gateway-2xx"
  done
}

phase_header() {
  echo "| shape | conns | direct req/s | Bursar req/s | Bursar/direct | direct p50 ms | Bursar p50 ms | added p50 ms | direct p99 ms | Bursar p99 ms | added p99 ms | Bursar CPU µs/req | Bursar ctx sw/req | others on CPU1 | errors |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
}

# phase_row SHAPE CONNS DIRECT_LINE GATEWAY_LINE BURSAR_TICKS CPU1_BUSY_TICKS BURSAR_CTX_SWITCHES:
# one markdown row; the numbers also go to rows.tsv for the target check.
phase_row() {
  local shape=$1 c=$2 d=$3 g=$4 ticks=$5 busy=$6 cs=$7 hz dreq ddur dp50 dp99 dbad greq gdur gp50 gp99 gbad
  hz=$(getconf CLK_TCK)
  read -r dreq ddur dp50 dp99 dbad <<<"$(phase_field "$d" requests duration_us p50_us p99_us non2xx)"
  read -r greq gdur gp50 gp99 gbad <<<"$(phase_field "$g" requests duration_us p50_us p99_us non2xx)"
  local derr gerr
  derr=$(phase_field "$d" connect_err read_err write_err timeouts | awk '{ print $1 + $2 + $3 + $4 }')
  gerr=$(phase_field "$g" connect_err read_err write_err timeouts | awk '{ print $1 + $2 + $3 + $4 }')
  awk -v shape="$shape" -v c="$c" -v dreq="$dreq" -v ddur="$ddur" -v dp50="$dp50" -v dp99="$dp99" \
      -v greq="$greq" -v gdur="$gdur" -v gp50="$gp50" -v gp99="$gp99" -v ticks="$ticks" -v busy="$busy" -v cs="$cs" \
      -v hz="$hz" -v dbad="$dbad" -v gbad="$gbad" -v derr="$derr" -v gerr="$gerr" \
      -v tsv="$BENCH_TMP/rows.tsv" 'BEGIN {
    drps = dreq * 1e6 / ddur; grps = greq * 1e6 / gdur
    cpu = greq > 0 ? ticks * 1e6 / hz / greq : 0
    csr = greq > 0 ? cs / greq : 0
    others = busy > ticks ? (busy - ticks) * 100 / (gdur / 1e6 * hz) : 0
    errs = "none"
    if (dbad + derr + gbad + gerr > 0) errs = sprintf("direct %d non-2xx %d io; Bursar %d non-2xx %d io", dbad, derr, gbad, gerr)
    printf "| %s | %d | %.0f | %.0f | %.3f | %.3f | %.3f | %+.3f | %.3f | %.3f | %+.3f | %.0f | %.1f | %.0f%% | %s |\n",
      shape, c, drps, grps, grps / drps, dp50 / 1000, gp50 / 1000, (gp50 - dp50) / 1000,
      dp99 / 1000, gp99 / 1000, (gp99 - dp99) / 1000, cpu, csr, others, errs
    printf "%s\t%d\t%.1f\t%.1f\t%d\t%d\t%d\t%d\n", shape, c, drps, grps, dp50, gp50, dp99, gp99 >> tsv
  }'
}

phase_environment() {
  local pid=$1 rss commit
  rss=$(bench_peak_rss_kib "$pid")
  commit=$(git -C "$HERE" rev-parse --short HEAD 2>/dev/null || echo unknown)
  git -C "$HERE" diff --quiet HEAD 2>/dev/null || commit="$commit (with uncommitted changes)"
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit"
  echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) CPUs, $(uname -r)," \
       "load average now $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "tools: $("$BENCH_JAVA" -version 2>&1 | head -n1), $(nginx -v 2>&1 | sed 's/.*: //'), $(wrk -v 2>&1 | head -n1 | cut -d' ' -f1-2)"
  echo "pinning: wrk (1 thread) and nginx (1 worker) on CPU $LOAD_CPU; Bursar (JVM: GC, JIT and virtual threads) on CPU $BURSAR_CPU;" \
       "all at nice $(bench_nice)"
  echo "others on CPU1: share of CPU $BURSAR_CPU used by processes other than Bursar during its measured phase"
  echo "phases: ${DURATION}s measured each; Bursar phases after a ${WARMUP}s warm-up (plus ${JIT_WARMUP}s JIT warm-up at start)"
  echo "latency: wrk, from request write to last response byte (for streams: time to last byte)"
  echo "Bursar peak RSS (VmHWM): $(( rss / 1024 )) MiB; JVM flags: ${BENCH_JAVA_OPTS:-(defaults)}"
}

# Compares with the issue's targets; reports, never adjusts.
phase_targets() {
  awk -F'\t' '
    $1 == "whole" && $2 == 16 { w16 = $4; have16 = 1 }
    $1 == "whole" && $2 == 1 { wadd = ($6 - $5) / 1000; havew1 = 1 }
    $1 == "stream" && $2 == 1 { sadd = ($6 - $5) / 1000; haves1 = 1 }
    function verdict(ok) { return ok ? "met" : "MISSED" }
    END {
      if (have16) printf "target: whole, 16 connections, >= 8000 req/s through Bursar (ledger on): %.0f req/s, %s\n", w16, verdict(w16 >= 8000)
      if (havew1) printf "target: whole, 1 connection, added p50 <= 0.300 ms: %+.3f ms, %s\n", wadd, verdict(wadd <= 0.3)
      if (haves1) printf "target: streamed, 1 connection, added p50 <= 0.500 ms: %+.3f ms, %s\n", sadd, verdict(sadd <= 0.5)
    }' "$BENCH_TMP/rows.tsv"
}

# The ledger must hold exactly one row per request Bursar handled (one attempt each: the fake upstream never fails),
# and at least one per 200 wrk received. A request cut by wrk at a phase's end is still settled and counted by Bursar.
# SEEN_FILE (optional third argument) holds the 2xx counts of wrk against this gateway; default BENCH_TMP/gateway-2xx.
phase_ledger_check() {
  local gw=$1 db=$2 seen_file=${3:-$BENCH_TMP/gateway-2xx} metrics wrk_seen served handled by_status rows rows200 ledger_by_status
  metrics=$(curl -sS -m 10 "$gw/metrics")
  served=$(printf '%s\n' "$metrics" | awk '/^bursar_requests_total\{/ && /status="200"/ { n += $NF } END { print n + 0 }')
  handled=$(printf '%s\n' "$metrics" | awk '/^bursar_requests_total\{/ { n += $NF } END { print n + 0 }')
  by_status=$(printf '%s\n' "$metrics" | awk '/^bursar_requests_total\{/ { match($0, /status="[0-9]+"/);
      s = substr($0, RSTART + 8, RLENGTH - 9); n[s] += $NF } END { for (k in n) { printf "%s%s: %d", sep, k, n[k]; sep = ", " } }')
  wrk_seen=$(awk '{ n += $1 } END { print n + 0 }' "$seen_file")
  rows=$(sqlite3 -cmd ".timeout 10000" "$db" "SELECT count(*) FROM usage_events;")
  rows200=$(sqlite3 -cmd ".timeout 10000" "$db" "SELECT count(*) FROM usage_events WHERE http_status = 200;")
  ledger_by_status=$(sqlite3 -cmd ".timeout 10000" -separator ': ' "$db" "SELECT http_status || ' ' || status, count(*) FROM usage_events GROUP BY 1;" | paste -sd, - | sed 's/,/, /g')
  echo "ledger: wrk received $wrk_seen 200s through Bursar (wrk drops the requests in flight when a phase ends)"
  echo "ledger: Bursar handled $handled requests by /metrics (by status: $by_status)"
  echo "ledger: usage_events holds $rows rows, $rows200 with http_status 200 (by status: $ledger_by_status)"
  if [ "$rows" -eq "$handled" ] && [ "$rows200" -ge "$served" ] && [ "$rows200" -ge "$wrk_seen" ]; then
    echo "ledger check: PASS (one ledger row per request handled; every 200 wrk received is covered)"
  else
    echo "ledger check: FAIL (rows $rows vs requests handled $handled; rows with 200: $rows200, 200s served: $served, seen by wrk: $wrk_seen)"
  fi
}
