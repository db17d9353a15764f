#!/usr/bin/env bash
# Quickstart: build if needed, write the synthetic distortion ladder of 8 Kodak photos, score it with the
# built-in metrics on an embedded local Spark, evaluate against the severity rank, write the report.
# Output: out/quickstart/{report.html,summary.md,scores/,points/,metrics/,rejects/,run.json}
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DEFAULT_MODEL=agiqa_nr   # the default deep model (conf/models/DEFAULT_MODEL.json); the one line to change
LADDER_MODEL=kodak_nr    # trained on this ladder's distortions: scored beside the default (empty: not scored)
DEEP="$DEFAULT_MODEL"
[[ -z "$LADDER_MODEL" || "$LADDER_MODEL" == "$DEFAULT_MODEL" ]] || DEEP="$DEFAULT_MODEL,$LADDER_MODEL"
MODELS="${MODELS:-psnr,sharpness,niqe,brisque,$DEEP}"
scripts/sparkiqa datasets ladder --photos data/kodak --out out/ladder
scripts/sparkiqa run --manifest out/ladder/manifest.jsonl --models "$MODELS" --out out/quickstart \
  --group-by distortion --group-by photo+distortion --overwrite
echo "open out/quickstart/report.html"
