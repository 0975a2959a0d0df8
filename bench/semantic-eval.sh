#!/usr/bin/env bash
# Semantic matcher evaluation: writes the shared data sets as pairs files, reproduces the shipped threshold on the
# Quora calibration half, scores the held-out half, MRPC and STS-B with `bursar cache eval` (the gateway's code path),
# and runs MeanCache's contextual set through a real index.
# Usage: bench/semantic-eval.sh   (about 10 minutes on 2 cores; the shared data folder is ../shared or BURSAR_SHARED)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${BURSAR_SHARED:-../shared}
[ -f "$SHARED/data/gptcache-benchmark/similiar_qqp_full.json" ] || { echo "bench: no shared data at $SHARED (set BURSAR_SHARED)" >&2; exit 1; }
OUT=bench/results/semantic
mkdir -p "$OUT"
./mvnw -q -B -o -DskipTests package
. bench/lib/common.sh
CP=$(bench_test_classpath "$PWD")
set +u
. .mvn/find-jdk.sh
set -u
TOOL() { "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$CP" dev.bursar.cache.semantic.SemanticEvalTool "$@"; }

TOOL pairs "$SHARED" "$OUT"
echo "== calibration half: the threshold by the shipped rule (src/main/resources/dev/bursar/cache/semantic/semantic-threshold.properties)"
rm -f "$OUT"/*.cos
TOOL calibrate "$OUT/quora-calibration.tsv"
for set in quora-heldout mrpc stsb; do
  echo "== ./bursar cache eval --pairs $OUT/$set.tsv --format json"
  ./bursar cache eval --pairs "$OUT/$set.tsv" --format json 2>/dev/null
done
echo "== MeanCache contextual set"
TOOL contextual "$SHARED"
