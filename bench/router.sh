#!/usr/bin/env bash
# Learned router benchmark: what scoring a prompt costs on ONE core, and what a learned virtual model adds to a
# request through the gateway (one client, one connection, against the weak model named directly, ABBA-interleaved).
# Usage: bench/router.sh            (about 2 minutes; BENCH_ROUTER_N=2000 requests/scores by default)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${BENCH_ROUTER_N:-2000}
OUT=bench/results
mkdir -p "$OUT"
. bench/lib/common.sh
CP=$(bench_test_classpath "$PWD")
set +u
. .mvn/find-jdk.sh   # sets JAVA_HOME to a JDK >= 21, as ./mvnw does
set -u
JAVA="$JAVA_HOME/bin/java"
command -v taskset >/dev/null || { echo "bench: needs taskset (util-linux)" >&2; exit 1; }

echo "== scoring on one core (taskset -c 1, -XX:ActiveProcessorCount=1), $N prompts of ~20, ~60 and ~250 words"
taskset -c 1 "$JAVA" -XX:ActiveProcessorCount=1 --enable-native-access=ALL-UNNAMED -cp "$CP" \
  dev.bursar.bench.RouterBench score "$N" 2>&1 | grep -v -e '^WARNING'
echo "== through the gateway on the sim, one connection, $N requests per model (gateway and client in one JVM)"
"$JAVA" --enable-native-access=ALL-UNNAMED -cp "$CP" dev.bursar.bench.RouterBench gateway "$N" 2>&1 \
  | grep -v -e '^WARNING' -e '^\[' -e 'INFO' | grep -E 'ms|loaded'
