#!/usr/bin/env python3
"""Summarise `barriernet experiment` reports of the GNN-alone and good/bad-decision stages: pooled out-of-fold MAE, R²,
accuracy, precision and recall (mean ± sd over seeds), the decided class's disagreement with the printed barrier and
the barrier's own accuracy where a row decides the class, and each seed's per-fold MAE from the report's log (DIR.log),
so that rows on the same folds can be compared fold by fold even when a run was stopped early.
Usage: gnn-alone-summary.py DIR [DIR ...]"""
import json
import os
import re
import sys


def main(dirs):
    print("| report | row | MAE | R² | accuracy | precision | recall | class ≠ barrier | barrier's accuracy |")
    print("|---|---|---|---|---|---|---|---|---|")
    for d in dirs:
        path = f"{d}/experiment.json"
        if not os.path.exists(path):
            continue
        for row in json.load(open(path))["rows"]:
            p = row["pooled"]
            cells = [fmt(p.get(k)) for k in ("mae", "r2", "accuracy", "precision", "recall", "class_disagreement", "barrier_accuracy")]
            print(f"| {name(d)} | {row['name']} | " + " | ".join(cells) + " |")
    print()
    print("Per fold (from the logs; rows of one seed share folds):")
    print()
    print("| report | row | seed | fold MAEs | pooled |")
    print("|---|---|---|---|---|")
    for d in dirs:
        log = d.rstrip("/") + ".log"
        if not os.path.exists(log):
            continue
        folds, pooled = {}, {}
        for line in open(log):
            m = re.match(r"(\S+) seed (\d+) fold (\d+)/\d+: MAE ([0-9.]+)", line)
            if m:
                folds.setdefault((m[1], int(m[2])), []).append(m[4])
            m = re.match(r"(\S+) seed (\d+): pooled MAE ([0-9.]+)", line)
            if m:
                pooled[(m[1], int(m[2]))] = m[3]
        for (row, seed), maes in folds.items():
            print(f"| {name(d)} | {row} | {seed} | {' / '.join(maes)} | {pooled.get((row, seed), '(unfinished)')} |")


def name(d):
    return d.rstrip("/").split("/")[-1]


def fmt(m):
    return "–" if not m else f"{m['mean']:.3f} ± {m['std']:.3f}"


if __name__ == "__main__":
    main(sys.argv[1:])
