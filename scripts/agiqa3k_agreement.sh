#!/usr/bin/env bash
# Human agreement on AGIQA-3K, as a user gets it: prepare the dataset (split by prompt, seed 0), score every NR
# metric and every shipped model spec (served specs such as qalign excluded), evaluate with bootstrap CIs and
# --group-by generator, and print the README's Markdown tables for the test split: SRCC, KRCC, PLCC after
# logistic-4 (95% bootstrap CIs) and the paired bootstrap of each model's direction-corrected SRCC against the
# baseline (NIQE); then SRCC per generator.
# Usage: scripts/agiqa3k_agreement.sh --images DIR [--labels FILE] [--models M1,M2] [--out DIR]
#        [--baseline NAME] [--bootstrap B] [--master URL] [--resume]
#   --images  the AGIQA-3K images (2,982 JPEGs), or a folder with data.csv and images/; --labels defaults to DIR/data.csv
#   --models  default: every NR entry of `sparkiqa models list` except InferenceServer specs
#   --resume  keep OUT/run's scores and score only the missing (image, model) rows (a model added since the last run),
#             transient failures, and the rows a model's older file scored (a retrained model under the same id)
# Output: OUT/prepared (manifest, rejects), OUT/run (scores, metrics, pairwise, report.html), OUT/tables.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
IMAGES="" LABELS="" MODELS="" OUT=out/agiqa3k BASELINE=niqe BOOTSTRAP=1000 MASTER=() RUN_MODE=--overwrite
while [[ $# -gt 0 ]]; do
  case "$1" in
    --images) IMAGES="$2"; shift 2 ;;
    --labels) LABELS="$2"; shift 2 ;;
    --models) MODELS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --baseline) BASELINE="$2"; shift 2 ;;
    --bootstrap) BOOTSTRAP="$2"; shift 2 ;;
    --master) MASTER=(--master "$2"); shift 2 ;;
    --resume) RUN_MODE=--resume; shift ;;
    *) echo "agiqa3k_agreement: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ -n "$IMAGES" ]] || { echo "agiqa3k_agreement: --images DIR is required" >&2; exit 2; }
LABELS="${LABELS:-$IMAGES/data.csv}"
# the layout of the copy in ../shared and of qiyan111/AIGC: DIR/data.csv beside DIR/images/*.jpg
IMAGE_ROOT="$IMAGES"
[[ ! -f "$IMAGES/AttnGAN_normal_000.jpg" && -d "$IMAGES/images" ]] && IMAGE_ROOT="$IMAGES/images"
[[ -f "$LABELS" ]] || { echo "agiqa3k_agreement: no label file $LABELS (pass --labels)" >&2; exit 2; }
START=$SECONDS
if [[ -z "$MODELS" ]]; then
  MODELS=$(scripts/sparkiqa models list | awk 'NR > 1 && $2 == "NR" && $0 !~ / InferenceServer / {print $1}' | paste -sd, -)
fi
[[ ",$MODELS," == *",$BASELINE,"* ]] || MODELS="$MODELS,$BASELINE"
echo "models: $MODELS" >&2
scripts/sparkiqa datasets prepare --dataset agiqa3k --labels "$LABELS" --images "$IMAGE_ROOT" --out "$OUT/prepared" \
  --overwrite "${MASTER[@]}"
scripts/sparkiqa run --manifest "$OUT/prepared/manifest" --models "$MODELS" --out "$OUT/run" --group-by generator \
  --bootstrap "$BOOTSTRAP" "$RUN_MODE" "${MASTER[@]}"
JAR="$(ls jobs/target/jobs-*-SNAPSHOT.jar | grep -v shaded | head -1)"
{
  echo "AGIQA-3K test split (split by prompt, seed 0), $BOOTSTRAP bootstrap replicates; models: $MODELS"
  echo
  SPARK_LOCAL_IP=127.0.0.1 java -Xmx2g -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" \
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
    --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
    -cp "$JAR:jobs/target/lib/*:jobs/target/spark-lib/*" io.sparkiqa.jobs.report.AgreementTables \
    "$OUT/run" test "$BASELINE" generator 2>/dev/null
} | tee "$OUT/tables.md"
echo "wall time: $((SECONDS - START)) s (prepare, score, evaluate, tables)" | tee -a "$OUT/tables.md"
