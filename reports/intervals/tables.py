"""Markdown tables from conditional-calibration-report.json (written by `barriernet calibrate --oof`).

Usage: python3 tables.py conditional-calibration-report.json
"""
import json, sys

r = json.load(open(sys.argv[1]))
for s in r["sources"]:
    print(f"\n{s['source']} ({s['n']} hops): before = the single scale, after = fitted (in sample), cross-fitted = each fifth by a fit on the rest\n")
    print("| group | n | MAE | bias | coverage before / after / cross-fitted | width before / after / cross-fitted (eV) |")
    print("|---|---|---|---|---|---|")
    rows = lambda k: {(g["group"], g["key"]): g for g in s[k]["conditional"]}
    b, a, c = rows("before"), rows("after"), rows("cross_fitted")
    print(f"| all | {s['n']} | {s['before']['mae']:.3f} | | {s['before']['coverage90']:.3f} / {s['after']['coverage90']:.3f} / {s['cross_fitted']['coverage90']:.3f} | {s['before']['interval_width90']:.2f} / {s['after']['interval_width90']:.2f} / {s['cross_fitted']['interval_width90']:.2f} |")
    for key, g in b.items():
        name = ("Em " + key[1]) if key[0] == "range" else key[1]
        print(f"| {name} | {g['n']} | {g['mae']:.3f} | {g['bias']:+.3f} | {g['coverage90']:.3f} / {a[key]['coverage90']:.3f} / {c[key]['coverage90']:.3f} | {g['interval_width90']:.2f} / {a[key]['interval_width90']:.2f} / {c[key]['interval_width90']:.2f} |")
