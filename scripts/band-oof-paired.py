#!/usr/bin/env python3
"""Two heads trained on the same folds, hop by hop: the mean change of the absolute out-of-fold error (B − A), hops
better and worse, the change per fold (folds from members/k/member.json of FOLDS, default A, when it has them), a 95% interval of the change from
resampling whole systems (2000 draws, seed 0), and good/bad class flips (0.65 eV). Usage: band-oof-paired.py A B [FOLDS]"""
import csv
import json
import os
import random
import sys


def load(d):
    with open(f"{d}/oof-predictions.csv") as f:
        return [(r["sys_name"], float(r["target"]), float(r["prediction"])) for r in csv.DictReader(f)]


def main(a_dir, b_dir, folds_dir=None):
    a, b = load(a_dir), load(b_dir)
    assert [(s, t) for s, t, _ in a] == [(s, t) for s, t, _ in b], "the two heads predict different entries"
    d = [abs(pb - t) - abs(pa - t) for (_, t, pa), (_, _, pb) in zip(a, b)]
    print(f"hops {len(d)}: MAE change {sum(d) / len(d):+.4f} eV, better {sum(x < -1e-9 for x in d)}, worse {sum(x > 1e-9 for x in d)}")
    members = f"{folds_dir or a_dir}/members"
    if os.path.exists(f"{members}/0/member.json"):
        fold = {}
        for m in range(5):
            for i in json.load(open(f"{members}/{m}/member.json"))["Validation"]:
                fold[i] = m
        per = {}
        for i, x in enumerate(d):
            per.setdefault(fold.get(i), []).append(x)
        print("per fold: " + ", ".join(f"{k}: {sum(v) / len(v):+.4f}" for k, v in sorted(per.items(), key=lambda kv: str(kv[0]))))
    systems = {}
    for (s, _, _), x in zip(a, d):
        systems.setdefault(s, []).append(x)
    groups = list(systems.values())
    rng = random.Random(0)
    draws = []
    for _ in range(2000):
        pick = [rng.choice(groups) for _ in groups]
        draws.append(sum(map(sum, pick)) / sum(map(len, pick)))
    draws.sort()
    print(f"systems resampled: 95% interval {draws[50]:+.4f} … {draws[1950]:+.4f}, share of draws ≥ 0: {sum(x >= 0 for x in draws) / len(draws):.3f}")
    right = lambda t, p: (t < 0.65) == (p < 0.65)
    print(f"class: {sum(not right(t, pa) and right(t, pb) for (_, t, pa), (_, _, pb) in zip(a, b))} hops become right, "
          f"{sum(right(t, pa) and not right(t, pb) for (_, t, pa), (_, _, pb) in zip(a, b))} wrong")


if __name__ == "__main__":
    main(*sys.argv[1:4])
