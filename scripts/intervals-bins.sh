#!/usr/bin/env bash
# The band head's 90% intervals with the predicted-barrier bins at the thresholds (< 0.65, 0.65-1.5, >= 1.5 eV) and
# at quintiles of the calibration predictions, fitted by `barriernet calibrate --oof` on the grouped and random-fold
# out-of-fold predictions into scratch copies of the model (the shipped model is only read), then one table per split
# of the cross-fitted coverage and width per group (pooled over 20 dealings), with the CPU time of each fit.
# Usage: scripts/intervals-bins.sh [OUT]   (default: a new temporary directory; prints the tables)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${BARRIERNET_DATA:-../shared/datasets}/em/em-band-train.json"
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
dotnet build src/BarrierNet.Cli -c Release -v q -nologo >/dev/null
dll=$(ls src/BarrierNet.Cli/bin/Release/net*/barriernet.dll | head -1)
oof=(--oof models/heads/band/oof-predictions.csv --oof reports/blockage-heads/cand-random-42/oof-predictions.csv --oof-grouping system+family random)
for bins in thresholds quintiles; do
  rm -rf "$out/$bins"
  /usr/bin/time -f "$bins: %U s user + %S s sys CPU, %e s wall" \
    dotnet "$dll" calibrate --model models/heads/band --data "$data" "${oof[@]}" --bins "$bins" --out "$out/$bins" > "$out/$bins.txt"
done
python3 reports/intervals/familiarity/compare.py "$out/thresholds/conditional-calibration-report.json" "$out/quintiles/conditional-calibration-report.json"
