#!/usr/bin/env bash
# The band head's shipped recipe with and without the blockage descriptors in its descriptor models
# (docs/experiments/tail.md, "Blockage descriptors in the band head"). Arms run one after another, baseline and
# candidate interleaved, each with --jobs 2; every arm writes its model directory and log under OUTDIR, then one
# table of pooled out-of-fold metrics (scripts/band-oof-summary.py).
#   base = the shipped recipe; weighted = + --tree-weight-power 0.5; cand = + --tree-weight-power 0.5 --tree-blockage
# Usage: scripts/blockage-heads.sh OUTDIR [ARM ...]   ARM = name:grouping:seed[:from], e.g. cand:system+family:42
#   (default: base:system:42 cand:system:42 base:system+family:1 cand:system+family:1 cand:system+family:42:models/heads/band)
#   from: a head trained with the same recipe, grouping and seed whose GNN members are copied in first, so that only
#   the descriptor models, the blend and the calibration are fitted (the arms differ in the descriptor models alone;
#   the members of a given grouping and seed come out the same in every run). Without it, an arm takes the members of
#   an earlier arm of the same grouping and seed in OUTDIR when there is one.
#   data: $BARRIERNET_DATA or ../shared/datasets; BIN: a built barriernet (default: this checkout's Release build,
#   copied to OUTDIR/bin so that a rebuild during the runs does not touch them)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: scripts/blockage-heads.sh OUTDIR [ARM ...]}"; shift
arms=("$@")
[ ${#arms[@]} -gt 0 ] || arms=(base:system:42 cand:system:42 base:system+family:1 cand:system+family:1 cand:system+family:42:models/heads/band)
data="${BARRIERNET_DATA:-../shared/datasets}/em/em-band-train.json"
mkdir -p "$out"
if [ -z "${BIN:-}" ]; then
  dotnet build -c Release -nologo -v q >/dev/null
  rm -rf "$out/bin"; cp -r src/BarrierNet.Cli/bin/Release/net10.0 "$out/bin"
  BIN="$out/bin/barriernet"
fi
recipe="--head band --from models/pretrained --ensemble 5 --folds 5 --epochs 15 --batch-size 16 --lr 0.002 --combine sub
  --descriptors on --target ev --crop 6.5 --trees 100 --tree-target sqrt --tree-vote median --kernel-alpha 0.003
  --kernel-gamma 0.25 --tree-partitions 3 --jobs 2"
for arm in "${arms[@]}"; do
  IFS=: read -r name grouping seed from <<< "$arm"
  case "$name" in
    base) extra="" ;;
    weighted) extra="--tree-weight-power 0.5" ;;
    cand) extra="--tree-weight-power 0.5 --tree-blockage" ;;
    *) echo "unknown arm '$name' (base, weighted or cand)" >&2; exit 2 ;;
  esac
  dir="$out/$name-${grouping/+/-}-$seed"
  [ -f "$dir/cv-metrics.json" ] && { echo "$dir: done already"; continue; }
  if [ -z "$from" ]; then
    for other in "$out"/*-"${grouping/+/-}-$seed"; do [ -f "$other/cv-metrics.json" ] && { from="$other"; break; }; done
  fi
  if [ -n "$from" ] && [ ! -d "$dir/members" ]; then
    mkdir -p "$dir/members"
    for m in "$from"/members/*/; do mkdir -p "$dir/members/$(basename "$m")"; cp "$m"member.json "$m"weights.bin "$dir/members/$(basename "$m")/"; done
    echo "GNN members copied from $from" > "$dir.members-from"
  fi
  echo "[$(date -u +%H:%M:%S)] $arm → $dir"
  start=$(date +%s)
  # shellcheck disable=SC2086
  "$BIN" finetune --data "$data" --out "$dir" $recipe --grouping "$grouping" --seed "$seed" $extra > "$dir.log" 2>&1
  echo "[$(date -u +%H:%M:%S)] $arm: $(( $(date +%s) - start )) s"
done
python3 scripts/band-oof-summary.py "$out"/*/
