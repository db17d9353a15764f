#!/usr/bin/env bash
# Native-metric benchmark: makes 1024x768 JPEGs of the 24 Kodak photos (PIL bicubic, quality 90) in
# out/bench/kodak1024, then prints ms/image and MP/s per metric on one core (after warm-up) and images/s
# through the score job on local[2]. Target: niqe + brisque under 40 ms per image per core, printed with the
# ratio to the named baseline (the code before issue #19's speed work, udfs test scope) timed in the same run,
# median of 5 interleaved passes.
# Needs python3 with pillow (e.g. .venv from the README).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
METRICS="${1:-niqe,brisque,piqe,psnr,ssim,ms_ssim,sharpness,exposure,noise_sigma,colorfulness}"
PY="${PYTHON:-$( [[ -x .venv/bin/python ]] && echo .venv/bin/python || echo python3 )}"
[[ -d jobs/target/lib && -d jobs/target/test-classes && -d udfs/target/test-classes ]] || mvn -q -B -DskipTests package   # benchmarks live in test scope
IMG=out/bench/kodak1024
if [[ ! -f "$IMG/kodim24.jpg" ]]; then
  mkdir -p "$IMG"
  "$PY" - "$IMG" <<'PY'
import sys, glob, os
from PIL import Image
for p in sorted(glob.glob("data/kodak/kodim*.png")):
    im = Image.open(p).convert("RGB")
    size = (1024, 768) if im.width >= im.height else (768, 1024)
    im.resize(size, Image.BICUBIC).save(os.path.join(sys.argv[1], os.path.basename(p)[:-4] + ".jpg"), quality=90)
PY
fi
# udfs/target/test-classes holds the named baseline (BaselineNiqe, BaselineBrisque) timed against the shipped code
CP="jobs/target/test-classes:udfs/target/test-classes:$(ls jobs/target/jobs-*-SNAPSHOT.jar | grep -v shaded):jobs/target/lib/*:jobs/target/spark-lib/*"
OPENS="$(sed -n 's/.*<spark.jvm.opens>\(.*\)<\/spark.jvm.opens>.*/\1/p' pom.xml)"
export SPARK_LOCAL_IP=127.0.0.1
# shellcheck disable=SC2086
java $OPENS -Xmx4g -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" -cp "$CP" \
  io.sparkiqa.jobs.bench.MetricBenchmark "$IMG" "$METRICS" out/bench/metrics 2>/dev/null
