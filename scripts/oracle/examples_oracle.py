#!/usr/bin/python3
"""Freeze pymatgen's view of every CIF under datasets/examples/ into
tests/BarrierNet.Tests/Fixtures/examples-oracle.json (the tests then need no Python).

pymatgen keeps one site per position (a mixed site is one site with several species), so
n_sites and the neighbour-pair counts are per distinct position; BarrierNet compares its
distinct positions (SitePositions) against them.
Run from the repository root:  /usr/bin/python3 scripts/oracle/examples_oracle.py
"""
import json, pathlib, warnings
import pymatgen.core
from pymatgen.io.cif import CifParser

warnings.filterwarnings("ignore")
root = pathlib.Path(__file__).resolve().parents[2]
out = {"generator": f"pymatgen {pymatgen.core.__version__} CifParser(path).get_structures(primitive=False)[0]",
       "structures": {}}
for path in sorted((root / "datasets" / "examples").glob("*.cif")):
    s = CifParser(str(path)).get_structures(primitive=False)[0]
    comp = s.composition
    out["structures"][path.name] = {
        "formula": comp.formula,
        "reduced_formula": comp.reduced_formula,
        "n_sites": len(s),
        "is_ordered": s.is_ordered,
        "volume": s.volume,
        "density": float(s.density),
        "composition": {el.symbol: amt for el, amt in comp.element_composition.items()},
        "neighbor_pairs_3": int(len(s.get_neighbor_list(3.0)[0])),
        "neighbor_pairs_5": int(len(s.get_neighbor_list(5.0)[0])),
    }
dest = root / "tests" / "BarrierNet.Tests" / "Fixtures" / "examples-oracle.json"
dest.write_text(json.dumps(out, indent=2, sort_keys=True) + "\n")
print(json.dumps(out, indent=1))
