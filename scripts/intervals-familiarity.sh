#!/usr/bin/env bash
# The band head's 90% intervals with and without the familiarity factor, fitted by `barriernet calibrate --oof` on
# the grouped and the random-fold out-of-fold predictions into scratch copies of the model (the shipped model is only
# read), then one table per split of the cross-fitted coverage and width per group (pooled over 5 dealings).
# Usage: scripts/intervals-familiarity.sh [OUT]   (default: a new temporary directory; prints the tables)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${BARRIERNET_DATA:-../shared/datasets}/em/em-band-train.json"
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
dotnet build src/BarrierNet.Cli -c Release -v q -nologo >/dev/null
dll=$(ls src/BarrierNet.Cli/bin/Release/net*/barriernet.dll | head -1)
oof=(--oof models/heads/band/oof-predictions.csv --oof reports/intervals/band-random5/oof-predictions.csv --oof-grouping system+family random)
for variant in same-factors familiarity; do
  extra=(); [ "$variant" = same-factors ] && extra=(--ignore-familiarity)
  rm -rf "$out/$variant"
  start=$(date +%s)
  dotnet "$dll" calibrate --model models/heads/band --data "$data" "${oof[@]}" "${extra[@]}" --out "$out/$variant" > "$out/$variant.txt"
  echo "$variant: $(( $(date +%s) - start )) s wall" >&2
done
python3 reports/intervals/familiarity/compare.py "$out/same-factors/conditional-calibration-report.json" "$out/familiarity/conditional-calibration-report.json"
