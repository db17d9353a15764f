#!/usr/bin/env bash
# Rebuilds the default model conf/models/agiqa_nr.{onnx,json} from scratch (see conf/models/agiqa_nr.md):
#   1. npm pack nsfwjs@4.4.0 (nothing runs; the tarball's integrity hash is pinned below) and unpack it;
#   2. check the torch rebuilds of its MobileNetV2 and InceptionV3 against nsfwjs itself on pure-JS TensorFlow.js (npm
#      install into the work folder, never into the repository): class probabilities within 1e-4 (skipped with
#      --skip-tfjs-check);
#   3. per-crop features of every AGIQA-3K image through both backbones (cached in the work folder);
#   4. centre-crop features of six synthetic distortions (blur, noise, JPEG) of every training image (cached), the
#      quality head's ranking rows;
#   5. the quality head, chosen by prompt-grouped 5-fold cross-validation on the training split;
#   6. export backbone + head as one ONNX model and its spec (with sha256);
#   7. score the test split once (cached features + head, the exported ONNX end to end on 40 of them) (appended to the work folder's test-evals.jsonl),
#      the Kodak ladder (--ladder manifest.jsonl, from `scripts/sparkiqa datasets ladder`) and refresh the parity
#      fixture (scripts/fixtures/make_agiqa_sample.py).
# Usage: scripts/make_default_model.sh --images DIR --labels data.csv [--work DIR] [--ladder manifest.jsonl]
#        [--skip-tfjs-check]      (PYTHON: a Python with torch, onnx, onnxruntime, pillow, pandas, scipy)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
WORK=/tmp/sparkiqa-default-model IMAGES="" LABELS="" LADDER="" TFJS_CHECK=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --images) IMAGES="$2"; shift 2 ;;
    --labels) LABELS="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    --ladder) LADDER="$2"; shift 2 ;;
    --skip-tfjs-check) TFJS_CHECK=0; shift ;;
    *) echo "make_default_model: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ -d "$IMAGES" && -f "$LABELS" ]] || { echo "make_default_model: --images DIR and --labels FILE are required" >&2; exit 2; }
INTEGRITY="sha512-krC1fgeTLXtZwgdpKJ0jm7hqv0gTSRQQRL+FhOaxaJ9Wj92t42BO3csO2odwgTAgZgf2RvkwPtp0R8Aa7dc+MA=="
TGZ="$WORK/nsfwjs-4.4.0.tgz"
mkdir -p "$WORK"
[[ -f "$TGZ" ]] || (cd "$WORK" && npm pack --silent nsfwjs@4.4.0 >/dev/null)
GOT="sha512-$(openssl dgst -sha512 -binary "$TGZ" | base64 -w0)"
[[ "$GOT" == "$INTEGRITY" ]] || { echo "make_default_model: $TGZ integrity $GOT, expected $INTEGRITY" >&2; exit 1; }
[[ -d "$WORK/package" ]] || tar xzf "$TGZ" -C "$WORK"
PKG="$WORK/package"
cp "$PKG/LICENSE" "$ROOT/conf/models/agiqa_nr.LICENSE-nsfwjs"
cd "$ROOT/scripts/default_model"
if [[ "$TFJS_CHECK" == 1 ]]; then
  if [[ ! -d "$WORK/node/node_modules/@tensorflow/tfjs" ]]; then
    mkdir -p "$WORK/node"
    (cd "$WORK/node" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund @tensorflow/tfjs@4.22.0 "$TGZ")
  fi
  "$PYTHON" check_tfjs.py --package "$PKG" --node-path "$WORK/node/node_modules" \
    "$ROOT"/data/kodak/kodim0{1,3,5,7}.png "$IMAGES/AttnGAN_normal_000.jpg" "$IMAGES/sd1.5_lowstep_000.jpg"
fi
[[ -f "$WORK/agiqa.npz" ]] || "$PYTHON" features.py --package "$PKG" --images "$IMAGES" --out "$WORK/agiqa.npz"
[[ -f "$WORK/distorted.npz" ]] || "$PYTHON" distortions.py --package "$PKG" --images "$IMAGES" \
  --features "$WORK/agiqa.npz" --out "$WORK/distorted.npz"
"$PYTHON" train_head.py --features "$WORK/agiqa.npz" --labels "$LABELS" --distortions "$WORK/distorted.npz" \
  --out "$WORK/head.npz"
"$PYTHON" export.py --package "$PKG" --head "$WORK/head.npz" --out "$ROOT/conf/models/agiqa_nr.onnx"
"$PYTHON" evaluate.py agiqa --model "$ROOT/conf/models/agiqa_nr.onnx" --images "$IMAGES" --labels "$LABELS" \
  --features "$WORK/agiqa.npz" --head "$WORK/head.npz" --log "$WORK/test-evals.jsonl"
[[ -z "$LADDER" ]] || "$PYTHON" evaluate.py ladder --model "$ROOT/conf/models/agiqa_nr.onnx" --manifest "$LADDER"
cd "$ROOT" && "$PYTHON" scripts/fixtures/make_agiqa_sample.py --images "$IMAGES" --labels "$LABELS"
