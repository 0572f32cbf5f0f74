#!/usr/bin/python3
"""Training-band size study behind docs/bands.md.

Part 1: distribution of atoms, hop length, perpendicular widths, shortest lattice vector, volume of the 559 bands.
Part 2: each band → structure (host + ion at both endpoints) → spglib conventional and Niggli primitive cells
(symprec 0.1) → smallest diagonal supercell with all perpendicular widths ≥ X; compared with the training band.
Run: /usr/bin/python3 scripts/oracle/band_size_study.py   (≈15 s)
"""
import ast, json, math, os
import numpy as np, spglib
from pymatgen.core import Element

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TRAIN = os.environ.get("BARRIERNET_DATA", os.path.join(ROOT, "..", "shared", "datasets")) + "/em/em-band-train.json"


def P(x):
    return ast.literal_eval(x) if isinstance(x, str) else x


def widths(L):
    return 1 / np.linalg.norm(np.linalg.inv(np.array(L)).T, axis=1)


rows, cells = [], []
for e in json.load(open(TRAIN)):
    a = e["atoms"]; L = np.array(P(a["lattice_mat"])); F = np.array(P(a["coords"])); el = P(a["elements"])
    if str(a.get("cartesian")).lower() == "true":
        F = F @ np.linalg.inv(L)
    hop = np.linalg.norm((F[4] - F[0]) @ L)
    rows.append((len(el), hop, widths(L).min(), np.linalg.norm(L, axis=1).min(), abs(np.linalg.det(L))))
    Fh = np.vstack([F[0:1], F[4:5], F[5:]]) % 1; nums = [Element(x).Z for x in [el[0], el[4]] + el[5:]]
    std = spglib.standardize_cell((L, Fh, nums), symprec=0.1)
    prim = spglib.find_primitive((L, Fh, nums), symprec=0.1)
    cells.append((L, std[0] if std else None, np.array(spglib.niggli_reduce(prim[0])) if prim else None))

A = np.array(rows)
q = [0, 5, 25, 50, 75, 95, 100]
for i, name in enumerate(["atoms", "hop length", "smallest width", "shortest vector", "volume"]):
    print(f"{name:16s}", np.percentile(A[:, i], q).round(2))
print("corr(smallest width, hop length)", np.corrcoef(A[:, 2], A[:, 1])[0, 1].round(2))

for k, label in ((1, "conventional"), (2, "primitive")):
    for X in (6, 7, 8, 9, 10):
        ratios, exact, ws = [], 0, []
        for L, *base in cells:
            B = base[k - 1]
            if B is None:
                continue
            m = [max(1, math.ceil(X / w - 1e-9)) for w in widths(B)]
            r = abs(np.linalg.det(B)) * np.prod(m) / abs(np.linalg.det(L))
            ratios.append(r); exact += abs(r - 1) < 0.02
            ws.append(widths(np.diag(m) @ B).min())
        print(label, X, "exact", exact, "geo-mean ratio", np.exp(np.mean(np.log(ratios))).round(2),
              "smallest width 5/50/95", np.percentile(ws, [5, 50, 95]).round(1))
