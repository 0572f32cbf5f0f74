"""Freezes pymatgen-analysis-diffusion's MigrationGraph on a few Materials Project structures of
scripts/bench-vs-pymatgen.sh (Li hops up to 5 A, symprec 0.1, as `barriernet hops` runs), for
tests/BarrierNet.Tests/Migration/MigrationGraphAgreementTests.cs. For each CIF (copied next to the JSON) it records the
distinct-hop lengths MigrationGraph gives as released and with the 1e-3 A length test of MigrationHop.__eq__ left out
(symmetry test alone), the number of graph edges (Li pairs within 5 A) and spglib's space group at symprec 0.1.

Usage (Debian's python3-pymatgen, pymatgen-analysis-diffusion v2022.7.21 on PYTHONPATH):
  /usr/bin/python3 scripts/oracle/migration_graph_oracle.py OUTDIR CIF...
"""
import json
import os
import shutil
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


def main(outdir, cifs):
    os.makedirs(outdir, exist_ok=True)
    result = {}
    for path in cifs:
        name = os.path.splitext(os.path.basename(path))[0]
        s = Structure.from_file(path)
        entry = {"spacegroup": SpacegroupAnalyzer(s, symprec=0.1).get_space_group_number()}
        for key, eq in (("released", released_eq), ("symmetry_only", symmetry_only_eq)):
            pathfinder.MigrationHop.__eq__ = eq
            mg = MigrationGraph.with_distance(s, "Li", max_distance=5.0, symprec=0.1)
            entry[key] = sorted(round(d["hop"].length, 4) for d in mg.unique_hops.values())
            entry["edges"] = mg.m_graph.graph.number_of_edges()
        pathfinder.MigrationHop.__eq__ = released_eq
        result[name] = entry
        shutil.copyfile(path, os.path.join(outdir, name + ".cif"))
    with open(os.path.join(outdir, "migration-graph.json"), "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
