#!/usr/bin/env python3
"""The tables of a head's model card, printed from the model's own files so that no number on the card is copied by
hand: the out-of-fold performance table and nested blend weights (cv-metrics.json), the MAE by working ion, the
interval tables per split (conditional-calibration-report.json: before / after / cross-fitted per group), the blend
and calibration constants (model.json) and the high-barrier tail (oof-predictions.csv).
Usage: band-card-tables.py [MODELDIR] (default models/heads/band)"""
import csv
import json
import sys

GROUP_LABELS = {"< 0.65": "Em < 0.65", "0.65–1.5": "Em 0.65–1.5", "≥ 1.5": "Em ≥ 1.5"}


def f2(x):
    return "–" if x is None else f"{x:.2f}"


def performance(cv):
    rows = [("ensemble, best epoch per member (`oof`)", cv["oof"]),
            ("ensemble, last epoch, no epoch selection (`oof_last_epoch`)", cv["oof_last_epoch"]),
            ("blend with w₀ and slope chosen on the other folds (`blend.oof_nested`)", cv["blend"]["oof_nested"]),
            ("its GNN members alone (`blend.oof_gnn`)", cv["blend"]["oof_gnn"]),
            ("its descriptor models alone (`blend.oof_trees`)", cv["blend"]["oof_trees"])]
    print("| out-of-fold predictions | MAE (eV) | RMSE (eV) | R² | accuracy | precision | recall | 90% coverage | mean 90% width (eV) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, m in rows:
        print(f"| {name} | {m['mae']:.3f} | {m['rmse']:.3f} | {m['r2']:.2f} | {m['accuracy']:.2f} | {m['precision']:.2f} "
              f"| {m['recall']:.2f} | {f2(m['coverage90'])} | {f2(m['interval_width90'])} |")
    b = cv["blend"]
    print(f"\nNested blend weights per fold: w₀ {b['nested_gnn_weights']}, slopes {b['nested_novelty_slopes']}.")


def by_ion(cv):
    counts = {c["key"]: c["n"] for c in cv["oof"]["conditional"] if c["group"] == "ion"}
    ions = sorted(cv["oof"]["mae_by_ion"])
    print("\n| ion | " + " | ".join(ions) + " |")
    print("|---" * (len(ions) + 1) + "|")
    print("| training barriers | " + " | ".join(str(counts[i]) for i in ions) + " |")
    print("| MAE (eV), `oof` | " + " | ".join(f"{cv['oof']['mae_by_ion'][i]:.3f}" for i in ions) + " |")


def intervals(report):
    for s in report["sources"]:
        before, after, cross = s["before"], s["after"], s["cross_fitted"]
        print(f"\n{s['source']}: grouping {s['grouping']}, {s['n']} hops, {s['familiar']} familiar\n")
        print("| group | n | MAE | bias | coverage before / after / cross-fitted | width before / after / cross-fitted (eV) |")
        print("|---|---|---|---|---|---|")
        print(f"| all | {s['n']} | {before['mae']:.3f} | | {before['coverage90']:.3f} / {after['coverage90']:.3f} / "
              f"{cross['coverage90']:.3f} | {before['interval_width90']:.2f} / {after['interval_width90']:.2f} / "
              f"{cross['interval_width90']:.2f} |")
        for b, a, c in zip(before["conditional"], after["conditional"], cross["conditional"]):
            assert b["group"] == a["group"] == c["group"] and b["key"] == a["key"] == c["key"]
            print(f"| {GROUP_LABELS.get(b['key'], b['key'])} | {b['n']} | {b['mae']:.3f} | {b['bias']:+.3f} | "
                  f"{b['coverage90']:.3f} / {a['coverage90']:.3f} / {c['coverage90']:.3f} | "
                  f"{b['interval_width90']:.2f} / {a['interval_width90']:.2f} / {c['interval_width90']:.2f} |")
        judged = [c for c in cross["conditional"] if c["n"] >= 30]
        lo, hi = min(judged, key=lambda c: c["coverage90"]), max(judged, key=lambda c: c["coverage90"])
        print(f"\ncross-fitted, judged groups (n ≥ 30): lowest {lo['key']} {lo['coverage90']:.3f}, "
              f"highest {hi['key']} {hi['coverage90']:.3f}; outside 0.85–0.95: "
              + (", ".join(f"{c['key']} {c['coverage90']:.3f} (n = {c['n']})" for c in judged
                           if not 0.85 <= c["coverage90"] <= 0.95) or "none"))


def constants(model):
    b, c, cc = model["blend"], model["calibration"], model["conditional_calibration"]
    fam = cc["familiarity"]["familiar"]
    print(f"\nblend: w₀ = {b['gnn_weight']}, slope = {b['novelty_slope']}; single scale {c['scale']:.2f}·max(σ, "
          f"{c['sigma_floor']} eV); conditional: τ = {cc['tau']} eV, familiar factor {fam['lower']:.2f} below / "
          f"{fam['upper']:.2f} above; predicted-barrier bins {cc.get('bins', 'thresholds')} (edges "
          f"{', '.join(str(e) for e in cc['range_edges'])} eV); descriptors read by the descriptor models: "
          f"{len(model['descriptor_models']['descriptor_names'])}")


def tail(oof_csv):
    r = list(csv.DictReader(open(oof_csv)))
    t = [float(x["target"]) for x in r]
    p = [float(x["prediction"]) for x in r]
    hi = [(a, b) for a, b in zip(t, p) if a > 1.5]
    lo = [abs(a - b) for a, b in zip(t, p) if a <= 1.5]
    total = sum(abs(a - b) for a, b in zip(t, p))
    print(f"\ntail: {len(hi)} barriers above 1.5 eV carry {sum(abs(a - b) for a, b in hi) / total:.0%} of the absolute "
          f"error; mean signed error there {sum(b - a for a, b in hi) / len(hi):+.2f} eV; {sum(b < a for a, b in hi)} "
          f"predicted too low; MAE at or below 1.5 eV {sum(lo) / len(lo):.3f}")
    for name in ("LiRuO2_1", "RuO2_Li_1"):
        for x in r:
            if x["sys_name"] == name:
                print(f"  {name}: target {float(x['target']):.2f}, predicted {float(x['prediction']):.2f}")


def main(model_dir):
    cv = json.load(open(f"{model_dir}/cv-metrics.json"))
    performance(cv)
    by_ion(cv)
    intervals(json.load(open(f"{model_dir}/conditional-calibration-report.json")))
    constants(json.load(open(f"{model_dir}/model.json")))
    tail(f"{model_dir}/oof-predictions.csv")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "models/heads/band")
