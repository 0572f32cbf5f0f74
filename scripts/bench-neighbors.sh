#!/usr/bin/env bash
# Neighbour-search timing for datasets/examples/*.cif and the 559 training bands (8 Å radius and KNearest(12)).
# Usage: scripts/bench-neighbors.sh [DATA_ROOT]   (default: $BARRIERNET_DATA or ../shared/datasets)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-${BARRIERNET_DATA:-../shared/datasets}}"
dotnet run -c Release --project scripts/bench/NeighborBench -- datasets/examples "$data/em/em-band-train.json" 3
