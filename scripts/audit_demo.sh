#!/usr/bin/env bash
# Audit demo: writes the synthetic generated-image corpus (24 Kodak crops x 6 pseudo-generators + extras)
# to out/gencorpus and audits it into out/audit (report.html, summary.md, Parquet tables).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DEFAULT_MODEL=agiqa_nr   # the default deep model (conf/models/DEFAULT_MODEL.json); the one line to change
MODELS="${MODELS:-sharpness,niqe,brisque,piqe,$DEFAULT_MODEL,exposure,noise_sigma,colorfulness}"
scripts/sparkiqa datasets gencorpus --photos data/kodak --out out/gencorpus
scripts/sparkiqa audit --manifest out/gencorpus/manifest.jsonl --models "$MODELS" --out out/audit \
  --group-by generator --threshold niqe=6 --threshold brisque=50 --overwrite
echo "open out/audit/report.html"
