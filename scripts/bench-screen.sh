#!/usr/bin/env bash
# Screening throughput of the `barriernet screen` command itself (wall time from start to exit, model loading
# included; default settings: 2 jobs on a two-core machine, band model), with the bond-valence landscape off (0) and
# at its default 0.2 Å, on two dumps written by scripts/bench/ScreenBench:
#   mp:    the first N Li-containing Materials Project structures of pretrain/fe.json (the realistic case)
#   bands: N training cells (~100 atoms) with the ion restored on both ends of its hop (the heavy case)
# ROUNDS rounds (default 3), the four runs of a round one after another so machine load hits them alike; medians of
# wall time, CPU time (user + sys) and peak resident memory, with the load average at each start.
# Usage: scripts/bench-screen.sh [N_MATERIALS] [ROUNDS]
#   (BARRIERNET: the published executable, else published here; MODEL: default the shipped band model;
#    data: $BARRIERNET_DATA or ../shared/datasets)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}
rounds=${2:-3}
data="${BARRIERNET_DATA:-../shared/datasets}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ -z ${BARRIERNET:-} ]]; then
    # As docs/cluster.md publishes it: ReadyToRun (precompiled) halves the start-up of a per-file call.
    dotnet publish src/BarrierNet.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/bin" -v quiet -nologo >/dev/null
    BARRIERNET="$work/bin/barriernet"
fi
model=(); [[ -n ${MODEL:-} ]] && model=(--model "$MODEL")
dotnet run -c Release --project scripts/bench/ScreenBench -- "$data/pretrain/fe.json" "$work/mp.jsonl" "$n"
dotnet run -c Release --project scripts/bench/ScreenBench -- "$data/em/em-band-train.json" "$work/bands.jsonl" "$n"

median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
declare -A wall cpu rss scored loads
for ((r = 0; r < rounds; r++)); do
    for dump in mp bands; do
        for landscape in 0 0.2; do
            key="$dump $landscape"
            load=$(cut -d' ' -f1 /proc/loadavg)
            /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$BARRIERNET" screen "$work/$dump.jsonl" --out "$work/out.csv" \
                --landscape-resolution "$landscape" "${model[@]}" 2>/dev/null
            read -r w u s m < "$work/time"
            wall[$key]+="$w "; cpu[$key]+="$(echo "$u + $s" | bc) "; rss[$key]+="$m "; loads[$key]+="$load "
            scored[$key]=$(($(wc -l < "$work/out.csv") - 1))
            echo "round $((r + 1)) $dump landscape $landscape: ${scored[$key]} scored, $w s wall, $(echo "$u + $s" | bc) s CPU, $((m / 1024)) MB peak, load average $load"
        done
    done
done
printf '\n%-6s %-9s %6s %9s %11s %8s %13s  %s\n' dump landscape scored "wall (s)" materials/min "CPU (s)" "peak RSS (MB)" "load averages"
for dump in mp bands; do
    for landscape in 0 0.2; do
        key="$dump $landscape"
        w=$(printf '%s\n' ${wall[$key]} | median); c=$(printf '%s\n' ${cpu[$key]} | median); m=$(printf '%s\n' ${rss[$key]} | median)
        printf '%-6s %-9s %6s %9s %11.0f %8s %13d  %s\n' "$dump" "$landscape" "${scored[$key]}" "$w" "$(echo "${scored[$key]} * 60 / $w" | bc -l)" "$c" $((m / 1024)) "${loads[$key]}"
    done
done
