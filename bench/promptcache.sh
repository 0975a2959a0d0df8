#!/usr/bin/env bash
# Provider prompt caching: what finding a request's prompt prefix adds to the request path, and how long
# `bursar cache advise` takes over many ledger rows.
# Usage: bench/promptcache.sh [ROWS]   (default 1000000; the generated database is reused if it exists)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
OUT=bench/results
mkdir -p "$OUT"
. bench/lib/common.sh
CP=$(bench_test_classpath "$PWD")
set +u
. .mvn/find-jdk.sh   # sets JAVA_HOME to a JDK >= 21, as ./mvnw does
set -u
JAVA="$JAVA_HOME/bin/java"
JOPTS="-Xmx1g --enable-native-access=ALL-UNNAMED"
# One core, as the gateway benchmark gives Bursar: the numbers are per request on one CPU.
PIN=""
command -v taskset >/dev/null && PIN="taskset -c 1"

echo "== (a) prompt prefix per request (one CPU)"
$PIN "$JAVA" $JOPTS -cp "$CP" dev.bursar.bench.PromptCacheBench prefix

echo "== (b) cache advise over $ROWS rows (SQLite)"
$PIN "$JAVA" $JOPTS -cp "$CP" dev.bursar.bench.PromptCacheBench advise "$OUT/promptcache-$ROWS.db" "$ROWS"
