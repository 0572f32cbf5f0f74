#!/usr/bin/env bash
# GNN throughput on this machine: graph building, training step and inference, in graphs/s and atoms/s, on
# pretraining structures and on barrier bands. Extra arguments go to `barriernet bench-gnn`
# (e.g. --structures 200 --width 64 --alignn-layers 0 --gcn-layers 4 --threads 1).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release src/BarrierNet.Cli -v quiet -nologo >/dev/null
dotnet src/BarrierNet.Cli/bin/Release/net10.0/barriernet.dll bench-gnn "$@"
