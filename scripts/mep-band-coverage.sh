#!/usr/bin/env bash
# Path bands (finetune --band-images path) on the 559 training hops: how many keep the straight line (no landscape or
# no path), and the CPU time (user + sys) of building the band graphs with straight and with path images, the two
# interleaved over ROUNDS rounds (median reported). Each run builds the graphs and trains one epoch of one member
# (--stop-after 1), single-threaded, into a scratch directory.
# Usage: scripts/mep-band-coverage.sh [rounds]   (data: $BARRIERNET_DATA or ../shared/datasets)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${BARRIERNET_DATA:-../shared/datasets}/em/em-band-train.json"
rounds="${1:-1}"
dotnet build -c Release -nologo -v q src/BarrierNet.Cli >/dev/null
bin=src/BarrierNet.Cli/bin/Release/net10.0/barriernet.dll
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for r in $(seq "$rounds"); do
  for images in straight path; do
    out="$scratch/$images-$r"
    /usr/bin/time -f "%U %S" -o "$out.time" env OMP_NUM_THREADS=1 dotnet "$bin" finetune --data "$data" --head band \
      --from models/pretrained --band-images "$images" --out "$out" --ensemble 1 --folds 2 --epochs 1 --trees 0 \
      --stop-after 1 --threads 1 > "$out.log" 2>&1
    # Graph building: from the "building graphs" line to the "graphs:" line of the log (wall, HH:MM:SS stamps).
    start=$(grep -m1 "building graphs" "$out.log" | cut -c2-9); end=$(grep -m1 "\] graphs:" "$out.log" | cut -c2-9)
    echo "$images round $r: cpu $(awk '{printf "%.1f", $1 + $2}' "$out.time") s (whole run), graphs ${start}-${end} wall"
    grep "minimum-energy path bands" "$out.log" || true
  done
done | tee "$scratch/summary.txt"
for images in straight path; do
  grep "^$images round" "$scratch/summary.txt" | awk -v s="$images" '{print $5}' | sort -n |
    awk -v s="$images" '{v[NR]=$1} END {m = NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2; printf "%s: median cpu %.1f s over %d runs\n", s, m, NR}'
done
