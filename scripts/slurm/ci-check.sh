#!/usr/bin/env bash
# The job-array script on a real single-node Slurm: starts munge, slurmctld and slurmd from slurm.conf.in (installing
# Debian's packages when missing), screens a small dump in 3 shards plus the merge job, and checks that
#   1. the merged rows equal one plain `barriernet screen` run (same rows, none twice), and
#   2. a task killed while it runs, resubmitted alone, resumes its shard without duplicates or losses.
# Exit status 0 only when both hold. Usage: scripts/slurm/ci-check.sh   (run as root; data: ../shared/datasets)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
data="${BARRIERNET_DATA:-$repo/../shared/datasets}"
work=$(mktemp -d /tmp/barriernet-slurm.XXXXXX)
state="$work/state"
mkdir -p "$state/ctld" "$state/d"
log() { echo "slurm-check: $*"; }
fail() { log "FAILED: $*"; for f in "$state"/*.log; do echo "--- $f"; tail -n 20 "$f"; done; exit 1; }

started=()
cleanup() {  # stop the daemons this script started (by their pid files), then remove its files
    for pidfile in "${started[@]}"; do [[ -s $pidfile ]] && kill "$(cat "$pidfile")" 2>/dev/null || true; done
    sleep 1
    rm -rf "$work"
}
trap cleanup EXIT

# 1. Packages and daemons.
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
    log "installing slurmctld slurmd slurm-client munge"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=600 slurmctld slurmd slurm-client munge >/dev/null
fi
if ! pgrep -x munged >/dev/null; then
    [[ -s /etc/munge/munge.key ]] || { dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 2>/dev/null; chmod 400 /etc/munge/munge.key; chown munge: /etc/munge/munge.key; }
    mkdir -p /run/munge && chown munge: /run/munge
    runuser -u munge -- /usr/sbin/munged || fail "munged did not start"
    started+=("/run/munge/munged.pid")
fi
host=$(hostname -s)
cpus=$(nproc)
mem=$(awk '/MemTotal/ {print int($2 / 1024 * 0.9)}' /proc/meminfo)
export SLURM_CONF="$work/slurm.conf"
sed -e "s|@HOST@|$host|g" -e "s|@USER@|$(id -un)|g" -e "s|@STATE@|$state|g" -e "s|@CPUS@|$cpus|g" -e "s|@MEM@|$mem|g" \
    -e "s|@CTLD_PORT@|${SLURMCTLD_PORT:-6817}|g" -e "s|@D_PORT@|${SLURMD_PORT:-6818}|g" scripts/slurm/slurm.conf.in > "$SLURM_CONF"
slurmctld -f "$SLURM_CONF" -i || fail "slurmctld did not start"
started+=("$state/slurmctld.pid")
slurmd -f "$SLURM_CONF" || fail "slurmd did not start"
started+=("$state/slurmd.pid")
for _ in $(seq 60); do sinfo -h -o %T 2>/dev/null | grep -qE '^(idle|mixed|allocated)' && break; sleep 1; done
sinfo -h -o %T | grep -qE '^(idle|mixed|allocated)' || fail "the node did not come up: $(sinfo 2>&1 | tail -n 2)"
log "single-node Slurm up on $host ($cpus CPUs)"

# 2. The published executable and a small dump (Li-containing Materials Project structures of the formation-energy set).
dotnet publish src/BarrierNet.Cli -c Release -o "$work/bin" -v quiet -nologo >/dev/null || fail "dotnet publish failed"
export BARRIERNET="$work/bin/barriernet"
export MODEL="$repo/models/heads/band"
python3 - "$data/pretrain/fe.json" "$work/dump.jsonl" <<'PY'
import json, sys
entries = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w") as out:
    n = 0
    for e in entries:
        if "Li" in e["atoms"]["elements"] and len(e["atoms"]["elements"]) <= 40:
            out.write(json.dumps({"material_id": f"fe-{e['jid']}", "structure": e["atoms"]}) + "\n")
            n += 1
            if n == 45: break
PY
"$BARRIERNET" screen "$work/dump.jsonl" --ion Li --model "$MODEL" --out "$work/plain.csv" --errors "$work/plain-errors.csv" 2>/dev/null \
    || fail "plain screen failed"
expected=$(($(wc -l < "$work/plain.csv") - 1))
log "plain run: $expected rows"

wait_for() {  # job id: wait until it has left the queue
    for _ in $(seq 900); do squeue -h -j "$1" 2>/dev/null | grep -q . || return 0; sleep 1; done
    fail "job $1 still queued after 15 minutes"
}
same_rows() {  # merged csv, label
    local merged=$1
    [[ $(head -n 1 "$merged") == $(head -n 1 "$work/plain.csv") ]] || fail "$2: header differs"
    local dups
    dups=$(tail -n +2 "$merged" | cut -d, -f1 | sort | uniq -d | head -n 3)
    [[ -z $dups ]] || fail "$2: material ids written twice: $dups"
    diff <(tail -n +2 "$work/plain.csv" | sort) <(tail -n +2 "$merged" | sort) >/dev/null \
        || fail "$2: merged rows differ from the plain run ($(($(wc -l < "$merged") - 1)) vs $expected rows)"
}

# 3. Three shards plus the merge job.
cd "$work"
jid=$(sbatch --parsable --array=0-2 --cpus-per-task=1 --mem=2G --export=ALL,DUMP="$work/dump.jsonl",ION=Li,OUT="$work/out" "$repo/scripts/slurm/screen-array.sbatch")
mid=$(sbatch --parsable --dependency=afterok:"$jid" --cpus-per-task=1 --mem=1G --export=ALL,OUT="$work/out",MERGE=1 "$repo/scripts/slurm/screen-array.sbatch")
wait_for "$jid"; wait_for "$mid"
[[ -s $work/out/results.csv ]] || fail "the merge job wrote no results.csv"
same_rows "$work/out/results.csv" "3 shards + merge"
log "3 shards + merge: $(($(wc -l < "$work/out/results.csv") - 1)) rows, equal to the plain run"

# 4. Kill shard 1 while it writes (batches of 1 flush every row), resubmit it alone, merge again.
jid=$(sbatch --parsable --array=0-2 --cpus-per-task=1 --mem=2G \
    --export=ALL,DUMP="$work/dump.jsonl",ION=Li,OUT="$work/kill",SCREEN_ARGS="--batch 1" "$repo/scripts/slurm/screen-array.sbatch")
shard="$work/kill/results-shard-1.csv"
killed=0
for _ in $(seq 3000); do
    if [[ -s $shard ]] && (($(wc -l < "$shard") >= 3)); then scancel "${jid}_1" && killed=1; break; fi
    squeue -h -j "${jid}_1" 2>/dev/null | grep -q . || break
    sleep 0.1
done
((killed)) || fail "shard 1 finished before it could be killed; nothing was tested"
wait_for "$jid"
partial=$(($(wc -l < "$shard") - 1))
rid=$(sbatch --parsable --array=1 --cpus-per-task=1 --mem=2G \
    --export=ALL,DUMP="$work/dump.jsonl",ION=Li,OUT="$work/kill",SHARDS=3,SCREEN_ARGS="--batch 1" "$repo/scripts/slurm/screen-array.sbatch")
wait_for "$rid"
mid=$(sbatch --parsable --cpus-per-task=1 --mem=1G --export=ALL,OUT="$work/kill",MERGE=1 "$repo/scripts/slurm/screen-array.sbatch")
wait_for "$mid"
same_rows "$work/kill/results.csv" "killed and resubmitted shard"
log "shard 1 killed after $partial rows, resubmitted: merged rows equal the plain run, none twice"
cd "$repo"
log "passed"
