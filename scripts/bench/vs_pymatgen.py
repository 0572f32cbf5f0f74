"""The pymatgen side of scripts/bench-vs-pymatgen.sh, each tool as a user calls it (one Python process per task).

  write DATA_JSON OUTDIR N   write the first N Li-containing Materials Project structures of a pretraining file
                             (>= 2 Li, no other mobile ion; the selection of scripts/bench/ScreenBench) as CIFs
  neighbors DIR              parse every CIF and list all neighbours within 8 A; prints pairs and seconds
  hops DIR                   symmetry-distinct Li hops up to 5 A with pymatgen-analysis-diffusion's MigrationGraph
                             (symprec 0.1, as barriernet); prints one count per file and seconds
"""
import glob
import json
import os
import sys
import time
import warnings

warnings.filterwarnings("ignore")
OTHER_IONS = {"Na", "K", "Mg", "Ca", "Zn", "Al", "Rb", "Cs", "Sr"}


def write(data, outdir, n):
    from pymatgen.core import Lattice, Structure
    from pymatgen.io.cif import CifWriter
    os.makedirs(outdir, exist_ok=True)
    k = 0
    for e in json.load(open(data)):
        a = e["atoms"]
        els = a["elements"]
        if els.count("Li") < 2 or OTHER_IONS & set(els):
            continue
        s = Structure(Lattice(a["lattice_mat"]), els, a["coords"], coords_are_cartesian=a.get("cartesian", False))
        CifWriter(s).write_file(os.path.join(outdir, f"mp-{k:04d}.cif"))
        k += 1
        if k == n:
            break


def files(d):
    return sorted(glob.glob(os.path.join(d, "*.cif")))


def neighbors(d):
    from pymatgen.core import Structure
    t = time.perf_counter()
    pairs = 0
    for f in files(d):
        s = Structure.from_file(f)
        pairs += sum(len(x) for x in s.get_all_neighbors(8.0))
    print(f"pymatgen neighbours: {pairs} pairs in {time.perf_counter() - t:.2f} s")


def hops(d):
    from pymatgen.core import Structure
    from pymatgen.analysis.diffusion.neb.full_path_mapper import MigrationGraph
    t = time.perf_counter()
    counts = []
    for f in files(d):
        s = Structure.from_file(f)
        counts.append((os.path.basename(f), len(MigrationGraph.with_distance(s, "Li", max_distance=5.0, symprec=0.1).unique_hops)))
    print(f"pymatgen-analysis-diffusion hops: {sum(c for _, c in counts)} distinct hops in {time.perf_counter() - t:.2f} s")
    with open(os.path.join(d, "pymatgen-hops.txt"), "w") as out:
        for name, c in counts:
            out.write(f"{name} {c}\n")


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "write":
        write(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif cmd == "neighbors":
        neighbors(sys.argv[2])
    elif cmd == "hops":
        hops(sys.argv[2])
