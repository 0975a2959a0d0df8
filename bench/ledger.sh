#!/usr/bin/env bash
# Ledger benchmark: append() ingest rate on SQLite, then a month report over 10M generated rows.
# Usage: bench/ledger.sh [ROWS]   (default 10000000; the generated database is reused if it already holds ROWS rows)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-10000000}
MONTH=2026-10
OUT=bench/results
mkdir -p "$OUT"
. bench/lib/common.sh
CP=$(bench_test_classpath "$PWD")
set +u
. .mvn/find-jdk.sh   # sets JAVA_HOME to a JDK >= 21, as ./mvnw does
set -u
JAVA="$JAVA_HOME/bin/java"
JOPTS="-Xmx2g --enable-native-access=ALL-UNNAMED"

echo "== (a) append() ingest, SQLite WAL synchronous=NORMAL"
"$JAVA" $JOPTS -cp "$CP" dev.bursar.bench.LedgerBench ingest "$OUT"

echo "== (b) generate $ROWS rows for $MONTH"
DB="$OUT/ledger-bench-$ROWS.db"
"$JAVA" $JOPTS -cp "$CP" dev.bursar.bench.LedgerBench generate "$DB" "$ROWS" "$MONTH"
ls -l "$DB" | awk '{printf "database size: %.0f MiB\n", $5/1048576}'
printf 'storage:\n  sqlite: %s\n' "$PWD/$DB" > "$OUT/bench.yaml"

echo "== (b) ./bursar report --group-by customer,feature --from $MONTH-01 --to $MONTH-31 (the launcher as a user runs it, JVM start included)"
./mvnw -q -B -o -DskipTests package
./bursar report --config "$OUT/bench.yaml" --group-by customer --from "$MONTH-01" --to "$MONTH-02" > /dev/null   # builds the CDS archive
times=()
for i in 1 2 3 4 5; do
  t0=$(date +%s%N)
  ./bursar report --config "$OUT/bench.yaml" --group-by customer,feature \
      --from "$MONTH-01" --to "$MONTH-31" > "$OUT/report.txt"
  times+=($(( ($(date +%s%N) - t0) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "report runs (ms): ${times[*]}"
echo "report min ${sorted[0]} ms, median ${sorted[2]} ms"
echo "report: $(($(wc -l < "$OUT/report.txt") - 3)) groups; first lines:"
head -4 "$OUT/report.txt" | cut -c1-160
tail -1 "$OUT/report.txt" | cut -c1-160
"$JAVA" $JOPTS -cp "$CP" dev.bursar.bench.LedgerBench query "$DB" "$MONTH"
