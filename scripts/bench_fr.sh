#!/usr/bin/env bash
# Full-reference benchmark (issue #15): the score job on local[2] over the same image pairs (the 24 Kodak distorted
# crops, 512x384, against their 4 references, repeated COPIES times under distinct image ids), one job per model, in
# one run of this script: images/s of SSIM (the baseline), PSNR, LPIPS-AlexNet and DISTS (full-width contracts from
# scripts/families with random weights, exported here to ONNX, not committed: the cost of the real models), each as
# a ratio to SSIM's. Job wall time includes Spark's start (a few seconds): use COPIES large enough to dwarf it.
# Needs the build (mvn -DskipTests package) and .venv with torch, onnx, onnxruntime, pillow.
# Usage: scripts/bench_fr.sh [COPIES]   (default 20: 480 pairs per job)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
COPIES="${1:-20}"
PY="${PYTHON:-$( [[ -x .venv/bin/python ]] && echo .venv/bin/python || echo python3 )}"
[[ -d jobs/target/lib ]] || mvn -q -B -DskipTests package
OUT=out/bench-fr
rm -rf "$OUT" && mkdir -p "$OUT/models"
"$PY" - "$OUT/models" <<'PY'
import sys
sys.path.insert(0, "scripts")
import torch
from families import dists, fullref, lpips
out = sys.argv[1]
torch.manual_seed(0)
fullref.export(torch, lpips.build(torch, "alex"), out, "lpips_alex_random", "onnx",
               fullref.spec("lpips_alex_random", None, {"inputs": fullref.INPUTS, "size": "must_match"},
                            {"policy": "none"}, [-1, 1], [0.0] * 3, [1.0] * 3, True, "benchmark (random weights)",
                            "scripts/bench_fr.sh"))
fullref.export(torch, dists.build(torch), out, "dists_random", "onnx",
               dists.spec_fields("dists_random", dists.RESIZE, "benchmark (random weights)", "scripts/bench_fr.sh"))
PY
KODAK="$ROOT/udfs/src/test/resources/kodak-distorted"
{
  echo "image_id,uri,ref_uri"
  for c in $(seq 1 "$COPIES"); do
    for f in "$KODAK"/h0?_*.png; do
      name=$(basename "$f" .png)
      [[ "$name" == *_ref ]] && continue
      echo "c${c}_${name},file://$f,file://$KODAK/${name:0:3}_ref.png"
    done
  done
} > "$OUT/manifest.csv"
N=$(( $(wc -l < "$OUT/manifest.csv") - 1 ))
CP="$(ls jobs/target/jobs-*-SNAPSHOT.jar | grep -v shaded):jobs/target/lib/*:jobs/target/spark-lib/*"
OPENS="$(sed -n 's/.*<spark.jvm.opens>\(.*\)<\/spark.jvm.opens>.*/\1/p' pom.xml)"
export SPARK_LOCAL_IP=127.0.0.1
declare -A RATE
for model in ssim psnr "$OUT/models/lpips_alex_random.json" "$OUT/models/dists_random.json"; do
  name=$(basename "$model" .json)
  t0=$(date +%s.%N)
  # shellcheck disable=SC2086
  java $OPENS -Xmx4g -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" -Dsparkiqa.conf.dir="$ROOT/conf" -cp "$CP" \
    io.sparkiqa.jobs.cli.SparkIqa score --master 'local[2]' --manifest "$OUT/manifest.csv" --models "$model" \
    --out "$OUT/run-$name" > "$OUT/$name.log" 2>&1 || { tail -20 "$OUT/$name.log"; exit 1; }
  t1=$(date +%s.%N)
  grep -q "reconciliation: in $N = ok $N + failed 0" "$OUT/$name.log" || { grep reconciliation "$OUT/$name.log"; exit 1; }
  RATE[$name]=$(echo "$N / ($t1 - $t0)" | bc -l)
  printf "%-20s %5d pairs in %6.1f s = %7.1f images/s\n" "$name" "$N" "$(echo "$t1 - $t0" | bc -l)" "${RATE[$name]}"
done
echo
echo "ratios to SSIM (same pairs, same run, job wall time including Spark's start):"
for name in psnr lpips_alex_random dists_random; do
  printf "  %-20s / ssim = %.3f\n" "$name" "$(echo "${RATE[$name]} / ${RATE[ssim]}" | bc -l)"
done
