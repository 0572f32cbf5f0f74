#!/usr/bin/env bash
# BarrierNet against pymatgen on the same 200 Li-containing Materials Project structures (CIFs written once), each
# tool as a user calls it, in one run, ROUNDS rounds (default 3), medians reported:
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
    dotnet publish src/BarrierNet.Cli -c Release -o "$work/bin" -v quiet -nologo >/dev/null
    BARRIERNET="$work/bin/barriernet"
fi
py() { /usr/bin/python3 scripts/bench/vs_pymatgen.py "$@"; }
py write "$data/pretrain/fe.json" "$work/cifs" 200
median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
seconds() { local t0 t1; t0=$(date +%s.%N); "$@" > /dev/null 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
bn_hops() { for f in "$work"/cifs/*.cif; do "$BARRIERNET" hops "$f" --format json; done; }

declare -a bn_nb py_nb bn_hp py_hp
for ((r = 0; r < rounds; r++)); do
    bn_nb+=("$(seconds "$BARRIERNET" info --neighbors 8 --format json "$work"/cifs/*.cif)")
    py_nb+=("$(seconds py neighbors "$work/cifs")")
    bn_hp+=("$(seconds bn_hops)")
    py_hp+=("$(seconds py hops "$work/cifs")")
done
m() { printf '%s\n' "$@" | median; }
echo "parsing + neighbours ≤ 8 Å, 200 files: barriernet $(m "${bn_nb[@]}") s, pymatgen $(m "${py_nb[@]}") s (medians of $rounds; rounds: ${bn_nb[*]} / ${py_nb[*]})"
echo "distinct hops ≤ 5 Å, 200 files: barriernet $(m "${bn_hp[@]}") s, pymatgen-analysis-diffusion $(m "${py_hp[@]}") s (medians of $rounds; rounds: ${bn_hp[*]} / ${py_hp[*]})"
echo "speed-up: neighbours $(echo "scale=1; $(m "${py_nb[@]}") / $(m "${bn_nb[@]}")" | bc)×, hops $(echo "scale=1; $(m "${py_hp[@]}") / $(m "${bn_hp[@]}")" | bc)×"
# Same answers? Distinct-hop counts per file.
py hops "$work/cifs" > /dev/null
agree=0
while read -r name count; do
    ours=$("$BARRIERNET" hops "$work/cifs/$name" --format json 2>/dev/null | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)[0]["hops"]))' 2>/dev/null || echo x)
    [[ $ours == "$count" ]] && agree=$((agree + 1))
done < "$work/cifs/pymatgen-hops.txt"
echo "distinct-hop counts equal in $agree of 200 files"
