#!/usr/bin/env bash
# Few-shot adaptation on realistic data: a structural family is held out of the training barriers as a lab's "own
# data"; a band ensemble is trained on the rest with the shipped band settings, then `finetune --from` adapts it to
# each held-out family and reports cross-validated MAE before/after (fewshot-report.json), and `evaluate` scores
# the base model on the families it never saw; `calibrate` refits the base model's interval on one unseen family
# and `evaluate` checks its coverage on the other. Writes reports/few-shot/; scratch models go to $WORK.
# Usage: scripts/few-shot-sim.sh [BARRIERNET]   (BARRIERNET: how to run the CLI, default `dotnet run` of src/BarrierNet.Cli)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${BARRIERNET_DATA:-../shared/datasets}/em/em-band-train.json"
work="${WORK:-${TMPDIR:-/tmp}/barriernet-fewshot}"
out=reports/few-shot
bn=${1:-"dotnet run -c Release --project src/BarrierNet.Cli --"}
families=("NASICON" "SPINEL CHALCOGENIDES")
mkdir -p "$work" "$out"
joined=$(IFS=,; echo "${families[*]}")
$bn subset --data "$data" --class "$joined" --invert --out "$work/base-train.json"
[ -f "$work/base/model.json" ] || $bn finetune --data "$work/base-train.json" --head band --from models/pretrained \
  --out "$work/base" --ensemble 5 --epochs 15 --batch-size 16 --lr 0.002 --threads 1
cp "$work/base/cv-metrics.json" "$out/base-cv-metrics.json"
for fam in "${families[@]}"; do
  slug=$(echo "$fam" | tr 'A-Z ' 'a-z-')
  $bn subset --data "$data" --class "$fam" --out "$work/$slug.json"
  $bn evaluate --data "$work/$slug.json" --model "$work/base" --format json > "$out/$slug-base-evaluate.json"
  [ -f "$work/adapted-$slug/fewshot-report.json" ] || { rm -rf "$work/adapted-$slug";
    $bn finetune --data "$work/$slug.json" --head band --from "$work/base" --out "$work/adapted-$slug" --threads 1; }
  cp "$work/adapted-$slug/fewshot-report.json" "$out/$slug-fewshot-report.json"
done
# Recalibration transferred across families: fit the interval on one unseen family, measure coverage on the other.
slugs=($(for fam in "${families[@]}"; do echo "$fam" | tr 'A-Z ' 'a-z-'; done))
for i in 0 1; do
  fit=${slugs[$i]}; check=${slugs[$((1 - i))]}
  rm -rf "$work/recal-$fit"
  $bn calibrate --model "$work/base" --data "$work/$fit.json" --out "$work/recal-$fit" > "$out/recalibrate-on-$fit.txt"
  cp "$work/recal-$fit/calibration-report.json" "$out/recalibrate-on-$fit.json"
  $bn evaluate --data "$work/$check.json" --model "$work/recal-$fit" --format json > "$out/$check-recalibrated-on-$fit-evaluate.json"
done
