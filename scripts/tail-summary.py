#!/usr/bin/env python3
"""Summarise `barriernet experiment` reports side by side: pooled out-of-fold MAE, R² and good/bad accuracy (mean ±
sd over seeds) and, for the first seed, MAE and bias per barrier range. Usage: tail-summary.py DIR [DIR ...]"""
import json
import sys


def main(dirs):
    print("| report | row | MAE | R² | accuracy | MAE < 0.65 / 0.65–1.5 / ≥ 1.5 (seed 0) | bias (seed 0) |")
    print("|---|---|---|---|---|---|---|")
    for d in dirs:
        report = json.load(open(f"{d}/experiment.json"))
        for row in report["rows"]:
            p = row["pooled"]
            ranges = [c for c in row["conditional"] if c["group"] == "range"]
            mae = " / ".join(f"{c['mae']:.3f}" for c in ranges)
            bias = " / ".join(f"{c['bias']:+.3f}" for c in ranges)
            print(f"| {d.rstrip('/').split('/')[-1]} | {row['name']} | {fmt(p['mae'])} | {fmt(p['r2'])} | {fmt(p['accuracy'])} | {mae} | {bias} |")


def fmt(m):
    return f"{m['mean']:.3f} ± {m['std']:.3f}"


if __name__ == "__main__":
    main(sys.argv[1:])
