#!/usr/bin/env bash
# Reduced-scale JPEG decode benchmark (issue #19): a 224-input model (the full-width CLIP RN50 image tower of
# scripts/bench_models.py, random weights: PIL bicubic to shorter side 224, centre crop 224) on 12-megapixel JPEGs
# (4248x2832: Kodak photos upscaled with PIL bicubic, Gaussian grain of sigma 2 added so the files are as dense as a
# camera's, quality 90; landscape and portrait), through the score job's per-image pipeline without Spark, on one
# thread, with the spec as it is (full-size decode) and with "decode": {"reduce": "draft"} (decoded at 1/8),
# interleaved image by image; prints images/s both ways and the ratio (DecodeBenchmark). Needs the build
# (mvn -DskipTests package, then mvn test-compile) and .venv with torch, onnx, onnxruntime, pillow.
# Usage: scripts/bench_decode.sh [PASSES] [IMAGES]   (default 2 passes over 12 images; ~2 minutes on 2 cores)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PASSES="${1:-2}"
IMAGES="${2:-12}"
PY="${PYTHON:-$( [[ -x .venv/bin/python ]] && echo .venv/bin/python || echo python3 )}"
[[ -d jobs/target/lib && -d jobs/target/test-classes ]] || mvn -q -B -DskipTests package   # benchmarks live in test scope
OUT=out/bench-decode
"$PY" scripts/bench_models.py prepare out/bench-models >/dev/null   # the RN50 model and its spec
"$PY" - "$OUT" "$IMAGES" <<'PY'
import glob, json, os, sys
import numpy as np
from PIL import Image
out, count = sys.argv[1], int(sys.argv[2])
os.makedirs(os.path.join(out, "images"), exist_ok=True)
rng = np.random.default_rng(12)
for p in sorted(glob.glob("data/kodak/kodim*.png"))[:count]:
    target = os.path.join(out, "images", os.path.basename(p)[:-4] + "_12mp.jpg")
    if os.path.exists(target):
        continue
    im = Image.open(p).convert("RGB")
    size = (4248, 2832) if im.width >= im.height else (2832, 4248)
    big = np.asarray(im.resize(size, Image.BICUBIC), dtype=np.float32)
    big = np.clip(big + rng.normal(0, 2, big.shape), 0, 255).astype(np.uint8)
    Image.fromarray(big).save(target, quality=90)
spec = json.load(open("out/bench-models/rn50/rn50.json"))
spec.update({"id": "rn50_random_draft", "decode": {"reduce": "draft"}})
json.dump(spec, open("out/bench-models/rn50/rn50_draft.json", "w"))
PY
CP="jobs/target/test-classes:jobs/target/classes:udfs/target/classes:jobs/target/lib/*:jobs/target/spark-lib/*"
java -Xmx4g -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" -cp "$CP" io.sparkiqa.jobs.bench.DecodeBenchmark \
  "$OUT/images" out/bench-models/rn50/rn50.json out/bench-models/rn50/rn50_draft.json "$PASSES" 2>/dev/null \
  | tee "$OUT/result.txt"
