#!/usr/bin/env python3
"""The good/bad decision on a band model's out-of-fold predictions (finetune's oof-predictions.csv): the barrier
against 0.65 eV, against a threshold chosen on the other folds' hops (nested: 5 random folds of the hops, the cut with
the highest accuracy on four applied to the fifth, averaged over 20 shuffles), and the Gaussian probability
P(Em < 0.65 eV) from the calibrated uncertainty, which is ≥ 0.5 exactly when the barrier is below 0.65 eV.
Usage: gnn-alone-blend-class.py OOF.csv [OOF.csv ...]"""
import csv
import random
import sys

T = 0.65


def scores(y, p, cut):
    tp = sum(1 for a, b in zip(y, p) if a < T and b < cut)
    fp = sum(1 for a, b in zip(y, p) if a >= T and b < cut)
    fn = sum(1 for a, b in zip(y, p) if a < T and b >= cut)
    acc = sum(1 for a, b in zip(y, p) if (a < T) == (b < cut)) / len(y)
    return acc, tp / max(1, tp + fp), tp / max(1, tp + fn)


def best_cut(y, p):
    s = sorted(p)
    cuts = [T] + [(a + b) / 2 for a, b in zip(s, s[1:]) if abs((a + b) / 2 - T) <= 0.3]
    return max(cuts, key=lambda c: (scores(y, p, c)[0], -abs(c - T)))


def nested(y, p, shuffles=20):
    accs, disagree = [], []
    for s in range(shuffles):
        idx = list(range(len(y)))
        random.Random(s).shuffle(idx)
        right = flips = 0
        for k in range(5):
            test = set(idx[k::5])
            tr = [i for i in idx if i not in test]
            cut = best_cut([y[i] for i in tr], [p[i] for i in tr])
            right += sum(1 for i in test if (y[i] < T) == (p[i] < cut))
            flips += sum(1 for i in test if (p[i] < cut) != (p[i] < T))
        accs.append(right / len(y))
        disagree.append(flips / len(y))
    return sum(accs) / len(accs), sum(disagree) / len(disagree)


def main(files):
    print("| predictions | n | accuracy at 0.65 (precision, recall) | nested calibrated cut: accuracy | class ≠ barrier | cut on all hops |")
    print("|---|---|---|---|---|---|")
    for f in files:
        rows = list(csv.DictReader(open(f)))
        y = [float(r["target"]) for r in rows]
        p = [float(r["prediction"]) for r in rows]
        acc, prec, rec = scores(y, p, T)
        nacc, flips = nested(y, p)
        print(f"| {f} | {len(y)} | {acc:.3f} ({prec:.3f}, {rec:.3f}) | {nacc:.3f} | {flips:.3f} | {best_cut(y, p):.3f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
