#!/usr/bin/env python3
"""One table of trained heads' pooled out-of-fold metrics: MAE, R², good/bad accuracy (< 0.65 eV), 90% coverage and
width (cv-metrics.json, "oof"), and MAE and bias per barrier range (< 0.65 / 0.65–1.5 / ≥ 1.5 eV) from
oof-predictions.csv. Usage: band-oof-summary.py MODELDIR [MODELDIR ...]"""
import csv
import json
import os
import sys

RANGES = [(0, 0.65), (0.65, 1.5), (1.5, float("inf"))]


def ranges(rows):
    maes, biases = [], []
    for lo, hi in RANGES:
        r = [(p - t) for t, p in rows if lo <= t < hi]
        maes.append(sum(abs(e) for e in r) / len(r))
        biases.append(sum(r) / len(r))
    return maes, biases


def main(dirs):
    print("| model | MAE | R² | accuracy | coverage90 | width90 | MAE < 0.65 / 0.65–1.5 / ≥ 1.5 | bias | GNN weight |")
    print("|---|---|---|---|---|---|---|---|---|")
    for d in dirs:
        if not os.path.exists(f"{d}/cv-metrics.json"):
            continue
        m = json.load(open(f"{d}/cv-metrics.json"))
        o = m["oof"]
        with open(f"{d}/oof-predictions.csv") as f:
            rows = [(float(r["target"]), float(r["prediction"])) for r in csv.DictReader(f) if r["prediction"] not in ("", "NaN")]
        mae, bias = ranges(rows)
        w = m.get("blend", {}).get("gnn_weight", "")
        print(f"| {d.rstrip('/').split('/')[-1]} | {o['mae']:.4f} | {o['r2']:.3f} | {o['accuracy']:.3f} | {o['coverage90']:.3f} "
              f"| {o['interval_width90']:.3f} | {' / '.join(f'{v:.3f}' for v in mae)} | {' / '.join(f'{v:+.3f}' for v in bias)} | {w} |")


if __name__ == "__main__":
    main(sys.argv[1:])
