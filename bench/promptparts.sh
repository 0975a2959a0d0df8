#!/usr/bin/env bash
# Prompt audit: what counting each chat request's prompt parts (system prompt and tools, last user message) adds to
# the request path, in µs of CPU per request on one core.
# and how long `bursar audit prompts` takes over many ledger rows.
# Usage: bench/promptparts.sh [ROWS]   (default 1000000; the generated database is reused if it exists)
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
PIN=""
command -v taskset >/dev/null && PIN="taskset -c 1"
echo "== (a) prompt parts per request (one CPU)"
$PIN "$JAVA_HOME/bin/java" -Xmx1g -cp "$CP" dev.bursar.bench.PromptPartsBench
echo "== (b) audit prompts over $ROWS rows (SQLite)"
$PIN "$JAVA_HOME/bin/java" -Xmx1g --enable-native-access=ALL-UNNAMED -cp "$CP" dev.bursar.bench.PromptPartsBench audit "$OUT/promptparts-$ROWS.db" "$ROWS"
