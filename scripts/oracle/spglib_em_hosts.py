#!/usr/bin/python3
"""spglib (symprec 0.1) on the HOST of barrier-band entries (atoms 5.. of each band: the supercell without the
migrating ion): larger, lower-symmetry cells. Output: jid<TAB>n_sites<TAB>number<TAB>symbol<TAB>n_ops.
Run: /usr/bin/python3 scripts/oracle/spglib_em_hosts.py ../shared/datasets/em/em-band-train.json 60 > tests/BarrierNet.Tests/Fixtures/symmetry/em_hosts_spglib.tsv"""
import json, sys
import numpy as np
import spglib

path, limit = sys.argv[1], int(sys.argv[2])
for e in json.load(open(path))[:limit]:
    a = e['atoms']
    lat = np.array(a['lattice_mat'], dtype=float)
    pos = np.array(a['coords'], dtype=float)[5:]
    if a.get('cartesian'):
        pos = pos @ np.linalg.inv(lat)
    els = a['elements'][5:]
    kinds = {el: i for i, el in enumerate(sorted(set(els)))}
    cell = (lat, pos, [kinds[el] for el in els])
    ds = spglib.get_symmetry_dataset(cell, symprec=0.1)
    sym = spglib.get_symmetry(cell, symprec=0.1)
    print(f"{e['jid']}\t{len(pos)}\t{ds['number']}\t{ds['international']}\t{len(sym['rotations'])}")
