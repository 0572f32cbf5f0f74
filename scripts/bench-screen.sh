#!/usr/bin/env bash
# Screening throughput of the `barriernet screen` command itself (wall time from start to exit, model loading
# included; default settings: 2 jobs on a two-core machine, band model), with the bond-valence landscape off (0) and
# at its default 0.2 Å, on two dumps written by scripts/bench/ScreenBench:
#   mp:    the first N Li-containing Materials Project structures of pretrain/fe.json (the realistic case)
#   bands: N training cells (~100 atoms) with the ion restored on both ends of its hop (the heavy case)
# ROUNDS rounds (default 3), the runs of a round one after another so machine load hits them alike; medians of
# wall time, CPU time (user + sys) and peak resident memory, with the load average at each start; each run's
# per-stage times (`screen --timings`) are printed after it.
# Usage: scripts/bench-screen.sh [N_MATERIALS] [ROUNDS]
#   (BARRIERNET: the published executable, else published here; BASELINE: a second executable (e.g. an earlier
#    version, published the same way) run beside it in every round, for a before/after comparison under the same load;
#    DUMPS: which dumps, default "mp bands"; MODEL: default the shipped band model;
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
dumps=(${DUMPS:-mp bands})
declare -A source=([mp]="$data/pretrain/fe.json" [bands]="$data/em/em-band-train.json")
for dump in "${dumps[@]}"; do
    dotnet run -c Release --project scripts/bench/ScreenBench -- "${source[$dump]}" "$work/$dump.jsonl" "$n"
done
declare -A exe=([now]="$BARRIERNET")
builds=(now)
if [[ -n ${BASELINE:-} ]]; then exe[before]="$BASELINE"; builds=(before now); fi

median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
declare -A wall cpu rss scored loads
for ((r = 0; r < rounds; r++)); do
    for dump in "${dumps[@]}"; do
        for landscape in 0 0.2; do
            for build in "${builds[@]}"; do
                key="$build $dump $landscape"
                load=$(cut -d' ' -f1 /proc/loadavg)
                /usr/bin/time -f '%e %U %S %M' -o "$work/time" "${exe[$build]}" screen "$work/$dump.jsonl" --out "$work/out-$build.csv" \
                    --landscape-resolution "$landscape" --timings "${model[@]}" > "$work/log" 2>&1
                read -r w u s m < "$work/time"
                wall[$key]+="$w "; cpu[$key]+="$(echo "$u + $s" | bc) "; rss[$key]+="$m "; loads[$key]+="$load "
                scored[$key]=$(($(wc -l < "$work/out-$build.csv") - 1))
                echo "round $((r + 1)) $build $dump landscape $landscape: ${scored[$key]} scored, $w s wall, $(echo "$u + $s" | bc) s CPU, $((m / 1024)) MB peak, load average $load"
                grep -h 'screen timings' "$work/log" | sed 's/^/    /' || true
            done
            if [[ ${#builds[@]} -gt 1 ]] && ! cmp -s "$work/out-before.csv" "$work/out-now.csv"; then echo "  results CSVs differ between the builds"; fi
        done
    done
done
printf '\n%-6s %-6s %-9s %6s %-24s %9s %11s %8s %13s  %s\n' build dump landscape scored "wall, every run (s)" "wall (s)" materials/min "CPU (s)" "peak RSS (MB)" "load averages"
for dump in "${dumps[@]}"; do
    for landscape in 0 0.2; do
        for build in "${builds[@]}"; do
            key="$build $dump $landscape"
            w=$(printf '%s\n' ${wall[$key]} | median); c=$(printf '%s\n' ${cpu[$key]} | median); m=$(printf '%s\n' ${rss[$key]} | median)
            printf '%-6s %-6s %-9s %6s %-24s %9s %11.0f %8s %13d  %s\n' "$build" "$dump" "$landscape" "${scored[$key]}" "${wall[$key]}" "$w" \
                "$(echo "${scored[$key]} * 60 / $w" | bc -l)" "$c" $((m / 1024)) "${loads[$key]}"
        done
    done
done
