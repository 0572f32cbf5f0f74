#!/usr/bin/env bash
# Per-call cost of `barriernet hops` as a shell loop pays it, before/after: two executables (e.g. native builds of an
# earlier commit and of this one) timed in the same rounds, alternating, on the 200 Materials Project CIFs that
# scripts/bench-vs-pymatgen.sh uses. Per round and executable, CPU time (user + sys, children included):
#   version   `barriernet --version` once per file (the start-up alone)
#   loop      `barriernet hops FILE --format json` once per file (what bench-vs-pymatgen.sh compares with MigrationGraph)
#   one call  `barriernet hops --format json` over all files (the analysis without the per-call cost)
# Medians of ROUNDS are printed with the load average at the start of each run. Both executables' `hops --format json`
# over all files must be byte-identical (checked first).
# Usage: BASELINE=<before>/barriernet BARRIERNET=<after>/barriernet scripts/bench-hops-startup.sh [ROUNDS] [FILES]
#   (native builds: dotnet publish src/BarrierNet.Cli -c Release -r linux-x64 -p:PublishAot=true -o DIR;
#    data: $BARRIERNET_DATA or ../shared/datasets)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
nfiles=${2:-200}
: "${BASELINE:?set BASELINE to the earlier executable}" "${BARRIERNET:?set BARRIERNET to the executable to compare}"
data="${BARRIERNET_DATA:-../shared/datasets}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 scripts/bench/vs_pymatgen.py write "$data/pretrain/fe.json" "$work/cifs" "$nfiles" > /dev/null
files=("$work"/cifs/*.cif)

"$BASELINE" hops --format json "${files[@]}" > "$work/before.json" 2> /dev/null || true
"$BARRIERNET" hops --format json "${files[@]}" > "$work/after.json" 2> /dev/null || true
if cmp -s "$work/before.json" "$work/after.json"; then echo "hops --format json over ${#files[@]} files: byte-identical"
else echo "hops --format json over ${#files[@]} files: DIFFERS"; exit 1; fi

per_file() { local exe=$1; shift; for f in "${files[@]}"; do "$exe" "$@" "$f" > /dev/null 2>&1 || true; done; }
versions() { local exe=$1; for _ in "${files[@]}"; do "$exe" --version > /dev/null; done; }
export -f per_file versions
# One timed run: appends "cpu load" to $work/<name>.
timed() {
    local name=$1; shift
    local load; load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f '%U %S' -o "$work/time" "$@" > /dev/null 2>&1
    read -r u s < "$work/time"
    echo "$(echo "$u + $s" | bc) $load" >> "$work/$name"
}
for ((r = 1; r <= rounds; r++)); do
    for build in before after; do
        exe=$([[ $build == before ]] && echo "$BASELINE" || echo "$BARRIERNET")
        timed "$build-version" bash -c "files=(${files[*]}); $(declare -f versions); versions '$exe'"
        timed "$build-loop" bash -c "files=(${files[*]}); $(declare -f per_file); per_file '$exe' hops --format json"
        timed "$build-one" "$exe" hops --format json "${files[@]}"
    done
    echo "round $r (CPU s, load): version $(tail -1 "$work/before-version") → $(tail -1 "$work/after-version");" \
         "loop $(tail -1 "$work/before-loop") → $(tail -1 "$work/after-loop"); one call $(tail -1 "$work/before-one") → $(tail -1 "$work/after-one")"
done
median() { awk '{print $1}' "$1" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
printf '\n%-44s %10s %10s %8s\n' "CPU (user + sys), medians of $rounds, ${#files[@]} files" before after ratio
for m in version loop one; do
    b=$(median "$work/before-$m"); a=$(median "$work/after-$m")
    label=$([[ $m == version ]] && echo "--version once per file" || ([[ $m == loop ]] && echo "hops once per file (shell loop)" || echo "hops once over all files"))
    printf '%-44s %10s %10s %7.2fx\n' "$label" "$b" "$a" "$(echo "$b / $a" | bc -l)"
done
