#!/usr/bin/env bash
# Model benchmark (issue "DJL model scoring"): on the same 96 JPEGs of 1024x768 (the Kodak photos at four
# qualities, made by scripts/bench_models.py prepare), model load excluded, prints images/s of
#   - the score job on local[2] with intra-op threads 1, for the default model kodak_nr and for a full-width
#     CLIP RN50 image tower at 224x224 (random weights, generated here, not committed),
#   - bare ONNX Runtime on pre-decoded, preprocessed tensors (2 threads, the spec's batch size),
#   - decode + preprocess alone (2 threads),
#   - a Python loop (2 processes: PIL -> preprocessing -> onnxruntime, 1 intra-op thread, batch 1),
#   - the job's own pipeline (decode, batching, model, head) on 2 threads without Spark,
# and the ratios. Targets: kodak_nr job >= 0.9 x the pipeline without Spark (Spark's share under 10%); RN50 job
# >= 0.9 x bare ORT; kodak_nr job >= 0.8 x decode + preprocess; both >= 1.0 x the Python loop. Needs the build
# (mvn -DskipTests package) and .venv with torch, onnxruntime, pillow.
# Usage: scripts/bench_models.sh [KODAK_COPIES] [RN50_COPIES]   (passes over the 96 images per timed job run,
# default 60 (5,760 images) and 10; RN50_COPIES 0 skips RN50; ~10 minutes in all)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
KODAK_COPIES="${1:-60}"
RN50_COPIES="${2:-10}"
PY="${PYTHON:-$( [[ -x .venv/bin/python ]] && echo .venv/bin/python || echo python3 )}"
[[ -d jobs/target/lib && -d jobs/target/test-classes ]] || mvn -q -B -DskipTests package   # benchmarks live in test scope
OUT=out/bench-models
"$PY" scripts/bench_models.py prepare "$OUT" "$RN50_COPIES"
RN50_ARG=(); [[ "$RN50_COPIES" == 0 ]] || RN50_ARG=("$OUT/rn50/rn50.json:$RN50_COPIES")
CP="jobs/target/test-classes:$(ls jobs/target/jobs-*-SNAPSHOT.jar | grep -v shaded):jobs/target/lib/*:jobs/target/spark-lib/*"
OPENS="$(sed -n 's/.*<spark.jvm.opens>\(.*\)<\/spark.jvm.opens>.*/\1/p' pom.xml)"
export SPARK_LOCAL_IP=127.0.0.1
# shellcheck disable=SC2086
java $OPENS -Xmx6g -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" -Dsparkiqa.conf.dir="$ROOT/conf" -cp "$CP" \
  io.sparkiqa.jobs.bench.ModelBenchmark "$OUT/images" "conf/models/kodak_nr.json:$KODAK_COPIES" \
  "${RN50_ARG[@]}" 2>/dev/null | tee "$OUT/java.txt"
echo
echo "Python loop baseline (2 processes, PIL -> onnxruntime, intra-op 1):"
PYK=$("$PY" scripts/bench_models.py loop conf/models/kodak_nr.json "$OUT/images" "$KODAK_COPIES" | tee /dev/stderr)
PYR=""
[[ "$RN50_COPIES" == 0 ]] || PYR=$("$PY" scripts/bench_models.py loop "$OUT/rn50/rn50.json" "$OUT/images" "$RN50_COPIES" | tee /dev/stderr)
"$PY" - "$OUT/java.txt" "$PYK" "$PYR" <<'PY'
import re, sys
res = {m.group(1): {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", m.group(2))}
       for m in re.finditer(r"RESULT (\S+) (.*)", open(sys.argv[1]).read())}
py = {name: float(re.search(r"([\d.]+) images/s", text).group(1))
      for name, text in (("kodak_nr", sys.argv[2]), ("rn50_random", sys.argv[3])) if text}
print("\nratios (same images, same run):")
k = res["kodak_nr"]
print(f"  kodak_nr    job / pipeline without Spark = {k['job'] / k['pipeline']:.2f}  (target >= 0.9)")
print(f"  kodak_nr    job / decode+preprocess      = {k['job'] / k['prep']:.2f}  (target >= 0.8)")
print(f"  kodak_nr    job / Python loop            = {k['job'] / py['kodak_nr']:.2f}  (target >= 1.0)")
if "rn50_random" in res:
    r = res["rn50_random"]
    print(f"  rn50_random job / bare ORT               = {r['job'] / r['ort']:.2f}  (target >= 0.9)")
    print(f"  rn50_random job / Python loop            = {r['job'] / py['rn50_random']:.2f}  (target >= 1.0)")
PY
