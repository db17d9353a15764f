#!/usr/bin/env bash
# The four application demos on bundled data (data/kodak), each in about a minute on a laptop:
#   filter  - a quality gate over the synthetic generated corpus (6 photos x 6 pseudo-generators + broken rows)
#   curate  - the best 2 of each prompt of that corpus, near-duplicates suppressed
#   sweep   - the JPEG/WebP quality that keeps MS-SSIM >= 0.98 for 6 Kodak photos
#   compare - the synthetic ladder as variants: jpeg vs blur vs noise at level 3 of 8 photos
# Outputs under out/demo/; SCREENSHOTS=1 also renders each report.html with headless Chromium into docs/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
D=out/demo
mkdir -p "$D"
scripts/sparkiqa datasets gencorpus --photos data/kodak --limit 6 --out "$D/gencorpus"
scripts/sparkiqa filter --manifest "$D/gencorpus/manifest.jsonl" --models niqe,sharpness --rule 'niqe<6' \
  --keep-top sharpness=80% --group-by generator --out "$D/filter" --overwrite
scripts/sparkiqa curate --manifest "$D/gencorpus/manifest.jsonl" --models sharpness,niqe --group-by prompt -k 2 \
  --out "$D/curate" --overwrite
echo "image_id,uri" >"$D/photos.csv"
for f in $(ls data/kodak/kodim*.png | head -6); do echo "$(basename "$f" .png),file://$ROOT/$f" >>"$D/photos.csv"; done
scripts/sparkiqa sweep --manifest "$D/photos.csv" --models psnr,ssim,ms_ssim --target 'ms_ssim>=0.98' \
  --jpeg 95,90,80,70,60,50,40 --webp 95,90,80,70,60,50,40 --out "$D/sweep" --overwrite
scripts/sparkiqa datasets ladder --photos data/kodak --ids kodim01,kodim02,kodim03,kodim04,kodim05,kodim06,kodim07,kodim08 \
  --out "$D/ladder"
grep '"level":"3"' "$D/ladder/manifest.jsonl" | grep -v truncated >"$D/ladder-level3.jsonl"
scripts/sparkiqa compare --manifest "$D/ladder-level3.jsonl" --models psnr,ssim,niqe --pair-key photo \
  --variant-key distortion --baseline jpeg --out "$D/compare" --overwrite
if [[ "${SCREENSHOTS:-0}" == 1 ]]; then
  for c in filter curate sweep compare; do
    chromium --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars --window-size=1280,1500 \
      --virtual-time-budget=3000 --user-data-dir="$D/chromium-$c" --screenshot="$ROOT/docs/$c-report.png" \
      "file://$ROOT/$D/$c/report.html" 2>/dev/null
  done
fi
echo "open $D/{filter,curate,sweep,compare}/report.html"
