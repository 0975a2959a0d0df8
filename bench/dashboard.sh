#!/usr/bin/env bash
# Dashboard benchmark: every /ui/ page and the admin calls behind it over a 10M-row ledger, in headless Chromium.
# Usage: bench/dashboard.sh [ROWS] [RUNS]   (default 10000000 rows of the current UTC month, 5 runs per page)
# Needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-10000000}
RUNS=${2:-5}
MONTH=$(date -u +%Y-%m)
OUT=bench/results
mkdir -p "$OUT"
./mvnw -q -B -o test-compile
./mvnw -q -B -o dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
CP="target/test-classes:target/classes:$(cat "$OUT/cp.txt")"
set +u
. .mvn/find-jdk.sh   # sets JAVA_HOME to a JDK >= 21, as ./mvnw does
set -u
JAVA="$JAVA_HOME/bin/java"
JOPTS="-Xmx2g --enable-native-access=ALL-UNNAMED"

# The generator spreads ROWS over the whole month, so this month's pages read all of them (later days are future).
DB="$OUT/ledger-bench-dash-$ROWS.db"
echo "== generate $ROWS rows for $MONTH (reused when $DB already holds them)"
"$JAVA" $JOPTS -cp "$CP" dev.bursar.bench.LedgerBench generate "$DB" "$ROWS" "$MONTH"

echo "== pages and admin calls, $RUNS runs each"
"$JAVA" $JOPTS -cp "$CP" dev.bursar.bench.DashboardBench "$DB" "$RUNS" "$OUT/dashboard-shots"
