#!/usr/bin/env bash
# Request capture: what capture adds to the request path (a queue offer) and what the capture thread spends per
# captured request off it (redaction, JSON, batched SQLite insert). About 20 seconds.
# Usage: bench/capture.sh
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/results
mkdir -p "$OUT"
. bench/lib/common.sh
CP=$(bench_test_classpath "$PWD")
set +u
. .mvn/find-jdk.sh   # sets JAVA_HOME to a JDK >= 21, as ./mvnw does
set -u
JAVA="$JAVA_HOME/bin/java"
# One core, as the gateway benchmark gives Bursar: the numbers are per request on one CPU.
PIN=""
command -v taskset >/dev/null && PIN="taskset -c 1"
$PIN "$JAVA" -Xmx512m --enable-native-access=ALL-UNNAMED -cp "$CP" dev.bursar.bench.CaptureBench
