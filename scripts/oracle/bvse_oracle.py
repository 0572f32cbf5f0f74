#!/usr/bin/python3
"""BVlain (github.com/dembart/BVlain) as an independent oracle for `barriernet landscape`.

Runs BVlain's bond-valence site-energy grid and percolation barriers on ordered structures: the example CIFs and the
hosts of training bands (host + the ion at both band endpoints, i.e. the stoichiometric supercell), written out as
POSCAR files so that BarrierNet reads exactly the same structures. BVlain's code is only run, never copied.

usage: PYTHONPATH=DIR_WITH_bvlain /usr/bin/python3 scripts/oracle/bvse_oracle.py OUT_DIR EXAMPLES_DIR EM_JSON N_HOSTS
  writes OUT_DIR/structures/*.vasp and OUT_DIR/bvlain.json (one object per structure: file, ion, oxidation states,
  E_1D/E_2D/E_3D in eV or null, or the error BVlain raised).
Needs Debian's python3-pymatgen, python3-ase, python3-scipy, python3-pandas, python3-joblib.
"""
import glob
import json
import os
import sys
import time

import numpy as np
from pymatgen.core import Lattice, Structure
from pymatgen.io.vasp import Poscar

from bvlain import Lain

MOBILE = ["Li", "Na", "K", "Rb", "Cs", "Mg", "Ca", "Sr", "Zn", "Al"]
CHARGE = {"Li": 1, "Na": 1, "K": 1, "Rb": 1, "Cs": 1, "Mg": 2, "Ca": 2, "Sr": 2, "Zn": 2, "Al": 3}


def example_structures(folder):
    for path in sorted(glob.glob(os.path.join(folder, "*.cif"))):
        s = Structure.from_file(path)
        if not s.is_ordered:
            continue
        ion = next((m for m in MOBILE if m in [e.symbol for e in s.composition.elements]), None)
        if ion:
            yield os.path.splitext(os.path.basename(path))[0], s, ion


def band_hosts(em_json, limit):
    """Stoichiometric supercells of training bands: host (atoms 5..) plus the ion at both endpoints; one per system
    family (sys_name without its hop suffix), at most 160 atoms, ions the oracle can take."""
    seen = set()
    for e in json.load(open(em_json)):
        a = e["atoms"]
        els = a["elements"]
        if len(els) - 3 > 160:
            continue
        family = e["sys_name"].rsplit("_", 1)[0]
        if family in seen:
            continue
        lat = np.array(a["lattice_mat"], dtype=float)
        coords = np.array(a["coords"], dtype=float)
        if a.get("cartesian"):
            coords = coords @ np.linalg.inv(lat)
        keep = [0, 4] + list(range(5, len(els)))
        s = Structure(Lattice(lat), [els[i] for i in keep], coords[keep])
        ion = els[0]
        if ion not in CHARGE or s.distance_matrix[0, 1] < 0.5:
            continue
        seen.add(family)
        yield f"em{e['jid']:04d}_{family}", s, ion
        if len(seen) >= limit:
            return


def run(path, ion):
    calc = Lain(verbose=False)
    calc.read_file(path)
    t = time.time()
    calc.bvse_distribution(mobile_ion=f"{ion}{CHARGE[ion]}+", r_cut=10.0, resolution=0.2, k=100)
    energies = calc.percolation_barriers(encut=10.0)
    elapsed = time.time() - t
    oxi = {}
    for site in calc.st:
        sp = site.specie
        oxi.setdefault(sp.symbol, set()).add(float(sp.oxi_state))
    return {
        "E_1D": finite(energies["E_1D"]), "E_2D": finite(energies["E_2D"]), "E_3D": finite(energies["E_3D"]),
        "oxidation_states": {k: sorted(v) for k, v in oxi.items()},
        "grid": list(calc.size), "seconds": round(elapsed, 2),
    }


def finite(x):
    return None if x is None or not np.isfinite(x) else round(float(x), 4)


def main():
    out, examples, em_json, n_hosts = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    folder = os.path.join(out, "structures")
    os.makedirs(folder, exist_ok=True)
    results = []
    for name, s, ion in list(example_structures(examples)) + list(band_hosts(em_json, n_hosts)):
        path = os.path.join(folder, name + ".vasp")
        Poscar(s).write_file(path)
        row = {"file": os.path.basename(path), "ion": ion, "n_atoms": len(s)}
        try:
            row.update(run(path, ion))
        except Exception as e:  # BVlain's own failure is a result too (valences, missing parameters)
            row["error"] = f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
        print(json.dumps(row), flush=True)
        results.append(row)
    with open(os.path.join(out, "bvlain.json"), "w") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
