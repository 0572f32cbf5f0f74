#!/usr/bin/env python3
"""What the >= 1.5 eV hops are and why the descriptor model shrinks them (docs/experiments/tail.md, first sections).
Inputs: the hop descriptors of every training band (`barriernet baseline --data em-band-train.json --trainer extratrees
--trees 10 --descriptors-csv DESC.csv`) and the first seed's out-of-fold predictions of the descriptor model
(`experiment ... --out DIR` writes DIR/oof-baseline-descriptor-model.csv). Usage: tail_hops.py DESC.csv OOF.csv"""
import collections
import csv
import re
import sys

import numpy as np


def main(desc_path, oof_path):
    rows = list(csv.DictReader(open(desc_path)))
    names = [r["sys_name"] for r in rows]
    y = np.array([float(r["target"]) for r in rows])
    ions = [next(k[4:] for k in r if k.startswith("ion_") and k[4:].isalpha() and len(k) < 8 and r[k] == "1") for r in rows]
    oof = {r["sys_name"]: float(r["prediction"]) for r in csv.DictReader(open(oof_path))}
    p = np.array([oof[n] for n in names])
    hi, mid, lo = y >= 1.5, (y >= 0.65) & (y < 1.5), y < 0.65
    err = np.abs(p - y)
    print(f"n {len(y)}: < 0.65 {lo.sum()}, 0.65-1.5 {mid.sum()}, >= 1.5 {hi.sum()}")
    for a, b in [(0, 0.65), (0.65, 1.0), (1.0, 1.5), (1.5, 99)]:
        m = (y >= a) & (y < b)
        print(f"[{a}, {b}) n {m.sum()} MAE {err[m].mean():.3f} bias {(p - y)[m].mean():+.3f} share of |error| {err[m].sum() / err.sum():.2f}")
    print(f"predicted >= 1.5: {(p >= 1.5).sum()}, of which truly >= 1.5: {((p >= 1.5) & hi).sum()}")
    count, count_hi = collections.Counter(ions), collections.Counter(i for i, h in zip(ions, hi) if h)
    for ion in count:
        m = np.array([i == ion for i in ions])
        line = f"{ion}: {count[ion]} hops, {count_hi[ion]} >= 1.5 eV, median Em {np.median(y[m]):.2f}"
        if count_hi[ion]:
            line += f", MAE >= 1.5 {err[m & hi].mean():.3f} bias {(p - y)[m & hi].mean():+.3f}"
        print(line)
    anions = [max((k for k in r if k.startswith("anion_frac_")), key=lambda k: float(r[k]))[11:] for r in rows]
    print("main anion (hops, >= 1.5 eV):", {a: (anions.count(a), sum(1 for x, h in zip(anions, hi) if h and x == a)) for a in set(anions)})
    rank = lambda v: np.argsort(np.argsort(v))
    for f in ["hop_length", "path_min_dist", "path_min_minus_radius", "coord_start", "bv_mismatch_barrier"]:
        v = np.array([float(r[f]) for r in rows])
        print(f"{f:24s} median low {np.median(v[lo]):.3f} mid {np.median(v[mid]):.3f} high {np.median(v[hi]):.3f}; Spearman {np.corrcoef(rank(v), rank(y))[0, 1]:+.2f}")
    clearance = np.array([float(r["path_min_dist"]) for r in rows])
    print(f"clearance < 1.2 A: {(clearance < 1.2).sum()} hops, {(hi & (clearance < 1.2)).sum()} of them >= 1.5 eV;"
          f" clearance < 1 A: {(clearance < 1).sum()} hops, fraction >= 1.5 eV {hi[clearance < 1].mean():.2f}")
    # Neighbourhoods: the 10 nearest hops of other systems in standardised descriptor space.
    cols = [k for k in rows[0] if k not in ("sys_name", "target")]
    x = np.array([[float(r[c]) for c in cols] for r in rows])
    z = (x - x.mean(0)) / np.where(x.std(0) > 1e-12, x.std(0), 1)
    system = [re.sub(r"_\d+$", "", n) for n in names]
    d2 = ((z[:, None, :] - z[None, :, :]) ** 2).sum(-1)
    frac, med = np.zeros(len(y)), np.zeros(len(y))
    for i in range(len(y)):
        other = np.array([s != system[i] for s in system])
        idx = np.where(other)[0][np.argsort(d2[i, other])[:10]]
        frac[i], med[i] = hi[idx].mean(), np.median(y[idx])
    print(f"high neighbours among 10: high hops {frac[hi].mean():.2f}, others {frac[~hi].mean():.2f}; high hops with none: {(frac[hi] == 0).sum()}")
    print(f"neighbours' median barrier for high hops {np.median(med[hi]):.2f} vs their own {np.median(y[hi]):.2f};"
          f" correlation with the out-of-fold prediction {np.corrcoef(p[hi], med[hi])[0, 1]:.2f}")
    skew = lambda v: ((v - v.mean()) ** 3).mean() / v.std() ** 3
    print(f"skewness: Em {skew(y):.2f}, sqrt {skew(np.sqrt(y)):.2f}, log1p {skew(np.log1p(y)):.2f}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
