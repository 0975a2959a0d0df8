# Two gateways on one CPU, measured in turn (sourced by cache.sh and fallbacks.sh). Only one is loaded at a time; the
# other idles beside it. On this machine the second of two runs in a row is systematically slower, so compared phases
# run in ABBA order (BAAB in even rounds) and a ratio is taken within a round: linear drift cancels, and each pair's
# "B second" and "B first" ratios show how much the position weighs.
# Uses BENCH_TMP, KEY, HERE, LOAD_CPU, BURSAR_CPU, DURATION and WARMUP from the caller.
# Every measured phase is one line of BENCH_TMP/phases.tsv:
#   seq round label shape req/s p50_us p99_us cpu_us_per_req others_pct errors requests

PAIR_SEQ=0

# pair_wrk URL MODEL STREAM CONNS SECS [SEEN_FILE]: prints wrk's RESULT line (lua/chat.lua) and adds the 2xx it got
# to SEEN_FILE. BENCH_TEMPERATURE and BENCH_UNIQUE reach chat.lua through the environment.
pair_wrk() {
  local url=$1 model=$2 stream=$3 conns=$4 secs=$5 seen=${6:-} out line
  out=$(BENCH_MODEL=$model BENCH_STREAM=$stream BENCH_KEY=$KEY \
        taskset -c "$LOAD_CPU" nice -n "$(bench_nice)" \
        wrk -t1 -c"$conns" -d"${secs}s" --timeout 10s -s "$HERE/lua/chat.lua" "$url" 2>&1) \
    || { printf '%s\n' "$out" >&2; bench_die "wrk failed against $url"; }
  line=$(printf '%s\n' "$out" | grep '^RESULT ') || { printf '%s\n' "$out" >&2; bench_die "wrk printed no result"; }
  [ -z "$seen" ] || phase_field "$line" requests non2xx | awk '{ print $1 - $2 }' >> "$seen"
  [ -z "${BENCH_VERBOSE:-}" ] || printf 'wrk %s c=%s unique=%s: %s\n' "$url" "$conns" "${BENCH_UNIQUE:-}" "$line" >&2
  printf '%s\n' "$line"
}

# pair_measure ROUND LABEL SHAPE PID URL MODEL STREAM CONNS SEEN_FILE UNIQUE(0|1) WARMUP_SECS: a warm-up, then one
# measured phase; PID is the gateway measured (empty for the direct baseline). With UNIQUE=1 each of the two wrk runs
# gets its own tag, so no body repeats within the whole bench run.
pair_measure() {
  local round=$1 label=$2 shape=$3 pid=$4 url=$5 model=$6 stream=$7 conns=$8 seen=$9 unique=${10} warm=${11}
  local hz ticks0=0 ticks1=0 busy0 busy1 wall0 wall1 line tag= req dur p50 p99 bad cerr rerr werr tout
  PAIR_SEQ=$(( PAIR_SEQ + 1 ))
  [ "$unique" = 1 ] && tag="r$$-$PAIR_SEQ"
  bench_log "$shape, $conns connection(s): $label (round $round)"
  BENCH_UNIQUE=${tag:+$tag-w} pair_wrk "$url" "$model" "$stream" "$conns" "$warm" "$seen" >/dev/null
  [ -z "$pid" ] || ticks0=$(bench_cpu_ticks "$pid")
  busy0=$(bench_cpu_busy "$BURSAR_CPU"); wall0=$(date +%s%N)
  line=$(BENCH_UNIQUE=${tag:+$tag-m} pair_wrk "$url" "$model" "$stream" "$conns" "$DURATION" "$seen")
  [ -z "$pid" ] || ticks1=$(bench_cpu_ticks "$pid")
  busy1=$(bench_cpu_busy "$BURSAR_CPU"); wall1=$(date +%s%N)
  hz=$(getconf CLK_TCK)
  read -r req dur p50 p99 bad cerr rerr werr tout <<<"$(phase_field "$line" requests duration_us p50_us p99_us non2xx \
      connect_err read_err write_err timeouts)"
  awk -v seq="$PAIR_SEQ" -v round="$round" -v label="$label" -v shape="$shape" -v req="$req" -v dur="$dur" \
      -v p50="$p50" -v p99="$p99" -v ticks=$(( ticks1 - ticks0 )) -v busy=$(( busy1 - busy0 )) -v hz="$hz" \
      -v wall=$(( (wall1 - wall0) / 1000 )) -v measured="${pid:+1}" -v errs=$(( bad + cerr + rerr + werr + tout )) 'BEGIN {
    cpu = measured == "1" && req > 0 ? ticks * 1e6 / hz / req : 0
    # For the direct baseline nothing of ours runs on CPU 1, so all of its busy time is "others".
    others = busy > ticks ? (busy - ticks) * 100 / (wall / 1e6 * hz) : 0
    printf "%d\t%d\t%s\t%s\t%.1f\t%d\t%d\t%.1f\t%.1f\t%d\t%d\n", seq, round, label, shape, req * 1e6 / dur, p50, p99,
      cpu, others, errs, req
  }' >> "$BENCH_TMP/phases.tsv"
}

# pair_abba ROUND SHAPE A B: runs the phase functions "phase_A ROUND SHAPE" and "phase_B ROUND SHAPE" in the order
# A B B A in odd rounds and B A A B in even ones.
pair_abba() {
  local round=$1 shape=$2 a=$3 b=$4 x
  if [ $(( round % 2 )) -eq 1 ]; then x="$a $b $b $a"; else x="$b $a $a $b"; fi
  for label in $x; do "phase_$label" "$round" "$shape"; done
}

# Every measured phase as a markdown table, in the order run.
pair_table() {
  echo "| # | round | shape | phase | req/s | p50 ms | p99 ms | gateway CPU µs/req | others on CPU1 | errors |"
  echo "|---:|---:|---|---|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' '{ printf "| %d | %d | %s | %s | %.0f | %.3f | %.3f | %s | %.0f%% | %d |\n", $1, $2, $4, $3, $5, $6 / 1000,
      $7 / 1000, ($8 > 0 ? sprintf("%.0f", $8) : "-"), $9, $10 }' "$BENCH_TMP/phases.tsv"
}

# pair_mean SHAPE LABEL: "mean-req/s min max mean-cpu-µs n" over every measured phase of LABEL.
pair_mean() {
  awk -F'\t' -v shape="$1" -v label="$2" '$4 == shape && $3 == label {
      n++; s += $5; c += $8; if (n == 1 || $5 < lo) lo = $5; if ($5 > hi) hi = $5 }
    END { if (n) printf "%.1f %.1f %.1f %.1f %d\n", s / n, lo, hi, c / n, n; else print "0 0 0 0 0" }' "$BENCH_TMP/phases.tsv"
}

# pair_ratio SHAPE A B: B ÷ A of req/s and of CPU µs per request. Prints one line per round (the round's ratio of
# sums, and the ratio within each adjacent pair, marked by whether B ran second or first), then "all" with the mean of
# the rounds' ratios and their range. The last line is "RATIO <mean req/s ratio> <min> <max> <mean cpu ratio>".
pair_ratio() {
  awk -F'\t' -v shape="$1" -v a="$2" -v b="$3" '
    $4 == shape && ($3 == a || $3 == b) { k = ++n[$2]; lab[$2, k] = $3; rps[$2, k] = $5; cpu[$2, k] = $8; rounds[$2] = 1 }
    END {
      for (r in rounds) order[++nr] = r + 0
      for (i = 1; i <= nr; i++) for (j = i + 1; j <= nr; j++) if (order[j] < order[i]) { t = order[i]; order[i] = order[j]; order[j] = t }
      for (i = 1; i <= nr; i++) {
        r = order[i]; sa = sb = ca = cb = 0; pairs = ""
        for (k = 1; k <= n[r]; k++) {
          if (lab[r, k] == a) { sa += rps[r, k]; ca += cpu[r, k] } else { sb += rps[r, k]; cb += cpu[r, k] }
          if (k % 2 == 0) {
            p = lab[r, k] == b ? "second" : "first"
            x = lab[r, k] == b ? rps[r, k] / rps[r, k - 1] : rps[r, k - 1] / rps[r, k]
            pairs = pairs sprintf("%s%.3f (%s %s)", pairs == "" ? "" : ", ", x, b, p)
          }
        }
        ratio = sa > 0 ? sb / sa : 0; cratio = ca > 0 ? cb / ca : 0
        printf "round %d: %s / %s req/s %.3f (pairs: %s); CPU µs/req %.3f\n", r, b, a, ratio, pairs, cratio
        sum += ratio; csum += cratio; if (i == 1 || ratio < lo) lo = ratio; if (ratio > hi) hi = ratio
      }
      if (nr) printf "RATIO %.3f %.3f %.3f %.3f\n", sum / nr, lo, hi, csum / nr; else print "RATIO 0 0 0 0"
    }' "$BENCH_TMP/phases.tsv"
}

# pair_summary A B "A's column" "B's column" "ratio column" TARGET "what the target says": the report's middle part
# for gateways A and B measured by pair_abba — the table of means per shape, each round's ratios, the target verdicts
# and the machine line. Uses SHAPES, CONNS, DURATION, WARMUP, DIRECT_WARMUP, HERE and BENCH_JAR from the caller.
pair_summary() {
  local a=$1 b=$2 a_col=$3 b_col=$4 ratio_col=$5 target=$6 says=$7 shape
  echo "Every measured phase (${DURATION}s each after a ${WARMUP}s warm-up; direct after ${DIRECT_WARMUP}s), in the order run:"
  echo
  pair_table
  echo
  echo "| shape @$CONNS | direct req/s | $a_col req/s (range), CPU µs/req | $b_col req/s (range), CPU µs/req | $ratio_col, req/s: mean of rounds (range) | $ratio_col, CPU µs/req |"
  echo "|---|---:|---:|---:|---:|---:|"
  for shape in $SHAPES; do
    read -r dm _ <<<"$(pair_mean "$shape" direct)"
    read -r pm plo phi pcpu _ <<<"$(pair_mean "$shape" "$a")"
    read -r cm clo chi ccpu _ <<<"$(pair_mean "$shape" "$b")"
    read -r _ r rlo rhi rcpu <<<"$(pair_ratio "$shape" "$a" "$b" | grep '^RATIO')"
    printf '| %s | %.0f | %.0f (%.0f–%.0f), %.0f | %.0f (%.0f–%.0f), %.0f | %.3f (%.3f–%.3f) | %.3f |\n' "$shape" "$dm" \
      "$pm" "$plo" "$phi" "$pcpu" "$cm" "$clo" "$chi" "$ccpu" "$r" "$rlo" "$rhi" "$rcpu"
  done
  echo
  for shape in $SHAPES; do
    pair_ratio "$shape" "$a" "$b" | grep -v '^RATIO' | sed "s/^/$shape: /"
  done
  echo
  for shape in $SHAPES; do
    read -r _ r rlo rhi rcpu <<<"$(pair_ratio "$shape" "$a" "$b" | grep '^RATIO')"
    awk -v s="$shape" -v c="$CONNS" -v r="$r" -v lo="$rlo" -v hi="$rhi" -v t="$target" -v says="$says" 'BEGIN {
      printf "target: %s, %d connections, %s >= %.2f of the throughput: %.3f (rounds %.3f–%.3f), %s\n",
        s, c, says, t, r, lo, hi, (r >= t ? "met" : "MISSED") }'
  done
  echo
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$HERE" rev-parse --short HEAD 2>/dev/null || echo unknown)," \
       "load average now $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) CPUs; jar $BENCH_JAR"
  echo
}
