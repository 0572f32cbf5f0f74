"""The pymatgen side of scripts/bench-vs-pymatgen.sh, each tool as a user calls it (one Python process per task).

  write DATA_JSON OUTDIR N   write the first N Li-containing Materials Project structures of a pretraining file
                             (>= 2 Li, no other mobile ion; the selection of scripts/bench/ScreenBench) as CIFs
  neighbors DIR              parse every CIF and list all neighbours within 8 A; prints pairs and seconds
  hops DIR [LIMIT]           symmetry-distinct Li hops up to 5 A with pymatgen-analysis-diffusion's MigrationGraph
                             (symprec 0.1, as barriernet); writes DIR/pymatgen-hops.txt, one line per file: name,
                             distinct-hop count (or "timeout"), CPU seconds (user + sys) and wall seconds spent on that file, and
                             prints the totals. LIMIT (CPU seconds, default none) stops a file's MigrationGraph after
                             that much CPU time: a few P1 cells with many Li take minutes, because MigrationGraph
                             compares every hop with every other one found so far through the space-group operations.
"""
import glob
import json
import os
import resource
import signal
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


class TimeLimit(Exception):
    pass


def cpu_seconds():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def on_limit(signum, frame):
    raise TimeLimit()


def hops(d, limit=None):
    from pymatgen.core import Structure
    from pymatgen.analysis.diffusion.neb.full_path_mapper import MigrationGraph
    signal.signal(signal.SIGPROF, on_limit)
    t = time.perf_counter()
    rows = []
    # One line per file as soon as it is done, so that a long run shows its progress and a stopped one keeps its rows.
    with open(os.path.join(d, "pymatgen-hops.txt"), "w") as out:
        for f in files(d):
            start, wall = cpu_seconds(), time.perf_counter()
            try:
                if limit:
                    signal.setitimer(signal.ITIMER_PROF, limit)  # counts this process's user + sys time
                s = Structure.from_file(f)
                count = str(len(MigrationGraph.with_distance(s, "Li", max_distance=5.0, symprec=0.1).unique_hops))
            except TimeLimit:
                count = "timeout"
            finally:
                signal.setitimer(signal.ITIMER_PROF, 0)
            rows.append((os.path.basename(f), count, cpu_seconds() - start, time.perf_counter() - wall))
            out.write("%s %s %.3f %.3f\n" % rows[-1])
            out.flush()
    done = [r for r in rows if r[1] != "timeout"]
    print(f"pymatgen-analysis-diffusion hops: {sum(int(r[1]) for r in done)} distinct hops in {len(done)} files, "
          f"{len(rows) - len(done)} stopped at {limit} s CPU; {time.perf_counter() - t:.2f} s")


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "write":
        write(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif cmd == "neighbors":
        neighbors(sys.argv[2])
    elif cmd == "hops":
        hops(sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else None)
