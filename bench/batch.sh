#!/usr/bin/env bash
# Batch API, local mode: a 50,000-line batch of chat completions through the sim provider.
#
# Starts Bursar (SQLite in a temp folder, sim with no latency), uploads a JSONL of BENCH_BATCH_LINES lines (default
# 50000) with POST /v1/files, creates the batch, polls it to completion and prints the wall time, the gateway's heap
# (used heap sampled every 0.5 s with jcmd GC.heap_info, min/max) and peak RSS. Then it downloads the output file three
# times and checks the ledger with the sqlite3 CLI: one batch row per line, and the saving (saved, what the same tokens
# cost synchronously less what they cost) equal to the cost, i.e. exactly half the synchronous price.
# Exits non-zero when a check fails.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
LINES=${BENCH_BATCH_LINES:-50000}
KEY=bk-batch-bench-0123456789

# shellcheck source=lib/common.sh
. "$HERE/lib/common.sh"
for t in curl sqlite3 python3 taskset; do command -v "$t" >/dev/null || bench_die "needs $t"; done

BENCH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/bursar-batch.XXXXXX")
BURSAR_PID=
cleanup() { bench_stop "$BURSAR_PID"; rm -rf "$BENCH_TMP"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

bench_jar "$ROOT"
DB="$BENCH_TMP/data/bursar.db"
mkdir -p "$BENCH_TMP/data"
cat >"$BENCH_TMP/bursar.yaml" <<YAML
providers:
  - { name: sim, type: sim, sim: { ttft-millis: 0, tokens-per-second: 0, seed: 1 } }
keys:
  - { key: $KEY, customer: bench }
batch: { concurrency: 64 }
storage: { sqlite: "$DB" }
YAML
GW_PORT=$(bench_free_port)
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx512m}" bench_start_bursar "$BENCH_TMP/bursar.yaml" "$GW_PORT" 0-1 "$BENCH_TMP/bursar.log"
BASE="http://127.0.0.1:$GW_PORT/v1"

python3 - "$LINES" >"$BENCH_TMP/input.jsonl" <<'PY'
import json, sys
for i in range(int(sys.argv[1])):
    print(json.dumps({"custom_id": f"req-{i}", "method": "POST", "url": "/v1/chat/completions",
                      "body": {"model": "gpt-4o-mini", "max_tokens": 40,
                               "messages": [{"role": "user", "content": f"Summarise ticket {i} in one line."}]}}))
PY
bench_log "input: $LINES lines, $(stat -c %s "$BENCH_TMP/input.jsonl") bytes"

FILE_ID=$(curl -sf -H "Authorization: Bearer $KEY" -F purpose=batch -F "file=@$BENCH_TMP/input.jsonl" "$BASE/files" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
START=$(date +%s.%N)
BATCH_ID=$(curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d "{\"input_file_id\":\"$FILE_ID\",\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"24h\"}" "$BASE/batches" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')

HEAP_MIN=0 HEAP_MAX=0
while true; do
  BODY=$(curl -sf -H "Authorization: Bearer $KEY" "$BASE/batches/$BATCH_ID")
  STATUS=$(printf '%s' "$BODY" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
  USED=$("$JAVA_HOME/bin/jcmd" "$BURSAR_PID" GC.heap_info 2>/dev/null | awk '/garbage-first heap|total/ && /used/ { for (i=1;i<=NF;i++) if ($i=="used") { v=$(i+1); sub(/K,?/,"",v); print int(v/1024); exit } }')
  if [ -n "${USED:-}" ]; then
    [ "$HEAP_MIN" = 0 ] || [ "$USED" -lt "$HEAP_MIN" ] && HEAP_MIN=$USED
    [ "$USED" -gt "$HEAP_MAX" ] && HEAP_MAX=$USED
  fi
  case "$STATUS" in completed|failed|expired|cancelled) break ;; esac
  sleep 0.5
done
END=$(date +%s.%N)
printf '%s' "$BODY" | python3 -c 'import json,sys; b=json.load(sys.stdin); print("batch:", b["status"], b["request_counts"], "cost_usd", b["bursar"]["cost_usd"], "saved_usd", b["bursar"]["saved_usd"])'
printf 'time: %.1f s for %s lines\n' "$(echo "$END - $START" | bc -l)" "$LINES"
echo "heap used while running: min ${HEAP_MIN} MiB, max ${HEAP_MAX} MiB (-Xmx512m); peak RSS $(( $(bench_peak_rss_kib "$BURSAR_PID") / 1024 )) MiB"

OUT_ID=$(printf '%s' "$BODY" | python3 -c 'import json,sys; print(json.load(sys.stdin)["output_file_id"])')
BEFORE=$(sqlite3 "$DB" "SELECT count(*) FROM usage_events")
for _ in 1 2 3; do
  N=$(curl -sf -H "Authorization: Bearer $KEY" "$BASE/files/$OUT_ID/content" | wc -l)
  [ "$N" = "$LINES" ] || bench_die "output file has $N lines, expected $LINES"
done
AFTER=$(sqlite3 "$DB" "SELECT count(*) FROM usage_events")
read -r ROWS COST SAVED < <(sqlite3 -separator ' ' "$DB" \
  "SELECT count(*), sum(cost), sum(saved) FROM usage_events WHERE is_batch = 1 AND status = 'ok'")
echo "ledger: $ROWS batch rows (before downloads $BEFORE rows, after 3 downloads $AFTER); cost $COST pUSD, saved $SAVED pUSD"
[ "$ROWS" = "$LINES" ] || bench_die "expected $LINES ledger rows"
[ "$BEFORE" = "$AFTER" ] || bench_die "downloads booked rows"
[ "$COST" = "$SAVED" ] || bench_die "cost is not exactly half the synchronous price"
echo "ok: every line booked once at exactly half the synchronous price; downloads booked nothing"
