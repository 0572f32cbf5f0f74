#!/usr/bin/python3
"""Whole-training-set check of `barriernet hops`.

Every training band → its structure (host + the ion at both endpoints) → spglib conventional cell without
idealisation (as in hops_oracle.py) → `barriernet hops --ion X --max-hop 9 --format json` → is the training hop
among the listed hops (0.01 Å)? Also compares band atom counts from the 7 Å rule with the training bands.
Run (after `dotnet build src/BarrierNet.Cli -c Release`):
    /usr/bin/python3 scripts/oracle/training_hops_check.py [path/to/barriernet]      (≈1.5 min)
"""
import collections, json, os, shutil, subprocess, sys, tempfile
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hops_oracle as H  # noqa: E402

exe = sys.argv[1] if len(sys.argv) > 1 else os.path.join(H.ROOT, "src/BarrierNet.Cli/bin/Release/net10.0/barriernet")
tmp = tempfile.mkdtemp(prefix="barriernet-training-cells-")
index, skipped = {}, []
for i, e in enumerate(json.load(open(H.TRAIN))):
    try:
        cell, ion, info = H.from_training(e)
    except Exception as ex:  # spglib finds no cell for a few strongly distorted bands
        skipped.append((e["sys_name"], str(ex))); continue
    fn = os.path.join(tmp, f"c{i:03d}.json")
    json.dump({"lattice_mat": cell.lattice.matrix.tolist(), "coords": cell.frac_coords.tolist(),
               "elements": [s.specie.symbol for s in cell], "cartesian": False}, open(fn, "w"))
    index[fn] = dict(name=e["sys_name"], ion=ion, hop=info["hop_length"], band_atoms=info["band_atoms"], n=len(cell))

by_ion = collections.defaultdict(list)
for fn, v in index.items():
    by_ion[v["ion"]].append(fn)
results, errors = {}, []
for ion, files in by_ion.items():
    for k in range(0, len(files), 40):
        p = subprocess.run([exe, "hops", *files[k:k + 40], "--ion", ion, "--max-hop", "9", "--format", "json"], capture_output=True, text=True)
        errors += [line for line in p.stderr.splitlines() if line]
        for r in json.loads(p.stdout or "[]"):
            results[r["file"]] = r

found, missed, same_atoms, ratios = 0, [], 0, []
for fn, v in index.items():
    r = results.get(fn)
    if r is None:
        missed.append((v["name"], "error")); continue
    d = min((abs(h["length"] - v["hop"]) for h in r["hops"]), default=99.0)
    if d < 0.01:
        found += 1
    else:
        missed.append((v["name"], round(v["hop"], 4), round(d, 4)))
    ours = v["n"] * int(np.prod(r["band_supercell"])) + 3
    same_atoms += ours == v["band_atoms"]
    ratios.append(ours / v["band_atoms"])
print(f"cells: {len(index)} (skipped {len(skipped)}: {[s[0] for s in skipped]}), CLI errors: {len(errors)}")
print(f"training hop among listed hops (0.01 Å): {found} of {len(index)}; not: {missed}")
print(f"band atom count equal to training: {same_atoms} of {len(index)}; geometric-mean ratio {np.exp(np.mean(np.log(ratios))):.3f}")
shutil.rmtree(tmp, ignore_errors=True)
