#!/usr/bin/python3
"""Compares `barriernet landscape --format json` with BVlain's percolation barriers (scripts/oracle/bvse_oracle.py).

usage: scripts/oracle/bvse_compare.py BVLAIN_JSONL OURS_JSON [FIXTURE_OUT]
  BVLAIN_JSONL  one JSON object per line as bvse_oracle.py prints them (or its bvlain.json array)
  OURS_JSON     the array `barriernet landscape FILES --format json` writes
  FIXTURE_OUT   optional: write the structures both agree on (every finite barrier within 0.1 eV, same valences)
Prints per structure both values, then Spearman rank correlation and mean absolute difference per dimension.
"""
import json
import os
import sys

AGREE = 0.1  # eV


def load_bvlain(path):
    text = open(path).read().strip()
    rows = json.loads(text) if text.startswith("[") else [json.loads(l) for l in text.splitlines() if l.startswith("{")]
    return {r["file"]: r for r in rows}


def ranks(xs):
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    r = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return r


def spearman(a, b):
    ra, rb = ranks(a), ranks(b)
    n = len(a)
    ma, mb = sum(ra) / n, sum(rb) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    va = sum((x - ma) ** 2 for x in ra) ** 0.5
    vb = sum((y - mb) ** 2 for y in rb) ** 0.5
    return cov / (va * vb) if va > 0 and vb > 0 else float("nan")


def same_valences(theirs, ours):
    for el, states in theirs.items():
        mean = sum(states) / len(states)
        if el in ours and abs(ours[el] - mean) > 0.26:
            return False
    return True


def main():
    bv = load_bvlain(sys.argv[1])
    ours = {os.path.basename(o["file"]): o for o in json.load(open(sys.argv[2]))}
    fixture_out = sys.argv[3] if len(sys.argv) > 3 else None
    pairs = {d: [] for d in ("1d", "2d", "3d")}
    agreed = []
    print(f"{'structure':40s} {'dim':>3s} {'BVlain':>8s} {'ours':>8s} {'diff':>7s}  valences")
    for name in sorted(bv):
        b, o = bv[name], ours.get(name)
        if "error" in b or o is None:
            print(f"{name:40s} BVlain: {b.get('error', 'ok')}; ours: {'missing' if o is None else 'ok'}")
            continue
        same = same_valences(b["oxidation_states"], o["oxidation_states"])
        ok = same
        for d in ("1d", "2d", "3d"):
            x, y = b["E_" + d.upper()], o["percolation"][d]
            # BVlain searches barriers up to 10 eV only; treat larger values of ours as "none" there too.
            if y is not None and y > 10:
                y = None
            diff = None if x is None or y is None else y - x
            print(f"{name:40s} {d:>3s} {fmt(x):>8s} {fmt(y):>8s} {fmt(diff):>7s}  {'same' if same else 'differ'}")
            if x is not None and y is not None:
                pairs[d].append((x, y, same))
            if (x is None) != (y is None) or (diff is not None and abs(diff) > AGREE):
                ok = False
        if ok:
            agreed.append({"file": name, "ion": b["ion"], "bvlain": {d: b["E_" + d.upper()] for d in ("1d", "2d", "3d")},
                           "ours": {d: o["percolation"][d] for d in ("1d", "2d", "3d")}})
    for d, p in pairs.items():
        if len(p) < 3:
            continue
        xs, ys = [q[0] for q in p], [q[1] for q in p]
        mae = sum(abs(x - y) for x, y in zip(xs, ys)) / len(p)
        same = [q for q in p if q[2]]
        mae_same = sum(abs(q[0] - q[1]) for q in same) / max(1, len(same))
        within = sum(abs(q[0] - q[1]) <= AGREE for q in same)
        print(f"{d}: n={len(p)} Spearman={spearman(xs, ys):.3f} MAE={mae:.3f} eV; same valences n={len(same)} "
              f"MAE={mae_same:.3f} eV, within {AGREE} eV: {within}/{len(same)}")
    print(f"agreed structures (every barrier within {AGREE} eV, same valences): {len(agreed)}")
    if fixture_out:
        with open(fixture_out, "w") as f:
            json.dump(agreed, f, indent=1)
            f.write("\n")


def fmt(x):
    return "none" if x is None else f"{x:.3f}"


if __name__ == "__main__":
    main()
