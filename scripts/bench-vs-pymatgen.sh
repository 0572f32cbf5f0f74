#!/usr/bin/env bash
# BarrierNet against pymatgen on the same 200 Li-containing Materials Project structures (CIFs written once), each
# tool as a user calls it, in one run, ROUNDS rounds (default 3), medians of wall and CPU (user + sys) time reported
# with the load average at the start of each run (the machine may be shared):
#   parsing + all neighbours within 8 Å: `barriernet info --neighbors 8` once over all files vs one Python process
#   symmetry-distinct Li hops (≤ 5 Å): `barriernet hops` once per file from a shell loop vs pymatgen-analysis-diffusion's
#   MigrationGraph.with_distance in one Python process (and, for scale, `barriernet hops` once over all files).
# MigrationGraph takes minutes on a few P1 cells with many Li (it compares every hop with every other through the
# space-group operations), so each file gets at most LIMIT seconds of CPU (default 60) on the Python side. Files that
# hit the limit are listed; the hop speed-up is given on the files both tools finished (per-file times of both sides),
# and as a lower bound on all 200 (a stopped file counted at the time it had used).
# Needs Debian's python3-pymatgen and pymatgen-analysis-diffusion on PYTHONPATH (e.g. a checkout of
# materialsvirtuallab/pymatgen-analysis-diffusion v2022.7.21, the release matching Debian 12's pymatgen 2022.11).
# Usage: scripts/bench-vs-pymatgen.sh [ROUNDS] [LIMIT] [FILES]   (FILES: the first FILES structures, default 200)
#   BARRIERNET: the executable to time (default: a ReadyToRun publish of this checkout, as docs/cluster.md publishes it)
#   BASELINE: a second barriernet (e.g. a native build of main) whose hop runs (per file and one call) are timed in
#     the same rounds, interleaved with BARRIERNET's; its `hops --format json` output must be byte-identical
#   PYMATGEN_ROUNDS: how many of the rounds also run the Python side (default: all). A pymatgen round takes minutes
#     on a loaded machine, so `PYMATGEN_ROUNDS=1` times it once while barriernet (and BASELINE) get every round;
#     speed-ups are then medians of barriernet's rounds against that one pymatgen round.
#   data: $BARRIERNET_DATA or ../shared/datasets
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
py_rounds=${PYMATGEN_ROUNDS:-$rounds}
limit=${2:-60}
nfiles=${3:-200}
data="${BARRIERNET_DATA:-../shared/datasets}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ -z ${BARRIERNET:-} ]]; then
    dotnet publish src/BarrierNet.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/bin" -v quiet -nologo >/dev/null
    BARRIERNET="$work/bin/barriernet"
fi
/usr/bin/python3 scripts/bench/vs_pymatgen.py write "$data/pretrain/fe.json" "$work/cifs" "$nfiles"
median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
# One timed run: appends "wall cpu load" (s, s, 1-minute load average at the start) to the file named first.
timed() {
    local out=$1; shift
    local load; load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" > /dev/null 2>&1
    read -r w u s < "$work/time"
    echo "$w $(echo "$u + $s" | bc) $load" >> "$out"
}
# An executable (default $BARRIERNET) once per file; each call's own time goes to $work/bn-files.txt, or the file
# named second ("name wall user sys").
bn_hops() {
    local exe=${1:-$BARRIERNET} out=${2:-$work/bn-files.txt}
    : > "$out"
    for f in "$work"/cifs/*.cif; do
        /usr/bin/time -a -o "$out" -f "$(basename "$f") %e %U %S" "$exe" hops "$f" --format json > /dev/null 2>&1 || true
    done
}
export -f bn_hops; export BARRIERNET work
if [[ -n ${BASELINE:-} ]]; then
    "$BARRIERNET" hops --format json "$work"/cifs/*.cif > "$work/hops-candidate.json" 2> /dev/null || true
    "$BASELINE" hops --format json "$work"/cifs/*.cif > "$work/hops-baseline.json" 2> /dev/null || true
    cmp -s "$work/hops-candidate.json" "$work/hops-baseline.json" && echo "hops --format json over $nfiles files: byte-identical to BASELINE" \
        || echo "hops --format json over $nfiles files: DIFFERS from BASELINE"
fi

# Per-file hop times of one round: "wall cpu" of barriernet and of pymatgen, summed over the files pymatgen finished,
# and pymatgen's CPU over all files with stopped ones at the time they had used.
hop_sums() {
    join <(grep "\.cif " "$work/bn-files.txt" | sort) <(sort "$work/cifs/pymatgen-hops.txt") |
        awk '$5 != "timeout" {bw += $2; bc += $3 + $4; pw += $7; pc += $6; n++} {pall += $6}
             END {printf "%d %.2f %.2f %.2f %.2f %.2f\n", n, bw, bc, pw, pc, pall}'
}

# Rounds interleave the four runs, so that load from other work on the machine hits both tools alike.
for ((r = 0; r < rounds; r++)); do
    timed "$work/bn_nb" "$BARRIERNET" info --neighbors 8 --format json "$work"/cifs/*.cif
    ((r < py_rounds)) && timed "$work/py_nb" /usr/bin/python3 scripts/bench/vs_pymatgen.py neighbors "$work/cifs"
    timed "$work/bn_hp" bash -c bn_hops
    [[ -n ${BASELINE:-} ]] && timed "$work/base_hp" bash -c "bn_hops '$BASELINE' '$work/base-files.txt'"
    ((r < py_rounds)) && timed "$work/py_hp" /usr/bin/python3 scripts/bench/vs_pymatgen.py hops "$work/cifs" "$limit"
    timed "$work/bn_hp1" "$BARRIERNET" hops --format json "$work"/cifs/*.cif
    [[ -n ${BASELINE:-} ]] && timed "$work/base_hp1" "$BASELINE" hops --format json "$work"/cifs/*.cif
    hop_sums >> "$work/hop_sums"
    echo "round $((r + 1)) (wall s, CPU s, load average): neighbours barriernet $(tail -1 "$work/bn_nb"), pymatgen $(tail -1 "$work/py_nb");" \
         "hops barriernet $(tail -1 "$work/bn_hp"), pymatgen-analysis-diffusion $(tail -1 "$work/py_hp");" \
         "on the files both finished (n, barriernet wall CPU, pymatgen wall CPU): $(tail -1 "$work/hop_sums")" \
         "${BASELINE:+; baseline hops per file $(tail -1 "$work/base_hp"), one call $(tail -1 "$work/base_hp1"), barriernet one call $(tail -1 "$work/bn_hp1")}"
done
col() { awk -v c="$1" '{print $c}' "$2" | median; }
ratio() { echo "scale=1; $1 / $2" | bc; }
for task in nb hp; do
    name=$([[ $task == nb ]] && echo "parsing + neighbours ≤ 8 Å" || echo "distinct Li hops ≤ 5 Å")
    echo "$name, $nfiles files, medians of $rounds: barriernet $(col 1 "$work/bn_$task") s wall / $(col 2 "$work/bn_$task") s CPU," \
         "pymatgen $(col 1 "$work/py_$task") s wall / $(col 2 "$work/py_$task") s CPU;" \
         "speed-up $(ratio "$(col 1 "$work/py_$task")" "$(col 1 "$work/bn_$task")")× wall, $(ratio "$(col 2 "$work/py_$task")" "$(col 2 "$work/bn_$task")")× CPU"
done
echo "distinct Li hops, barriernet in one call over all $nfiles files: $(col 1 "$work/bn_hp1") s wall / $(col 2 "$work/bn_hp1") s CPU (median of $rounds)"
if [[ -n ${BASELINE:-} ]]; then
    echo "BASELINE, medians of $rounds: per-file loop $(col 1 "$work/base_hp") s wall / $(col 2 "$work/base_hp") s CPU, one call $(col 1 "$work/base_hp1") s wall / $(col 2 "$work/base_hp1") s CPU;" \
         "barriernet per-file loop $(ratio "$(col 1 "$work/base_hp")" "$(col 1 "$work/bn_hp")")× faster wall, $(ratio "$(col 2 "$work/base_hp")" "$(col 2 "$work/bn_hp")")× CPU;" \
         "one call $(ratio "$(col 1 "$work/base_hp1")" "$(col 1 "$work/bn_hp1")")× wall, $(ratio "$(col 2 "$work/base_hp1")" "$(col 2 "$work/bn_hp1")")× CPU"
fi
stopped=$(awk '$2 == "timeout" {print $1}' "$work/cifs/pymatgen-hops.txt" | tr '\n' ' ')
both=$(col 1 "$work/hop_sums")
echo "distinct Li hops on the $both files pymatgen finished within $limit s CPU each, medians of $rounds:" \
     "barriernet $(col 2 "$work/hop_sums") s wall / $(col 3 "$work/hop_sums") s CPU, pymatgen $(col 4 "$work/hop_sums") s wall / $(col 5 "$work/hop_sums") s CPU;" \
     "speed-up $(ratio "$(col 4 "$work/hop_sums")" "$(col 2 "$work/hop_sums")")× wall, $(ratio "$(col 5 "$work/hop_sums")" "$(col 3 "$work/hop_sums")")× CPU"
echo "stopped at $limit s CPU (last round): ${stopped:-none}; on all $nfiles, pymatgen's CPU with those counted at the limit:" \
     "$(col 6 "$work/hop_sums") s, at least $(ratio "$(col 6 "$work/hop_sums")" "$(col 2 "$work/bn_hp")")× barriernet's CPU"
# Same answers? Distinct-hop counts per file, on the files pymatgen finished (pymatgen-hops.txt of the last round).
agree=0
while read -r name count _; do
    [[ $count == timeout ]] && continue
    ours=$("$BARRIERNET" hops "$work/cifs/$name" --format json 2>/dev/null | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)[0]["hops"]))' 2>/dev/null || echo x)
    [[ $ours == "$count" ]] && agree=$((agree + 1))
done < "$work/cifs/pymatgen-hops.txt"
echo "distinct-hop counts equal in $agree of the $both files both finished"
