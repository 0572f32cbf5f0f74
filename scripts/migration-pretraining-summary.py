#!/usr/bin/env python3
"""Tables of the four-backbone comparison from the logs of `barriernet experiment` (scripts/migration-pretraining.sh
compare): per row and seed the outer-fold MAEs and the pooled out-of-fold MAE, R2 and accuracy, and the paired
difference of each backbone against the bulk one on the folds both finished. Reads every *.log given."""
import re, sys
from collections import defaultdict

fold = re.compile(r"^(\S+) seed (\d+) fold (\d+)/(\d+): MAE ([0-9.]+)")
pooled = re.compile(r"^(\S+) seed (\d+): pooled MAE ([0-9.]+) R2 (-?[0-9.]+) acc ([0-9.]+)")
folds, pools = defaultdict(dict), {}
for path in sys.argv[1:]:
    for line in open(path):
        if m := fold.match(line):
            folds[(m[1], int(m[2]))][int(m[3])] = float(m[5])
        elif m := pooled.match(line):
            pools[(m[1], int(m[2]))] = (float(m[3]), float(m[4]), float(m[5]))

print("| row | seed | fold 1 | fold 2 | fold 3 | fold 4 | fold 5 | pooled MAE | R² | accuracy |")
print("|---|---|---|---|---|---|---|---|---|---|")
for key in sorted(folds, key=lambda k: (k[0].split("@")[0], k[1], k[0])):
    f = folds[key]
    cells = [f"{f[i]:.3f}" if i in f else "–" for i in range(1, 6)]
    p = pools.get(key)
    tail = [f"{p[0]:.3f}", f"{p[1]:.3f}", f"{p[2]:.3f}"] if p else ["–"] * 3
    print(f"| {key[0]} | {key[1]} | " + " | ".join(cells + tail) + " |")

print()
print("Paired against the bulk backbone (same row kind, seed and folds; mean of per-fold MAE differences, eV):")
for (row, seed), f in sorted(folds.items()):
    kind, name = row.split("@")
    if name == "bulk": continue
    ref = folds.get((f"{kind}@bulk", seed), {})
    shared = sorted(set(f) & set(ref))
    if not shared: continue
    d = [f[i] - ref[i] for i in shared]
    print(f"- {row} seed {seed}: {sum(d) / len(d):+.3f} over folds {','.join(map(str, shared))} "
          f"({sum(x < 0 for x in d)} of {len(d)} lower)")
