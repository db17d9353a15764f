#!/usr/bin/env bash
# Quickstart: build if needed, write the synthetic distortion ladder of 8 Kodak photos, score it with the
# built-in metrics on an embedded local Spark, evaluate against the severity rank, write the report.
# Output: out/quickstart/{report.html,summary.md,scores/,points/,metrics/,rejects/,run.json}
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
MODELS="${MODELS:-psnr,sharpness,niqe,brisque,kodak_nr}"
scripts/sparkiqa datasets ladder --photos data/kodak --out out/ladder
scripts/sparkiqa run --manifest out/ladder/manifest.jsonl --models "$MODELS" --out out/quickstart \
  --group-by distortion --group-by photo+distortion --overwrite
echo "open out/quickstart/report.html"
