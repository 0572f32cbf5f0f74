#!/usr/bin/env bash
# The high-barrier tail experiments (docs/experiments/tail.md): the heads' descriptor model and its variants, 5 folds x
# 3 seeds, under system-grouped and random folds, then one table of both. Rows of one report share folds and seeds.
# With BLEND=1, instead: the band head blended with its descriptor model, unweighted and weighted (--tree-weight-power
# 0.5), one member per fold fine-tuned from models/pretrained for GNN_EPOCHS (default 3) epochs, system grouping, seed 0:
# the reduced-size check of the blend (the shipped recipe trains 5 members x 15 epochs on three partitions).
# Usage: [BLEND=1] scripts/tail-experiments.sh [OUTDIR] [ROWS]   (data: $BARRIERNET_DATA or ../shared/datasets)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-reports/tail}"
rows="${2:-baseline-descriptor-model,baseline-descriptor-model-weighted,baseline-descriptor-model-weighted1,baseline-descriptor-model-weighted0.25,baseline-descriptor-model-weighted0.75,baseline-descriptor-model-weighted-blockage,baseline-descriptor-model-ev,baseline-descriptor-model-log1p,baseline-descriptor-model-blockage,baseline-descriptor-model-two-stage,baseline-descriptor-model-ion-offset,baseline-descriptor-model-residual}"
data="${BARRIERNET_DATA:-../shared/datasets}/em/em-band-train.json"
dotnet build -c Release -nologo -v q >/dev/null
bin=src/BarrierNet.Cli/bin/Release/net10.0/barriernet
mkdir -p "$out"
if [ "${BLEND:-0}" = 1 ]; then
  for row in band-trees@shipped band-trees-weighted@shipped; do
    "$bin" experiment --data "$data" --backbone shipped=models/pretrained --gnn-epochs "${GNN_EPOCHS:-3}" --heads "$row" \
      --folds 5 --seeds 1 --grouping system --out "$out/blend-$row" > "$out/blend-$row.log" 2>&1 &
  done
  wait
  python3 scripts/tail-summary.py "$out"/blend-*
  exit 0
fi
for grouping in system random; do
  "$bin" experiment --data "$data" --heads "$rows" --folds 5 --seeds 3 --grouping "$grouping" --out "$out/$grouping" > "$out/$grouping.log" 2>&1 &
done
wait
python3 scripts/tail-summary.py "$out/system" "$out/random"
