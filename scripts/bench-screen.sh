#!/usr/bin/env bash
# Screening throughput on a synthetic dump built from the training structures (see scripts/bench/ScreenBench).
# Usage: scripts/bench-screen.sh [N_MATERIALS] [MODEL_DIR]   (data: $BARRIERNET_DATA or ../shared/datasets)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${BARRIERNET_DATA:-../shared/datasets}"
# Realistic dump: Li-containing Materials Project structures of the formation-energy set; then the ~100-atom
# training cells (ion restored on both ends of its hop) as a heavy case.
# Each is run with the bond-valence landscape off (0) and at its default 0.2 Å spacing.
for landscape in 0 0.2; do
  dotnet run -c Release --project scripts/bench/ScreenBench -- "$data/pretrain/fe.json" "${2:-models/heads/band}" "${1:-200}" "$(nproc)" "$landscape"
  dotnet run -c Release --project scripts/bench/ScreenBench -- "$data/em/em-band-train.json" "${2:-models/heads/band}" "${1:-200}" "$(nproc)" "$landscape"
done
