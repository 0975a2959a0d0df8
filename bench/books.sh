#!/usr/bin/env bash
# Books benchmark: `bursar margin` and `bursar scenario` over the ledger bench's 10M-row month (2026-10).
# Usage: bench/books.sh [ROWS]   (default 10000000; reuses bench/results/ledger-bench-ROWS.db when it holds ROWS rows)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-10000000}
MONTH=2026-10
OUT=bench/results
mkdir -p "$OUT"
. bench/lib/common.sh
CP=$(bench_test_classpath "$PWD")
set +u
. .mvn/find-jdk.sh
set -u
JAVA="$JAVA_HOME/bin/java"
JOPTS="-Xmx2g --enable-native-access=ALL-UNNAMED"

DB="$OUT/ledger-bench-$ROWS.db"
echo "== the ledger bench's month: $ROWS rows ($DB)"
"$JAVA" $JOPTS -cp "$CP" dev.bursar.bench.LedgerBench generate "$DB" "$ROWS" "$MONTH"

# The books of the generated customers: the seed article's cost lines, three plans, 100 customers.
CONFIG="$OUT/books.yaml"
{
  printf 'storage:\n  sqlite: %s\n' "$PWD/$DB"
  cat <<'YAML'
costs:
  - { name: ECS Fargate, category: infrastructure, monthly-usd: "350", allocate: by-requests }
  - { name: PostgreSQL RDS, category: infrastructure, monthly-usd: "450", allocate: by-requests }
  - { name: Load balancer, category: infrastructure, monthly-usd: "250", allocate: by-requests }
  - { name: Data transfer, category: infrastructure, monthly-usd: "300", allocate: by-tokens }
  - { name: Datadog, category: monitoring, monthly-usd: "800", allocate: by-active-customers }
  - { name: LangSmith, category: monitoring, monthly-usd: "200", allocate: by-spend }
  - { name: Pinecone, category: storage, monthly-usd: "300", allocate: by-spend }
  - { name: Support contract, category: engineering, monthly-usd: "1000", allocate: "fixed:cust-000=0.5,cust-001=0.25" }
plans:
  - { name: team, monthly-usd: "500", per-seat-usd: "20", target-margin-pct: "60" }
  - { name: pro, monthly-usd: "99", included-requests: 50000, overage-usd: "0.002", target-margin-pct: "70" }
  - { name: free, monthly-usd: "0", free-tier: true }
customers:
YAML
  for i in $(seq 0 99); do
    c=$(printf 'cust-%03d' "$i")
    if [ "$i" -lt 20 ]; then echo "  - { id: $c, plan: team, seats: 10 }"
    elif [ "$i" -lt 80 ]; then echo "  - { id: $c, plan: pro }"
    else echo "  - { id: $c, plan: free }"; fi
  done
} > "$CONFIG"
SCENARIO="$OUT/scenario.yaml"
cat > "$SCENARIO" <<YAML
month: $MONTH
plans:
  - { name: pro, monthly-usd: "79", included-requests: 50000, overage-usd: "0.002" }
switch-model:
  - { feature: chat, from: gpt-4o, to: gpt-4o-mini }
growth:
  - { feature: agent, factor: "1.5" }
cache:
  - { feature: support-bot, hit-rate: "0.3" }
YAML

echo "== in a warm JVM (Books.margin, Scenario.run)"
"$JAVA" $JOPTS -cp "$CP" dev.bursar.bench.BooksBench "$CONFIG" "$SCENARIO" "$MONTH"

echo "== ./bursar margin / scenario as a user runs them (fresh JVM each, 5 runs)"
./mvnw -q -B -o -DskipTests package
./bursar margin --config "$CONFIG" --month "$MONTH" > /dev/null   # builds the CDS archive
for cmd in "margin --month $MONTH --format json" "scenario --file $SCENARIO --format json"; do
  times=()
  for i in 1 2 3 4 5; do
    t0=$(date +%s%N)
    ./bursar $cmd --config "$CONFIG" > "$OUT/books-out.json"
    times+=($(( ($(date +%s%N) - t0) / 1000000 )))
  done
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  echo "bursar ${cmd%% *}: runs (ms) ${times[*]}; min ${sorted[0]} ms, median ${sorted[2]} ms"
done
