#!/usr/bin/env bash
# Spend-controls benchmark: the gateway benchmark's whole requests at 16 connections, run without controls, with a
# budget and a rate limit on every request counted in Redis, and the same counted in process, in interleaved rounds
# (the machine's speed drifts; a ratio is only taken between runs of the same round). Prints one row per run, the
# ratio of each to the run without controls of its round, and the target (Redis controls keep >= 80%).
#
# Knobs: BENCH_ROUNDS (2), and those of gateway.sh (BENCH_DURATION 8, BENCH_WARMUP 3, BENCH_JIT_WARMUP 60 here:
# with 20 s some runs with controls had not reached their compiled steady state and ran 25% slower).
# About 90 s per run: 9 minutes with the defaults.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROUNDS=${BENCH_ROUNDS:-2}
export BENCH_SHAPES=whole BENCH_CONNECTIONS=16
export BENCH_DURATION=${BENCH_DURATION:-8} BENCH_WARMUP=${BENCH_WARMUP:-3} BENCH_JIT_WARMUP=${BENCH_JIT_WARMUP:-60}
OUT=$(mktemp -d "${TMPDIR:-/tmp}/bursar-controls.XXXXXX")
trap 'rm -rf "$OUT"' EXIT

# run MODE FILE: one gateway.sh run (MODE none|redis|embedded); prints "req/s cpu-µs/req".
run() {
  local mode=$1 file=$2
  if [ "$mode" = none ]; then
    env -u BENCH_CONTROLS BENCH_OUT="$file" "$HERE/gateway.sh" > "$file.log" 2>&1
  else
    BENCH_CONTROLS=$mode BENCH_OUT="$file" "$HERE/gateway.sh" > "$file.log" 2>&1
  fi
  grep -q '^ledger check: PASS' "$file" || { echo "bench: $mode run failed its ledger check (see below)" >&2; cat "$file.log" >&2; exit 1; }
  # | whole | 16 | direct | Bursar req/s | ratio | ... | Bursar CPU µs/req | ...
  awk -F'|' '/^\| whole/ { gsub(/ /, ""); print $5, $13 }' "$file"
}

printf '| round | controls | Bursar req/s | ratio to none | Bursar CPU µs/req |\n|---:|---|---:|---:|---:|\n' > "$OUT/table"
ratios=()
for round in $(seq 1 "$ROUNDS"); do
  read -r base base_cpu < <(run none "$OUT/none-$round.txt")
  printf '| %d | none | %d | 1 | %d |\n' "$round" "$base" "$base_cpu" >> "$OUT/table"
  for mode in redis embedded; do
    read -r rps cpu < <(run "$mode" "$OUT/$mode-$round.txt")
    ratio=$(awk -v a="$rps" -v b="$base" 'BEGIN { printf "%.3f", a / b }')
    printf '| %d | %s | %d | %s | %d |\n' "$round" "$mode" "$rps" "$ratio" "$cpu" >> "$OUT/table"
    [ "$mode" = redis ] && ratios+=("$ratio")
  done
done

cat "$OUT/table"
echo
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$HERE/.." rev-parse --short HEAD 2>/dev/null || echo unknown)"
worst=$(printf '%s\n' "${ratios[@]}" | sort -n | head -1)
verdict=$(awk -v w="$worst" 'BEGIN { print (w >= 0.8) ? "met" : "missed" }')
echo "target: Redis budget + rate limit on every request keeps >= 0.8 of the throughput without: lowest ratio $worst, $verdict"
