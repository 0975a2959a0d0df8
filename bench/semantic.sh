#!/usr/bin/env bash
# Semantic cache benchmark: a lookup (embedding + search) for a ~200-token prompt on ONE core, and the heap an index
# of 100,000 entries retains.
# Usage: bench/semantic.sh            (about 8 minutes; BENCH_SEMANTIC_ENTRIES=20000 for a quicker run)
#        BENCH_VECTOR_API=1 ...        the same with Lucene's SIMD dot products (--add-modules jdk.incubator.vector)
set -euo pipefail
cd "$(dirname "$0")/.."
ENTRIES=${BENCH_SEMANTIC_ENTRIES:-100000}
OUT=bench/results
mkdir -p "$OUT"
. bench/lib/common.sh
CP=$(bench_test_classpath "$PWD")
set +u
. .mvn/find-jdk.sh   # sets JAVA_HOME to a JDK >= 21, as ./mvnw does
set -u
JAVA="$JAVA_HOME/bin/java"
JOPTS="--enable-native-access=ALL-UNNAMED"
[ "${BENCH_VECTOR_API:-0}" = 1 ] && JOPTS="$JOPTS --add-modules jdk.incubator.vector"
command -v taskset >/dev/null || { echo "bench: needs taskset (util-linux)" >&2; exit 1; }

echo "== lookup latency on one core (taskset -c 1, -XX:ActiveProcessorCount=1), $ENTRIES entries in the query's scope"
taskset -c 1 "$JAVA" -XX:ActiveProcessorCount=1 $JOPTS -cp "$CP" dev.bursar.bench.SemanticBench latency "$ENTRIES" 2>&1 \
  | grep -v -e 'WARNING: Java vector' -e 'VectorizationProvider'
echo "== retained heap of an index of $ENTRIES entries (random unit vectors), after GC"
"$JAVA" -Xmx1g $JOPTS -cp "$CP" dev.bursar.bench.SemanticBench memory "$ENTRIES" 2>&1 \
  | grep -v -e 'WARNING: Java vector' -e 'VectorizationProvider'
