#!/usr/bin/env bash
# Scale benchmark: generated manifests of 10k, 100k and 1M rows (io.sparkiqa.jobs.bench.ScaleManifest: 300 crops of
# 64x64 pixels from data/kodak shared by all rows, mos from the crop's blur plus noise, attribute photo; Parquet part
# files of 250k rows) through `sparkiqa score` and `sparkiqa evaluate` on local[2] with a 2 GB driver heap.
# Prints wall and CPU (user + system) seconds per stage and size, the peak driver heap (-Xlog:gc: the most in use
# before a GC, and the most left after one), and the marginal per-row time 10k->100k and 100k->1M with their ratio (target: at most 1.2),
# in wall time and in CPU time (steadier on a shared machine). RUNS=2 runs every size twice, interleaved, and keeps
# each size's fastest wall time.
#   scripts/bench_million.sh                 # 10000 100000 1000000
#   SIZES="10000 100000" scripts/bench_million.sh
# Settings: MODEL (sharpness), GROUP_BY (photo: 24 groups, each over 400 rows), HEAP (2g), and evaluate's
# DRIVER_MAX_N (--driver-max-n, 100) and BOOTSTRAP (--bootstrap, 1000). With 100, every group gets SRCC and PLCC from
# Spark SQL and no row goes to the driver, at every size; the driver's full statistics (KRCC, fits, bootstrap CIs)
# cost about B logistic refits per group and are meant for groups of thousands, not millions.
# Needs /usr/bin/time and bc.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SIZES="${SIZES:-10000 100000 1000000}"
MODEL="${MODEL:-sharpness}"
BOOTSTRAP="${BOOTSTRAP:-1000}"
DRIVER_MAX_N="${DRIVER_MAX_N:-100}"
GROUP_BY="${GROUP_BY:-photo}"
HEAP="${HEAP:-2g}"
RUNS="${RUNS:-1}"
DIR="$ROOT/out/bench/scale"
[[ -d jobs/target/lib && -d jobs/target/spark-lib && -d jobs/target/test-classes ]] || mvn -q -B -DskipTests package
CP="jobs/target/test-classes:$(ls jobs/target/jobs-*-SNAPSHOT.jar | grep -v shaded):jobs/target/lib/*:jobs/target/spark-lib/*"
OPENS="$(sed -n 's/.*<spark.jvm.opens>\(.*\)<\/spark.jvm.opens>.*/\1/p' pom.xml)"
export SPARK_LOCAL_IP=127.0.0.1
mkdir -p "$DIR"

# peak heap (MB) in a -Xlog:gc file, "before/after": the largest heap in use before a GC ("Pause ... 812M->95M"), and
# the largest left after one (live data, Spark's cached blocks included: in local mode they share the driver's heap)
peak_mb() {
  echo "$(grep -o '[0-9]*M->[0-9]*M' "$1" | sed 's/M->.*//' | sort -n | tail -1)/$(grep -o '[0-9]*M->[0-9]*M' "$1" \
    | sed 's/.*->//; s/M//' | sort -n | tail -1)"
}

# runs sparkiqa with the heap and a GC log; prints its wall and CPU (user + system) seconds
timed() {
  local log="$1"; shift
  SPARKIQA_JAVA_OPTS="-Xmx$HEAP -Xlog:gc:file=$log" /usr/bin/time -f '%e %U %S' -o "$log.time" scripts/sparkiqa "$@" \
    --master 'local[2]' --conf "spark.driver.memory=$HEAP" >"$log.out" 2>&1 || { tail -30 "$log.out" >&2; exit 1; }
  awk '{printf "%.1f %.1f", $1, $2 + $3}' "$log.time"
}

# the smaller of two "wall cpu" pairs, by wall time (the run least slowed by other load)
best() { if [[ -z "${1:-}" ]] || awk -v a="$1" -v b="$2" 'BEGIN { split(a, x, " "); split(b, y, " "); exit !(y[1] < x[1]) }'; then echo "$2"; else echo "$1"; fi; }

declare -A SCORE EVAL
read -r -a S <<<"$SIZES"
for run in $(seq 1 "$RUNS"); do
  for n in "${S[@]}"; do
    if [[ ! -f "$DIR/manifest-$n/_SUCCESS" ]]; then
      # shellcheck disable=SC2086
      java $OPENS -Xmx1g -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" -Dsparkiqa.repo.root="$ROOT" \
        -cp "$CP" io.sparkiqa.jobs.bench.ScaleManifest "$DIR" "$n" 2>/dev/null
    fi
    s=$(timed "$DIR/gc-score-$n.log" score --manifest "$DIR/manifest-$n" --out "$DIR/run-$n" --overwrite \
      --models "$MODEL")
    grep '^reconciliation' "$DIR/gc-score-$n.log.out" | sed "s/^/  $n score: /"
    e=$(timed "$DIR/gc-eval-$n.log" evaluate --scores "$DIR/run-$n/scores" --manifest "$DIR/manifest-$n" \
      --out "$DIR/eval-$n" --overwrite --bootstrap "$BOOTSTRAP" --driver-max-n "$DRIVER_MAX_N" --group-by "$GROUP_BY")
    grep '^reconciliation:' "$DIR/gc-eval-$n.log.out" | sed "s/^/  $n evaluate: /"
    ps=$(peak_mb "$DIR/gc-score-$n.log"); pe=$(peak_mb "$DIR/gc-eval-$n.log")
    printf '%9d rows (run %d): score %7.1f s wall %7.1f s CPU; evaluate %7.1f s wall %7.1f s CPU; peak heap before/after GC: score %s MB, evaluate %s MB (-Xmx%s)\n' \
      "$n" "$run" ${s} ${e} "$ps" "$pe" "$HEAP"
    SCORE[$n]=$(best "${SCORE[$n]:-}" "$s"); EVAL[$n]=$(best "${EVAL[$n]:-}" "$e")
  done
done
echo "settings: local[2], -Xmx$HEAP, --models $MODEL; evaluate --bootstrap $BOOTSTRAP --driver-max-n $DRIVER_MAX_N --group-by $GROUP_BY; runs per size: $RUNS (fastest wall kept); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

if (( ${#S[@]} == 3 )); then
  a=${S[0]}; b=${S[1]}; c=${S[2]}
  for stage in score evaluate total; do
    for k in 1 2; do
      case $stage in
        score) ta=$(cut -d' ' -f$k <<<"${SCORE[$a]}"); tb=$(cut -d' ' -f$k <<<"${SCORE[$b]}"); tc=$(cut -d' ' -f$k <<<"${SCORE[$c]}") ;;
        evaluate) ta=$(cut -d' ' -f$k <<<"${EVAL[$a]}"); tb=$(cut -d' ' -f$k <<<"${EVAL[$b]}"); tc=$(cut -d' ' -f$k <<<"${EVAL[$c]}") ;;
        total) ta=$(echo "$(cut -d' ' -f$k <<<"${SCORE[$a]}") + $(cut -d' ' -f$k <<<"${EVAL[$a]}")" | bc)
               tb=$(echo "$(cut -d' ' -f$k <<<"${SCORE[$b]}") + $(cut -d' ' -f$k <<<"${EVAL[$b]}")" | bc)
               tc=$(echo "$(cut -d' ' -f$k <<<"${SCORE[$c]}") + $(cut -d' ' -f$k <<<"${EVAL[$c]}")" | bc) ;;
      esac
      m1=$(echo "scale=9; ($tb - $ta) * 1000000 / ($b - $a)" | bc)
      m2=$(echo "scale=9; ($tc - $tb) * 1000000 / ($c - $b)" | bc)
      printf 'marginal %-8s %-4s: %8.1f us/row (%d->%d)  %8.1f us/row (%d->%d)  ratio %.2f (target <= 1.2)\n' \
        "$stage" "$([[ $k == 1 ]] && echo wall || echo CPU)" "$m1" "$a" "$b" "$m2" "$b" "$c" "$(awk -v p="$m1" -v q="$m2" 'BEGIN { print (p > 0 ? q / p : "nan") }')"
    done
  done
fi
