#!/usr/bin/env bash
# Migration pretraining against bulk-property pretraining and scratch, at full scale (docs/experiments/pretraining.md).
# Each stage is resumable: labels are cached (a second run skips the labelled structures), pretraining resumes after
# its last completed epoch, and each experiment rewrites its report after every finished row.
#   labels   : BVSE barriers of the hops of every pretraining structure with a mobile ion (about 20 min, one thread)
#   pretrain : two backbones, 10 epochs each, one thread each, side by side: from random weights ("migration") and
#              from models/pretrained ("both in sequence")
#   compare  : the band head's GNN alone (band@NAME) and the shipped blend (band-shipped@NAME) on four backbones —
#              bulk (models/pretrained), migration, both, scratch — 5 folds x seeds 0-2, the same folds in every row,
#              under GROUPING (default system), two processes side by side
# Usage: scripts/migration-pretraining.sh labels|pretrain|compare [OUTDIR]   (data: $BARRIERNET_DATA or ../shared/datasets)
set -euo pipefail
cd "$(dirname "$0")/.."
stage="${1:?labels, pretrain or compare}"
out="${2:-reports/migration-pretraining-full}"
data="${BARRIERNET_DATA:-../shared/datasets}"
bin="${BARRIERNET:-src/BarrierNet.Cli/bin/Release/net10.0/barriernet}"
[[ -n "${BARRIERNET:-}" ]] || dotnet build -c Release -nologo -v q >/dev/null
mkdir -p "$out"
labels="$out/labels"
case "$stage" in
  labels)
    "$bin" migration-labels --data "$data/pretrain" --out "$labels" --threads 1 > "$out/labels.log" 2>&1
    ;;
  pretrain)
    for arm in migration both; do
      init=(); [[ $arm == both ]] && init=(--init models/pretrained)
      resume=(); [[ -d "$out/pretrain-$arm/checkpoint" ]] && resume=(--resume)
      "$bin" pretrain --task migration --labels "$labels" "${init[@]}" --out "$out/pretrain-$arm" --epochs 10 --batch-size 16 \
        --lr 0.001 --seed 42 --threads 1 "${resume[@]}" >> "$out/pretrain-$arm.log" 2>&1 &
    done
    wait
    ;;
  compare)
    grouping="${GROUPING:-system}"
    backbones=(--backbone bulk=models/pretrained --backbone "migration=$out/pretrain-migration" --backbone "both=$out/pretrain-both" --backbone scratch=scratch)
    for row in band band-shipped; do
      "$bin" experiment --data "$data/em/em-band-train.json" "${backbones[@]}" \
        --heads "$row@bulk,$row@migration,$row@both,$row@scratch" --folds 5 --seeds 3 --grouping "$grouping" \
        --out "$out/$row-$grouping" > "$out/$row-$grouping.log" 2>&1 &
    done
    wait
    ;;
  *) echo "unknown stage '$stage' (labels, pretrain or compare)" >&2; exit 2 ;;
esac
