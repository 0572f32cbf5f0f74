#!/usr/bin/python3
"""Independent reference for symmetry-distinct migration hops.

Uses pymatgen (2022.11) the way pymatgen-analysis-diffusion's MigrationGraph does, without that package:
SpacegroupAnalyzer finds the space group (symprec 0.1 Å), Structure.get_neighbor_list enumerates ion-ion pairs
within the cutoff, and two pairs are the same hop when their lengths agree and
one space-group operation plus one lattice translation carries one pair's endpoints onto the other's (either
direction). (pymatgen-analysis-diffusion's own test, are_symmetrically_equivalent on the endpoint sets, is also run
and stored as hops_site_equivalence; it is looser, see distinct_hops.)
Multiplicity = number of undirected pairs per unit cell in the group.

Structures: unit cells recovered from training bands (host + the ion put back at both endpoints, reduced to the
conventional cell by spglib with no_idealize so that geometry is not symmetrised), plus hand-built ones.
Writes tests/BarrierNet.Tests/Fixtures/hops/<name>.json: {name, source, ion, max_hop, lattice, sites[{el, frac,
occ, label}], operations[xyz], spacegroup, hops[{length, multiplicity}], training{...}}.

Run:  /usr/bin/python3 scripts/oracle/hops_oracle.py   (≈1 min)
"""
import ast, json, os, sys
import numpy as np, spglib
from pymatgen.core import Structure, Lattice, Element, PeriodicSite
from pymatgen.symmetry.analyzer import SpacegroupAnalyzer

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "BarrierNet.Tests", "Fixtures", "hops")
TRAIN = os.environ.get("BARRIERNET_DATA", os.path.join(ROOT, "..", "shared", "datasets")) + "/em/em-band-train.json"
MAX_HOP = 5.0
SYMPREC = 0.1


def P(x):
    return ast.literal_eval(x) if isinstance(x, str) else x


def from_training(entry):
    a = entry["atoms"]
    L = np.array(P(a["lattice_mat"]), float)
    F = np.array(P(a["coords"]), float)
    el = P(a["elements"])
    if str(a.get("cartesian")).lower() == "true":
        F = F @ np.linalg.inv(L)
    ion = el[0]
    hop_len = float(np.linalg.norm((F[4] - F[0]) @ L))
    spacing = [float(np.linalg.norm((F[i + 1] - F[i]) @ L)) for i in range(4)]
    species = [ion, ion] + list(el[5:])
    coords = np.vstack([F[0:1], F[4:5], F[5:]]) % 1.0
    nums = [Element(s).Z for s in species]
    lat, pos, z = spglib.standardize_cell((L, coords, nums), to_primitive=False, no_idealize=True, symprec=SYMPREC)
    cell = Structure(lat, [Element.from_Z(int(n)).symbol for n in z], pos)
    return cell, ion, dict(sys_name=entry["sys_name"], hop_length=hop_len, image_spacing=spacing,
                          band_atoms=len(el), band_lattice=L.tolist())


def distinct_hops(s, ion, max_hop):
    """Group ion-ion pairs within MAX_HOP by space-group symmetry (pymatgen)."""
    sga = SpacegroupAnalyzer(s, symprec=SYMPREC)
    ops = sga.get_space_group_operations()
    ion_idx = [i for i, site in enumerate(s) if max(site.species.items(), key=lambda kv: (kv[1], -kv[0].Z))[0].symbol == ion]
    ion_only = Structure.from_sites([s[i] for i in ion_idx])
    c, n, img, d = ion_only.get_neighbor_list(max_hop)
    pairs = []
    seen = set()
    for i, j, im, dist in zip(c, n, img, d):
        if dist < 1e-6:
            continue
        key = (i, j, tuple(int(x) for x in im))
        rev = (j, i, tuple(-int(x) for x in im))
        if rev in seen:
            continue
        seen.add(key)
        a = PeriodicSite(ion, ion_only[i].frac_coords, s.lattice)
        b = PeriodicSite(ion, ion_only[j].frac_coords + im, s.lattice)
        pairs.append((float(dist), a, b))
    # Strict test: some operation g and lattice translation T carry the pair (a, b) onto (c, d) or (d, c) as a pair.
    # pymatgen-analysis-diffusion's test (SpacegroupOperations.are_symmetrically_equivalent on the endpoint sets) maps
    # each endpoint separately modulo the lattice, so it also merges hops whose endpoints are equivalent but joined
    # through a different lattice image (e.g. Li3OCl's in-plane and out-of-plane a-axis hops); it is kept as
    # "hops_site_equivalence" for comparison.
    L = s.lattice.matrix
    rots = [np.array(op.rotation_matrix) for op in ops]
    trans = [np.array(op.translation_vector) for op in ops]

    def same_pair(p, q):
        (fa, fb), (fc, fd) = p, q
        for R, t in zip(rots, trans):
            ga, gb = R @ fa + t, R @ fb + t
            for c, d in ((fc, fd), (fd, fc)):
                T = np.round(c - ga)
                if np.linalg.norm((ga + T - c) @ L) < SYMPREC and np.linalg.norm((gb + T - d) @ L) < SYMPREC:
                    return True
        return False

    strict, loose = [], []  # [length, representative, count]
    for dist, a, b in pairs:
        pf = (a.frac_coords, b.frac_coords)
        for g in strict:
            if abs(g[0] - dist) < 2 * SYMPREC and same_pair(pf, g[1]):
                g[2] += 1
                break
        else:
            strict.append([dist, pf, 1])
        for g in loose:
            if abs(g[0] - dist) < SYMPREC and (ops.are_symmetrically_equivalent([a, b], g[1], SYMPREC)
                                               or ops.are_symmetrically_equivalent([b, a], g[1], SYMPREC)):
                g[2] += 1
                break
        else:
            loose.append([dist, [a, b], 1])

    # Bottleneck (ordered structures only): brute-force distance from the straight segment to every host atom image.
    ordered = s.is_ordered
    host = np.array([site.frac_coords for site in s if site.specie.symbol != ion]) if ordered else None
    widths = 1 / np.linalg.norm(np.linalg.inv(L).T, axis=1)

    def bottleneck(pf):
        fa, fb = pf
        A, B = fa @ L, fb @ L
        m = [int(np.ceil((np.linalg.norm(B - A) / 2 + 4.0) / w)) + 1 for w in widths]
        shifts = np.array([(i, j, k) for i in range(-m[0], m[0] + 1) for j in range(-m[1], m[1] + 1) for k in range(-m[2], m[2] + 1)])
        mid = (fa + fb) / 2
        base = host - np.round(host - mid)
        P = (base[:, None, :] + shifts[None, :, :]).reshape(-1, 3) @ L
        AB = B - A
        t = np.clip((P - A) @ AB / (AB @ AB), 0, 1)
        return float(np.min(np.linalg.norm(P - (A + t[:, None] * AB), axis=1)))

    def listing(groups, with_bottleneck=False):
        out = []
        for g in groups:
            h = {"length": round(g[0], 4), "multiplicity": g[2]}
            if with_bottleneck and ordered:
                h["bottleneck"] = round(bottleneck(g[1]), 4)
            out.append(h)
        return sorted(out, key=lambda h: (h["length"], -h["multiplicity"]))
    hops, hops_loose = listing(strict, True), listing(loose)
    return sga, ops, hops, hops_loose


def write(name, s, ion, source, training=None, max_hop=MAX_HOP, cif=None):
    sga, ops, hops, hops_loose = distinct_hops(s, ion, max_hop)
    sites = []
    for site in s:
        for sp, occ in site.species.items():
            sites.append({"el": sp.symbol, "frac": [float(x) for x in site.frac_coords], "occ": float(occ),
                          "label": site.properties.get("label") if site.properties else None})
    doc = {"name": name, "source": source, "ion": ion, "max_hop": max_hop, "cif": cif,
           "lattice": s.lattice.matrix.tolist(), "sites": sites,
           "operations": [op.as_xyz_string() for op in ops],
           "spacegroup": {"number": sga.get_space_group_number(), "symbol": sga.get_space_group_symbol()},
           "n_ion_sites": sum(1 for site in s if ion in [sp.symbol for sp in site.species]),
           "hops": hops, "hops_site_equivalence": hops_loose}
    if training:
        doc["training"] = training
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(doc, f, indent=1)
    print(name, doc["spacegroup"], len(s), "atoms,", doc["n_ion_sites"], ion, "sites,", len(hops), "hops:",
          [(h["length"], h["multiplicity"]) for h in hops][:8], file=sys.stderr)


TRAINING = {  # family -> training system whose host is the fully occupied ion sublattice minus the two endpoints
    "olivine": "O-LiFePO4", "layered": "O3-NaCoO2", "spinel": "LiNi2O4", "garnet": "Li7La3Zr2O12_1",
    "nasicon": "LiZr2P3O12", "thiophosphate": "Li4P2S7", "nitride": "CaNiN_1", "antiperovskite": "Li3OCl_1",
}


EXAMPLE_CIFS = ["LiFePO4.cif", "LiMn2O4.cif", "Li3V2P3O12.cif", "Li4Fe3MnP4O16.cif", "Li8Fe2NiCoO8.cif"]


def symmetrized_cif(name, s):
    """Writes the structure as a CIF with its space-group operations and asymmetric unit (pymatgen CifWriter,
    symprec 0.1), so the C# side also reads a disordered CIF with symmetry operations."""
    from pymatgen.io.cif import CifWriter
    rel = f"tests/BarrierNet.Tests/Fixtures/hops/cif/{name}.cif"
    os.makedirs(os.path.join(ROOT, os.path.dirname(rel)), exist_ok=True)
    CifWriter(s, symprec=SYMPREC).write_file(os.path.join(ROOT, rel))
    return rel


def disordered_nasicon(entry):
    """Na3Zr2Si2PO12-type NASICON: Na1 6b full, Na2 18e at 2/3, P/Si mixed on 18e. In this cell P sits at
    (-0.291, 0, 1/4), so Na2 (literature x = 0.64 when P is at x = 0.29) is at (-0.64, 0, 1/4) = (0.36, 0, 1/4)."""
    cell, _, _ = from_training(entry)
    ops = SpacegroupAnalyzer(cell, symprec=SYMPREC).get_symmetry_operations()
    species = [{"P": 1 / 3, "Si": 2 / 3} if site.specie.symbol == "P" else {site.specie.symbol: 1.0} for site in cell]
    coords = [site.frac_coords for site in cell]
    orbit = []
    for op in ops:
        p = op.operate([0.36, 0.0, 0.25]) % 1.0
        if all(np.linalg.norm(cell.lattice.get_cartesian_coords(((p - q + 0.5) % 1.0) - 0.5)) > 0.01 for q in orbit):
            orbit.append(p)
    assert len(orbit) == 18, len(orbit)
    species += [{"Na": 2 / 3}] * len(orbit)
    coords += orbit
    return Structure(cell.lattice, species, coords)


def handmade():
    """Hand-built cells (coordinates rounded from literature values; see each comment)."""
    out = {}
    # Cubic argyrodite Li6PS5Cl, F-43m, a = 9.85 Å: Li 48h, P 4b, S 16e, S 4d, Cl 4a (S/Cl site disorder omitted).
    out["argyrodite"] = Structure.from_spacegroup(
        "F-43m", Lattice.cubic(9.85), ["Li", "P", "S", "S", "Cl"],
        [[0.3148, 0.9852, 0.6852], [0.5, 0.5, 0.5], [0.6198, 0.6198, 0.6198], [0.25, 0.25, 0.25], [0.0, 0.0, 0.0]])
    # The same argyrodite with the 48h Li sites half occupied (real files: 24 Li on 48 sites) and 4a/4d mixed S/Cl.
    dis = Structure.from_spacegroup(
        "F-43m", Lattice.cubic(9.85), [{"Li": 0.5}, "P", "S", {"S": 0.5, "Cl": 0.5}, {"Cl": 0.6, "S": 0.4}],
        [[0.3148, 0.9852, 0.6852], [0.5, 0.5, 0.5], [0.6198, 0.6198, 0.6198], [0.25, 0.25, 0.25], [0.0, 0.0, 0.0]])
    out["argyrodite-disordered"] = dis
    return out


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    data = {e["sys_name"]: e for e in json.load(open(TRAIN))}
    only = sys.argv[1:]
    for family, sys_name in TRAINING.items():
        if only and family not in only:
            continue
        cell, ion, info = from_training(data[sys_name])
        # NASICON's Li(6b)-Li(6b) hop of the training set is 6.26 Å, beyond the default cutoff.
        write(family, cell, ion, f"training band {sys_name}, ion restored at both endpoints, spglib conventional cell (no_idealize)",
              info, max_hop=6.5 if family == "nasicon" else MAX_HOP)
    if not only or "nasicon-disordered" in only:
        nasicon = disordered_nasicon(data["NaZr2P3O12"])
        write("nasicon-disordered", nasicon, "Na", cif=symmetrized_cif("nasicon-disordered", nasicon), source=
              "training band NaZr2P3O12 (R-3c cell as above) made Na3Zr2Si2PO12-like by hand: Na2 18e (0.36, 0, 1/4) "
              "at occupancy 2/3 added, P 18e made P 1/3 + Si 2/3")
    for name, s in handmade().items():
        if only and name not in only:
            continue
        write(name, s, "Li", "hand-built, see scripts/oracle/hops_oracle.py", cif=symmetrized_cif(name, s))
    from pymatgen.io.cif import CifParser
    for cif in EXAMPLE_CIFS:
        name = "cif-" + os.path.splitext(cif)[0]
        if only and name not in only:
            continue
        st = CifParser(os.path.join(ROOT, "datasets", "examples", cif)).get_structures(primitive=False)[0]
        write(name, st, "Li", "datasets/examples/" + cif + " read by pymatgen CifParser", cif="datasets/examples/" + cif)
