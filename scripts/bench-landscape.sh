#!/usr/bin/env bash
# Bond-valence site-energy landscape timing (grid at 0.2 Å, one core) on datasets/examples/*.cif and ~200-atom cells.
# Usage: scripts/bench-landscape.sh [repeats]   (data for the screening share: $BARRIERNET_DATA or ../shared/datasets)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${BARRIERNET_DATA:-../shared/datasets}"
DOTNET_gcServer=0 DOTNET_PROCESSOR_COUNT=1 dotnet run -c Release --project scripts/bench/LandscapeBench -- datasets/examples "${1:-5}" "$data/pretrain/fe.json"
