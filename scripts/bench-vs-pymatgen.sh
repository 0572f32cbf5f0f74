#!/usr/bin/env bash
# BarrierNet against pymatgen on the same 200 Li-containing Materials Project structures (CIFs written once), each
# tool as a user calls it, in one run, ROUNDS rounds (default 3), medians of wall and CPU (user + sys) time reported
# with the load average at the start of each run (the machine may be shared):
#   parsing + all neighbours within 8 Å: `barriernet info --neighbors 8` once over all files vs one Python process
#   symmetry-distinct Li hops (≤ 5 Å): `barriernet hops` once per file from a shell loop vs pymatgen-analysis-diffusion's
#   MigrationGraph.with_distance in one Python process.
# Needs Debian's python3-pymatgen and pymatgen-analysis-diffusion on PYTHONPATH (e.g. a checkout of
# materialsvirtuallab/pymatgen-analysis-diffusion v2022.7.21, the release matching Debian 12's pymatgen 2022.11).
# Usage: scripts/bench-vs-pymatgen.sh [ROUNDS]   (BARRIERNET: the published executable; data: $BARRIERNET_DATA or ../shared/datasets)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
data="${BARRIERNET_DATA:-../shared/datasets}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ -z ${BARRIERNET:-} ]]; then
    # As docs/cluster.md publishes it: ReadyToRun (precompiled) halves the start-up of a per-file call.
    dotnet publish src/BarrierNet.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/bin" -v quiet -nologo >/dev/null
    BARRIERNET="$work/bin/barriernet"
fi
/usr/bin/python3 scripts/bench/vs_pymatgen.py write "$data/pretrain/fe.json" "$work/cifs" 200
median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
# One timed run: appends "wall cpu load" (s, s, 1-minute load average at the start) to the file named first.
timed() {
    local out=$1; shift
    local load; load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" > /dev/null 2>&1
    read -r w u s < "$work/time"
    echo "$w $(echo "$u + $s" | bc) $load" >> "$out"
}
bn_hops() { for f in "$work"/cifs/*.cif; do "$BARRIERNET" hops "$f" --format json; done; }
export -f bn_hops; export BARRIERNET work

# Rounds interleave the four runs, so that load from other work on the machine hits both tools alike.
for ((r = 0; r < rounds; r++)); do
    timed "$work/bn_nb" "$BARRIERNET" info --neighbors 8 --format json "$work"/cifs/*.cif
    timed "$work/py_nb" /usr/bin/python3 scripts/bench/vs_pymatgen.py neighbors "$work/cifs"
    timed "$work/bn_hp" bash -c bn_hops
    timed "$work/py_hp" /usr/bin/python3 scripts/bench/vs_pymatgen.py hops "$work/cifs"
    echo "round $((r + 1)) (wall s, CPU s, load average): neighbours barriernet $(tail -1 "$work/bn_nb"), pymatgen $(tail -1 "$work/py_nb");" \
         "hops barriernet $(tail -1 "$work/bn_hp"), pymatgen-analysis-diffusion $(tail -1 "$work/py_hp")"
done
col() { awk -v c="$1" '{print $c}' "$2" | median; }
ratio() { echo "scale=1; $1 / $2" | bc; }
for task in nb hp; do
    name=$([[ $task == nb ]] && echo "parsing + neighbours ≤ 8 Å" || echo "distinct Li hops ≤ 5 Å")
    echo "$name, 200 files, medians of $rounds: barriernet $(col 1 "$work/bn_$task") s wall / $(col 2 "$work/bn_$task") s CPU," \
         "pymatgen $(col 1 "$work/py_$task") s wall / $(col 2 "$work/py_$task") s CPU;" \
         "speed-up $(ratio "$(col 1 "$work/py_$task")" "$(col 1 "$work/bn_$task")")× wall, $(ratio "$(col 2 "$work/py_$task")" "$(col 2 "$work/bn_$task")")× CPU"
done
# Same answers? Distinct-hop counts per file (pymatgen-hops.txt was written by the last round).
agree=0
while read -r name count; do
    ours=$("$BARRIERNET" hops "$work/cifs/$name" --format json 2>/dev/null | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)[0]["hops"]))' 2>/dev/null || echo x)
    [[ $ours == "$count" ]] && agree=$((agree + 1))
done < "$work/cifs/pymatgen-hops.txt"
echo "distinct-hop counts equal in $agree of 200 files"
