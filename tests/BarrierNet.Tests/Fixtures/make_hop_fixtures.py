"""Writes hop-bands.json (small synthetic bands made for the tests, not taken from any dataset) and
hop-oracle.json (reference descriptor values computed here by brute force over periodic images with numpy and
pymatgen's electronegativities, frozen so that the C# tests need no Python).

Run: /usr/bin/python3 tests/BarrierNet.Tests/Fixtures/make_hop_fixtures.py   (pymatgen 2022.11, numpy)
"""
import json, os
import numpy as np
import yaml
import pymatgen.core
from pymatgen.core import Lattice, Element

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(os.path.dirname(os.path.dirname(pymatgen.core.__file__)), "analysis", "bvparam_1991.yaml")) as fh:
    BV = yaml.safe_load(fh)
rng = np.random.default_rng(7)


def band(name, cls, target, lattice, ion, start, end, host):
    """host: list of (element, frac). Images: 5 evenly spaced points start→end (fractional, unwrapped)."""
    start, end = np.array(start, float), np.array(end, float)
    imgs = [start + k / 4 * (end - start) for k in range(5)]
    els = [ion] * 5 + [e for e, _ in host]
    coords = [list(map(float, p)) for p in imgs] + [list(map(float, f)) for _, f in host]
    L = Lattice(np.array(lattice, float))
    return {"sys_name": name, "class": cls, "target": target, "formula": "",
            "atoms": {"lattice_mat": L.matrix.tolist(), "coords": coords, "elements": els,
                      "abc": list(L.abc), "angles": list(L.angles), "cartesian": False, "props": [""] * len(els)}}


def rocksalt(a=4.26, ion="Li", extra=None):
    # 2x1x1 rocksalt cell: 8 anion (O) and 8 cation sites; the ion hops between two vacant cation sites;
    # one other cation site holds the ion's element (a host atom of the same element), five hold Co.
    o = []
    cat = []
    for i in range(2):
        for f in [(0, 0, 0), (.5, .5, 0), (.5, 0, .5), (0, .5, .5)]:
            o.append(((f[0] + i) / 2, f[1], f[2]))
        for f in [(.5, .5, .5), (0, 0, .5), (0, .5, 0), (.5, 0, 0)]:
            cat.append(((f[0] + i) / 2, f[1], f[2]))
    start, end = cat[0], cat[1]           # (0.25,.5,.5) -> (0,0,.5): an octahedral-octahedral hop of a/sqrt2
    host = [("O", f) for f in o] + [(ion, cat[2])] + [("Co", f) for f in cat[3:]]
    if extra:
        host.append(extra)
    lat = [[2 * a, 0, 0], [0, a, 0], [0, 0, a]]
    return lat, start, end, host


def random_host(lat, start, end, counts, min_sep=1.7, path_sep=1.3):
    L = Lattice(np.array(lat, float))
    pts, els = [], []
    s, e = np.array(start), np.array(end)
    path = [L.get_cartesian_coords(s + t * (e - s)) for t in np.linspace(0, 1, 21)]
    for el, n in counts:
        for _ in range(n):
            while True:
                f = rng.random(3)
                ok = all(min_image_dist(L, f, q) >= min_sep for q in pts)
                c = L.get_cartesian_coords(f)
                ok = ok and all(np.linalg.norm(c - p - L.get_cartesian_coords(img)) >= path_sep
                                for p in path for img in images(2))
                if ok:
                    pts.append(f); els.append(el); break
    return list(zip(els, pts))


def images(n):
    r = range(-n, n + 1)
    return [np.array([i, j, k], float) for i in r for j in r for k in r]


def min_image_dist(L, f1, f2):
    d = np.array(f2) - np.array(f1)
    d -= np.round(d)
    return min(np.linalg.norm(L.get_cartesian_coords(d + img)) for img in images(1))


tric = Lattice.from_parameters(5.1, 6.3, 7.2, 81, 97, 104).matrix.tolist()
tric_start, tric_end = (0.1, 0.2, 0.3), (0.45, 0.35, 0.55)
tric_host = random_host(tric, tric_start, tric_end, [("Fe", 2), ("P", 2), ("O", 8), ("Na", 1)])
hexa = Lattice.hexagonal(3.7, 6.0).matrix.tolist()
hex_start, hex_end = (1 / 3, 2 / 3, 0.5), (2 / 3, 4 / 3, 0.5)   # crosses the cell boundary along b
hex_host = [("Ti", (0, 0, 0)), ("S", (1 / 3, 2 / 3, 0.22)), ("S", (2 / 3, 1 / 3, 0.78)), ("Mg", (2 / 3, 1 / 3, 0.3))]

bands = []
lat, s, e, h = rocksalt()
bands.append(band("RS-CoO_Li_1", "ROCKSALT", 0.42, lat, "Li", s, e, h))
lat, s, e, h = rocksalt(a=4.40)
bands.append(band("RS-CoO_Li_2", "ROCKSALT", 0.31, lat, "Li", s, e, h))
lat, s, e, h = rocksalt(ion="Mg")
bands.append(band("RS-CoO_Mg", "ROCKSALT", 1.35, lat, "Mg", s, e, h))
lat, s, e, h = rocksalt(a=4.30, extra=("O", (0.25, 0.5, 0.5)))    # a host O exactly on image 0
bands.append(band("RS-CoO2_Li_clash", "ROCKSALT", 2.10, lat, "Li", s, e, h))
bands.append(band("TRI-NaFePO4_1", "PHOSPHATES", 0.55, tric, "Na", tric_start, tric_end, tric_host))
bands.append(band("TRI-CaFePO4", "PHOSPHATES", 0.95, tric, "Ca", tric_start, tric_end, tric_host))
bands.append(band("HEX-MgTiS2_1", "LAYERED", 0.75, hexa, "Mg", hex_start, hex_end, hex_host))
bands.append(band("HEX-ZnTiS2", "LAYERED", 0.62, hexa, "Zn", hex_start, hex_end, hex_host))

with open(os.path.join(HERE, "hop-bands.json"), "w") as fh:
    json.dump(bands, fh, indent=1)


# ---------------- reference values by brute force ----------------
def oracle(b):
    a = b["atoms"]
    L = Lattice(np.array(a["lattice_mat"]))
    fc = np.array(a["coords"]); el = a["elements"]
    hf, he = fc[5:] % 1.0, el[5:]
    imgs = images(4)
    cart_imgs = np.array([L.get_cartesian_coords(i) for i in imgs])
    hc = L.get_cartesian_coords(hf)
    allpos = (hc[:, None, :] + cart_imgs[None, :, :]).reshape(-1, 3)
    allidx = np.repeat(np.arange(len(he)), len(imgs))
    c0 = L.get_cartesian_coords(fc[0]); hop = L.get_cartesian_coords(fc[4]) - c0
    # anion rule: nearest neighbours (within 0.05 Å of the nearest) less electronegative -> anion
    en = [Element(x).X for x in he]
    anion = []
    for i in range(len(he)):
        d = np.linalg.norm(allpos - hc[i], axis=1)
        mask = d > 1e-8
        d, idx = d[mask], allidx[mask]
        near = d.min()
        partner = min(en[j] for j in idx[d <= near + 0.05])
        anion.append(en[i] > partner + 1e-9 or (abs(en[i] - partner) <= 1e-9 and en[i] >= 2.5))
    anion = np.array(anion)

    def probe(t):
        q = c0 + t * hop
        d = np.linalg.norm(allpos - q, axis=1)
        o = np.argsort(d, kind="stable")
        d, idx = d[o], allidx[o]
        return d, idx
    res = {"hop_length": float(np.linalg.norm(hop))}
    t = np.clip((allpos - c0) @ hop / (hop @ hop), 0, 1)
    dseg = np.linalg.norm(allpos - (c0 + t[:, None] * hop), axis=1)
    k = int(np.argmin(dseg))
    res["path_min_dist"] = float(dseg[k]); res["path_min_pos"] = float(min(t[k], 1 - t[k]))
    for name, tt in [("start", 0.0), ("end", 1.0), ("mid", 0.5)]:
        d, idx = probe(tt)
        res["nn1_" + name] = float(d[0])
        if name != "end":
            res["nn4_" + name] = float(d[:4].mean())
    q = [probe(0.25), probe(0.75)]
    res["nn4_quarter"] = float(min(x[0][:4].mean() for x in q))
    res["count25_quarter"] = int(max((x[0] <= 2.5).sum() for x in q))
    d, idx = probe(0.5)
    res["count25_mid"] = int((d <= 2.5).sum()); res["count30_mid"] = int((d <= 3.0).sum())
    res["anion_dist_mid"] = float(d[anion[idx]][0]); res["cation_dist_mid"] = float(d[~anion[idx]][0])
    res["volume_per_host_atom"] = float(L.volume / len(he))
    res["anion_fraction"] = float(anion.mean())
    # Bond valence (O'Keeffe & Brese 1991 general parameters, as in pymatgen's bvparam_1991.yaml; b = 0.37 Å) and
    # cation repulsion sum 1/d (within 6 Å) at 21 points of the path; anions within 8 Å of the path; d floored at 0.5 Å.
    ion = el[0]; V = {"Li": 1, "Na": 1, "K": 1, "Mg": 2, "Ca": 2, "Zn": 2, "Al": 3}[ion]
    def r0(x, y):
        p, q = BV[x], BV[y]
        return p["r"] + q["r"] - p["r"] * q["r"] * (np.sqrt(p["c"]) - np.sqrt(q["c"])) ** 2 / (p["c"] * p["r"] + q["c"] * q["r"])
    near_path = dseg <= 8.0
    s, rep = [], []
    for tt in np.linspace(0, 1, 21):
        d = np.maximum(np.linalg.norm(allpos - (c0 + tt * hop), axis=1), 0.5)
        s.append(sum(np.exp((r0(ion, he[j]) - d[i]) / 0.37) for i, j in enumerate(allidx) if near_path[i] and anion[j]))
        rep.append(sum(1 / d[i] for i, j in enumerate(allidx) if near_path[i] and not anion[j] and d[i] <= 6.0))
    mis_end = 0.5 * (abs(s[0] - V) + abs(s[-1] - V))
    res["bvs_end"] = float(0.5 * (s[0] + s[-1])); res["bvs_path_min"] = float(min(s)); res["bvs_path_max"] = float(max(s))
    res["bv_mismatch_end"] = float(mis_end); res["bv_mismatch_barrier"] = float(max(abs(x - V) for x in s) - mis_end)
    res["cation_repulsion_end"] = float(0.5 * (rep[0] + rep[-1]))
    res["cation_repulsion_barrier"] = float(max(rep) - 0.5 * (rep[0] + rep[-1]))
    # Relaxed path: at each of the 21 points the ion may step up to 1.2 Å aside, perpendicular to the hop, on a polar
    # grid (rings every 0.1 Å with ceil(2 pi r / 0.1) points, phase 0 along axis x e, e the Cartesian axis least aligned
    # with the hop); it takes the most room (distance to the nearest host atom) and, separately, the bond-valence sum
    # nearest V. Host atoms within 7.2 Å of the point count; d floored at 0.5 Å for the bond valence.
    ax = hop / np.linalg.norm(hop); e = np.eye(3)[int(np.argmin(np.abs(ax)))]
    u = np.cross(ax, e); u /= np.linalg.norm(u); v = np.cross(ax, u)
    disc = [np.zeros(3)]
    for ring in range(1, 13):
        r = ring * 0.1; n = int(np.ceil(2 * np.pi * r / 0.1))
        disc += [r * np.cos(2 * np.pi * j / n) * u + r * np.sin(2 * np.pi * j / n) * v for j in range(n)]
    disc = np.array(disc)
    r0_host = np.array([r0(ion, x) if anion[j] else np.nan for j, x in enumerate(he)])
    room, mis = [], []
    for tt in np.linspace(0, 1, 21):
        centre = c0 + tt * hop
        sel = np.linalg.norm(allpos - centre, axis=1) <= 7.2
        pos, rr = allpos[sel], r0_host[allidx[sel]]
        d = np.linalg.norm((centre + disc)[:, None, :] - pos[None, :, :], axis=2)
        room.append(np.minimum(d.min(axis=1), 8.0).max())
        bvs = np.where(np.isnan(rr), 0.0, np.exp((np.nan_to_num(rr) - np.maximum(d, 0.5)) / 0.37)).sum(axis=1)
        mis.append(np.abs(bvs - V).min())
    res["relaxed_room_min"] = float(min(room))
    res["relaxed_room_gain"] = float(min(room) - res["path_min_dist"])
    res["relaxed_bv_mismatch_barrier"] = float(max(mis) - mis_end)
    # Host composition: pymatgen's element properties over host atoms that are not the ion's element
    # (atom-weighted mean, population std, min, max; properties pymatgen lacks are left out). Masses rounded to the
    # 5 decimals BarrierNet's element table keeps.
    framework = [Element(x) for x in he if x != ion]
    props = {"en": lambda e: e.X, "atomic_radius": lambda e: e.atomic_radius, "period": lambda e: e.row,
             "group": lambda e: e.group, "mendeleev": lambda e: e.mendeleev_no, "mass": lambda e: round(float(e.atomic_mass), 5),
             "max_oxidation": lambda e: e.max_oxidation_state, "min_oxidation": lambda e: e.min_oxidation_state}
    for name, f in props.items():
        v = np.array([float(f(e)) for e in framework if f(e) is not None])
        res[f"host_{name}_mean"] = float(v.mean()); res[f"host_{name}_std"] = float(v.std())
        res[f"host_{name}_min"] = float(v.min()); res[f"host_{name}_max"] = float(v.max())
    return res


with open(os.path.join(HERE, "hop-oracle.json"), "w") as fh:
    json.dump({b["sys_name"]: oracle(b) for b in bands}, fh, indent=1)
print("wrote", len(bands), "bands")
