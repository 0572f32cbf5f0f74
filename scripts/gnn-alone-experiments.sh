#!/usr/bin/env bash
# The band head's GNN alone and the good/bad decision (docs/experiments/gnn-alone.md). Every row of one stage shares
# folds and seeds; each stage writes experiment reports and logs under OUTDIR and prints its tables.
#   screen  : the GNN alone (one member per fold, shipped recipe from models/pretrained) and one-change variants,
#             5 system-grouped folds x seed 0, in JOBS processes (default 2)
#   confirm : the rows in ROWS (default: band@shipped and the variants named in CONFIRM) at 5 folds x 3 seeds, under
#             system and random grouping
#   class   : the descriptor model's class decided apart from its barrier, 5 folds x 3 seeds, system and random
# Usage: scripts/gnn-alone-experiments.sh screen|confirm|class [OUTDIR]   (data: $BARRIERNET_DATA or ../shared/datasets)
set -euo pipefail
cd "$(dirname "$0")/.."
stage="${1:?screen, confirm or class}"
out="${2:-reports/gnn-alone}"
data="${BARRIERNET_DATA:-../shared/datasets}/em/em-band-train.json"
dotnet build -c Release -nologo -v q >/dev/null
bin=src/BarrierNet.Cli/bin/Release/net10.0/barriernet
mkdir -p "$out"
gnn() { "$bin" experiment --data "$data" --backbone shipped=models/pretrained --heads "$1" --folds 5 --seeds "$2" --grouping "$3" --out "$4" > "$4.log" 2>&1; }
case "$stage" in
  screen)
    variants="sqrt-weighted sqrt weighted huber log1p desc-dropout0.2 desc-branch32 epochs25 lr1e-3 wd0.1 dropout0.3 ens3"
    rows=("band@shipped"); for v in $variants; do rows+=("band-$v@shipped"); done
    jobs="${JOBS:-2}"
    for ((j = 0; j < jobs; j++)); do
      (for ((i = j; i < ${#rows[@]}; i += jobs)); do gnn "${rows[$i]}" 1 system "$out/screen-${rows[$i]%@shipped}"; done) &
    done
    wait
    python3 scripts/gnn-alone-summary.py "$out"/screen-*
    ;;
  confirm)
    rows="${ROWS:-band@shipped,band-${CONFIRM:-sqrt-weighted}@shipped}"
    for grouping in system random; do gnn "$rows" 3 "$grouping" "$out/confirm-$grouping" & done
    wait
    python3 scripts/gnn-alone-summary.py "$out/confirm-system" "$out/confirm-random"
    ;;
  class)
    rows="baseline-descriptor-model-weighted-blockage-classifier,baseline-descriptor-model-classifier,baseline-descriptor-model-weighted-blockage-calibrated-threshold,baseline-descriptor-model-calibrated-threshold"
    for grouping in system random; do
      "$bin" experiment --data "$data" --heads "$rows" --folds 5 --seeds 3 --grouping "$grouping" --out "$out/class-$grouping" > "$out/class-$grouping.log" 2>&1 &
    done
    wait
    python3 scripts/gnn-alone-summary.py "$out/class-system" "$out/class-random"
    ;;
  *) echo "unknown stage '$stage' (screen, confirm or class)" >&2; exit 2 ;;
esac
