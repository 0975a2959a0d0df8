#!/usr/bin/env bash
# Crash check: every request Bursar answered is in the ledger, even when Bursar dies by kill -9 under load.
#
# Starts the fake nginx upstream and Bursar (ledger on, SQLite in a temp folder), drives whole and streamed load
# with wrk whose Lua response() hook records the X-Bursar-Request-Id of every complete 200 answer, kills Bursar
# with SIGKILL mid-load, then looks every recorded id up in the ledger file with the sqlite3 CLI.
# Prints "N answered, N in ledger, 0 missing" and exits non-zero if any answered request is missing.
#
# Knobs (environment): BENCH_KILL_AFTER (seconds of load before the kill; default a random 6..12),
# BENCH_CONNECTIONS_KILL (connections per wrk, default 16), BENCH_CACHE=1 (the exact response cache on: the requests
# are cacheable, so almost every answer is a hit; prints how many answered hits are in the ledger as 'hit-exact').
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
KEY=bk-bench-0123456789abcdef
CONNS=${BENCH_CONNECTIONS_KILL:-16}
KILL_AFTER=${BENCH_KILL_AFTER:-$(( 6 + RANDOM % 7 ))}

# shellcheck source=lib/common.sh
. "$HERE/lib/common.sh"
# shellcheck source=lib/upstream.sh
. "$HERE/lib/upstream.sh"

bench_need_tools
BENCH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/bursar-kill9.XXXXXX")
UPSTREAM_PID=
BURSAR_PID=
WRK_PIDS=()
cleanup() {
  local p
  for p in "${WRK_PIDS[@]}"; do bench_stop "$p"; done
  bench_stop "$BURSAR_PID"
  bench_stop "$UPSTREAM_PID"
  rm -rf "$BENCH_TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bench_jar "$ROOT"
UP_PORT=$(bench_free_port)
upstream_start "$BENCH_TMP" "$UP_PORT" 0
GW_PORT=$(bench_free_port)
DB="$BENCH_TMP/data/bursar.db"
mkdir -p "$BENCH_TMP/data" "$BENCH_TMP/ids-whole" "$BENCH_TMP/ids-stream"
bench_bursar_config "$BENCH_TMP/bursar.yaml" "$UP_PORT" "$DB"
[ "${BENCH_CACHE:-}" = 1 ] && echo "cache: { exact: { ttl: 1h } }" >> "$BENCH_TMP/bursar.yaml"
bench_start_bursar "$BENCH_TMP/bursar.yaml" "$GW_PORT" 1 "$BENCH_TMP/bursar.log"

# Both shapes at once, each wrk recording its own answered ids; they run until stopped.
for shape in whole stream; do
  model=gpt-4o-mini stream=0
  [ "$shape" = stream ] && { model=gpt-4o-mini-stream; stream=1; }
  BENCH_MODEL=$model BENCH_STREAM=$stream BENCH_KEY=$KEY BENCH_IDS_DIR="$BENCH_TMP/ids-$shape" \
    taskset -c 0 wrk -t1 -c"$CONNS" -d120s --timeout 5s -s "$HERE/lua/record-ids.lua" \
    "http://127.0.0.1:$GW_PORT/v1/chat/completions" >"$BENCH_TMP/wrk-$shape.log" 2>&1 &
  WRK_PIDS+=($!)
done

bench_log "load running (whole and streamed, $CONNS connections each); kill -9 of Bursar in ${KILL_AFTER}s"
sleep "$KILL_AFTER"
kill -9 "$BURSAR_PID"
wait "$BURSAR_PID" 2>/dev/null || true
while kill -0 "$BURSAR_PID" 2>/dev/null; do sleep 0.1; done
BURSAR_PID=
sleep 1 # wrk sees the connections drop; nothing more can be answered
for p in "${WRK_PIDS[@]}"; do bench_stop "$p"; done
WRK_PIDS=()

cat "$BENCH_TMP"/ids-whole/ids.* "$BENCH_TMP"/ids-stream/ids.* 2>/dev/null | grep -E '^[A-Za-z0-9_]+$' \
  | sort > "$BENCH_TMP/answered.txt" || true
answered=$(wc -l < "$BENCH_TMP/answered.txt")
distinct=$(sort -u "$BENCH_TMP/answered.txt" | wc -l)
[ "$answered" -gt 0 ] || bench_die "no request was answered before the kill (see $BENCH_TMP/wrk-*.log)"
[ "$answered" -eq "$distinct" ] || bench_die "Bursar gave the same request id to two answers ($answered answers, $distinct ids)"
# The answers that said X-Bursar-Cache: hit-exact (none without BENCH_CACHE=1); a subset of the answered ids.
cat "$BENCH_TMP"/ids-whole/hits.* "$BENCH_TMP"/ids-stream/hits.* 2>/dev/null | grep -E '^[A-Za-z0-9_]+$' \
  | sort > "$BENCH_TMP/hits.txt" || true
hits=$(wc -l < "$BENCH_TMP/hits.txt")

# The ids are [A-Za-z0-9_] only (checked above), so they can be spliced into SQL as literals.
{
  echo "CREATE TEMP TABLE answered(id TEXT PRIMARY KEY);"
  echo "CREATE TEMP TABLE hits(id TEXT PRIMARY KEY);"
  echo "BEGIN;"
  sed -e "s/.*/INSERT INTO answered VALUES ('&');/" "$BENCH_TMP/answered.txt"
  sed -e "s/.*/INSERT INTO hits VALUES ('&');/" "$BENCH_TMP/hits.txt"
  echo "COMMIT;"
  echo "SELECT (SELECT count(*) FROM answered WHERE id IN (SELECT request_id FROM usage_events)),"
  echo "       (SELECT count(*) FROM usage_events), (SELECT count(*) FROM usage_events WHERE http_status = 200),"
  echo "       (SELECT count(*) FROM hits WHERE id IN (SELECT request_id FROM usage_events WHERE cache_outcome = 'hit-exact')),"
  echo "       (SELECT count(*) FROM usage_events WHERE cache_outcome = 'hit-exact');"
} > "$BENCH_TMP/check.sql"
IFS='|' read -r in_ledger rows rows200 hits_in_ledger hit_rows < <(sqlite3 -cmd ".timeout 10000" "$DB" < "$BENCH_TMP/check.sql")
integrity=$(sqlite3 -cmd ".timeout 10000" "$DB" "PRAGMA integrity_check;")
missing=$(( answered - in_ledger ))
hits_missing=$(( hits - hits_in_ledger ))

echo "kill -9 after ${KILL_AFTER}s of whole + streamed load ($CONNS connections each)${BENCH_CACHE:+, exact cache on}"
echo "ledger after the crash: $rows rows ($rows200 with status 200; rows beyond the answered ones are requests"
echo "  settled before the kill whose last bytes never reached the client); SQLite integrity_check: $integrity"
echo "$answered answered, $in_ledger in ledger, $missing missing"
if [ "${BENCH_CACHE:-}" = 1 ]; then
  echo "cache hits: $hits of the answers said hit-exact, $hits_in_ledger of them in the ledger as 'hit-exact'," \
       "$hits_missing missing ($hit_rows 'hit-exact' rows in all)"
  [ "$hits" -gt 0 ] || bench_die "BENCH_CACHE=1 but no answer was a cache hit"
fi
[ "$missing" -eq 0 ] && [ "$hits_missing" -eq 0 ] && [ "$integrity" = ok ]
