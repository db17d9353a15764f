#!/usr/bin/env bash
# Sweep benchmark: `sparkiqa sweep` on local[2] over N bundled Kodak photos (768x512 PNG; default 8), JPEG q90/70/50/30
# and WebP q80/40 (6 rungs), scored with MODELS (default psnr,ssim,ms_ssim). Prints the sweep's own line (encodes
# and scores per second of its encode-and-score stage) and, as the baseline measured in the same run, the same rungs
# written to disk first (--keep-rungs, untimed) and scored by `sparkiqa score` from files against the originals:
# rung scores per second of each command's wall time, and their ratio (in-memory sweep / score from files).
#   scripts/bench_sweep.sh
#   N=24 MODELS=psnr,ssim scripts/bench_sweep.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
N="${N:-8}"
MODELS="${MODELS:-psnr,ssim,ms_ssim}"
DIR="$ROOT/out/bench/sweep"
RUNGS=(--jpeg 90,70,50,30 --webp 80,40)
rm -rf "$DIR" && mkdir -p "$DIR"
M="$DIR/manifest.csv"
echo "image_id,uri" >"$M"
for f in $(ls data/kodak/kodim*.png | head -"$N"); do
  echo "$(basename "$f" .png),file://$ROOT/$f" >>"$M"
done
TARGET="ssim>=0.95"
# the rungs on disk for the baseline (not timed)
scripts/sparkiqa sweep --master 'local[2]' --manifest "$M" --models psnr --out "$DIR/kept" "${RUNGS[@]}" \
  --target psnr\>=30 --keep-rungs >"$DIR/kept.log" 2>&1
echo "image_id,uri,ref_uri" >"$DIR/rungs.csv"
for f in "$DIR"/kept/rung_files/*/*; do
  id="$(basename "$(dirname "$f")")"
  echo "$id/$(basename "$f"),file://$f,file://$ROOT/data/kodak/$id.png" >>"$DIR/rungs.csv"
done
rows=$(($(wc -l <"$DIR/rungs.csv") - 1))
nm=$(echo "$MODELS" | tr ',' '\n' | wc -l)
t0=$(date +%s.%N)
scripts/sparkiqa sweep --master 'local[2]' --manifest "$M" --models "$MODELS" --out "$DIR/sweep" "${RUNGS[@]}" \
  --target "$TARGET" >"$DIR/sweep.log" 2>&1
t1=$(date +%s.%N)
scripts/sparkiqa score --master 'local[2]' --manifest "$DIR/rungs.csv" --models "$MODELS" --out "$DIR/score" \
  >"$DIR/score.log" 2>&1
t2=$(date +%s.%N)
grep '^sweep: ' "$DIR/sweep.log"
awk -v n="$rows" -v m="$nm" -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN {
  s = n * m / (b - a); f = n * m / (c - b)
  printf "in-memory sweep: %d rungs x %d models in %.1f s wall = %.1f rung scores/s\n", n, m, b - a, s
  printf "baseline, score from files: %d rungs x %d models in %.1f s wall = %.1f rung scores/s\n", n, m, c - b, f
  printf "ratio sweep / score from files: %.2f\n", s / f }'
