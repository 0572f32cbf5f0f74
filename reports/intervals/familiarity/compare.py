"""Cross-fitted coverage and width per group and split of two calibrations (conditional-calibration-report.json of
`barriernet calibrate --oof`), side by side, with the groups outside the 0.85-0.95 band marked.

Usage: python3 compare.py before-report.json after-report.json
"""
import json, sys

reports = [json.load(open(p)) for p in sys.argv[1:3]]
for k, source in enumerate(reports[0]["sources"]):
    print(f"\n{source['source']} ({source['n']} hops, {source['grouping']} folds, {source['familiar']} familiar): cross-fitted coverage (width, eV), before → after\n")
    print("| group | n | before | after |")
    print("|---|---|---|---|")
    def rows(r):
        s = r["sources"][k]["cross_fitted"]
        d = {"all": (source["n"], s["coverage90"], s["interval_width90"])}
        for g in s["conditional"]:
            d[("Em " + g["key"]) if g["group"] == "range" else g["key"]] = (g["n"], g["coverage90"], g["interval_width90"])
        return d
    b, a = rows(reports[0]), rows(reports[1])
    for name, (n, cov, width) in b.items():
        cells = []
        for cv, w in ((cov, width), a[name][1:]):
            mark = "" if n < 30 or name in ("familiar", "novel") or 0.85 <= round(cv, 3) <= 0.95 else " **out**"
            cells.append(f"{cv:.3f} ({w:.2f}){mark}")
        print(f"| {name} | {n} | {cells[0]} | {cells[1]} |")
for name, r in zip(("before", "after"), reports):
    c = r["calibration"]
    fam = c.get("familiarity")
    extra = f", familiar factors {fam['familiar']['lower']:.2f} / {fam['familiar']['upper']:.2f}" if fam else ""
    print(f"\n{name}: tau = {c['tau']} eV, multipliers {c['multiplier']['lower']:.3f} / {c['multiplier']['upper']:.3f}{extra}")
