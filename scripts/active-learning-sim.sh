#!/usr/bin/env bash
# Replays `barriernet suggest` strategies vs random picking on the training barriers; writes
# reports/active-learning/active-learning.{csv,png}. Usage: scripts/active-learning-sim.sh [K] [ROUNDS] [SEEDS]
set -euo pipefail
cd "$(dirname "$0")/.."
data="${BARRIERNET_DATA:-../shared/datasets}"
dotnet run -c Release --project scripts/bench/ActiveLearningSim -- "$data/em/em-band-train.json" reports/active-learning "${1:-25}" "${2:-8}" "${3:-3}"
