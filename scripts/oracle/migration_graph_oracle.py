"""Freezes pymatgen-analysis-diffusion's MigrationGraph on a few Materials Project structures of
scripts/bench-vs-pymatgen.sh (Li hops up to 5 A, symprec 0.1, as `barriernet hops` runs), for
tests/BarrierNet.Tests/Migration/MigrationGraphAgreementTests.cs. The structures are read from the shared pretraining
file fe.json by jid (the test reads the same entries; no structure is copied into the repository). For each it records the
distinct-hop lengths MigrationGraph gives as released and with the 1e-3 A length test of MigrationHop.__eq__ left out
(symmetry test alone), the number of graph edges (Li pairs within 5 A) and spglib's space group at symprec 0.1.

Usage (Debian's python3-pymatgen, pymatgen-analysis-diffusion v2022.7.21 on PYTHONPATH):
  /usr/bin/python3 scripts/oracle/migration_graph_oracle.py OUTDIR FE_JSON JID...
"""
import json
import os
import sys
import warnings

warnings.filterwarnings("ignore")
from pymatgen.core import Structure
from pymatgen.symmetry.analyzer import SpacegroupAnalyzer
from pymatgen.analysis.diffusion.neb.full_path_mapper import MigrationGraph
from pymatgen.analysis.diffusion.neb import pathfinder

released_eq = pathfinder.MigrationHop.__eq__


def symmetry_only_eq(self, other):
    if self.symm_structure != other.symm_structure:
        return False
    return self.symm_structure.spacegroup.are_symmetrically_equivalent(
        (self.isite, self.msite, self.esite), (other.isite, other.msite, other.esite), self.symprec)


def main(outdir, fe_json, jids):
    from pymatgen.core import Lattice
    os.makedirs(outdir, exist_ok=True)
    wanted = {int(j) for j in jids}
    result = {}
    for e in json.load(open(fe_json)):
        if e["jid"] not in wanted:
            continue
        a = e["atoms"]
        s = Structure(Lattice(a["lattice_mat"]), a["elements"], a["coords"], coords_are_cartesian=a.get("cartesian", False))
        entry = {"spacegroup": SpacegroupAnalyzer(s, symprec=0.1).get_space_group_number()}
        for key, eq in (("released", released_eq), ("symmetry_only", symmetry_only_eq)):
            pathfinder.MigrationHop.__eq__ = eq
            mg = MigrationGraph.with_distance(s, "Li", max_distance=5.0, symprec=0.1)
            entry[key] = sorted(round(d["hop"].length, 4) for d in mg.unique_hops.values())
            entry["edges"] = mg.m_graph.graph.number_of_edges()
        pathfinder.MigrationHop.__eq__ = released_eq
        result[str(e["jid"])] = entry
    with open(os.path.join(outdir, "migration-graph.json"), "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
