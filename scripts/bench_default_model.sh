#!/usr/bin/env bash
# Default-model throughput: images/s of the score job (local[2], model load and a warm-up job excluded) for the
# default deep model and for NIQE, in one run, on the same 24 JPEGs of 512x512 (centre crops of the bundled Kodak
# photos; AGIQA-3K's images have this size), and their ratio. Needs the build with test classes
# (mvn -DskipTests package). Usage: scripts/bench_default_model.sh [COPIES]   (passes over the 24 images per timed
# job, default 20 = 480 images; about 2 minutes on 2 quiet cores)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DEFAULT_MODEL=agiqa_nr   # the default deep model (as in scripts/quickstart.sh)
BASELINE=niqe
COPIES="${1:-20}"
[[ -d jobs/target/lib && -d jobs/target/test-classes ]] || mvn -q -B -DskipTests package   # benchmarks live in test scope
OUT=out/bench-default-model
mkdir -p "$OUT"
CP="jobs/target/test-classes:$(ls jobs/target/jobs-*-SNAPSHOT.jar | grep -v shaded):jobs/target/lib/*:jobs/target/spark-lib/*"
OPENS="$(sed -n 's/.*<spark.jvm.opens>\(.*\)<\/spark.jvm.opens>.*/\1/p' pom.xml)"
export SPARK_LOCAL_IP=127.0.0.1
# shellcheck disable=SC2086
java $OPENS -Xmx4g -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" -Dsparkiqa.conf.dir="$ROOT/conf" -cp "$CP" \
  io.sparkiqa.jobs.bench.DefaultModelThroughput "$OUT" "$COPIES" "$BASELINE,$DEFAULT_MODEL" 2>/dev/null | tee "$OUT/result.txt"
awk -v m="$DEFAULT_MODEL" -v b="$BASELINE" '$1 == "RESULT" { split($3, kv, "="); r[$2] = kv[2] }
  END { printf "%s / %s images/s = %.2f (same images, same run)\n", m, b, r[m] / r[b] }' "$OUT/result.txt"
