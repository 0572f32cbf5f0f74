#!/usr/bin/python3
"""Space-group numbers from spglib (symprec 0.1 Å, as SymmetryFinder's default) for the structures of a
pretraining file, to check SpaceGroupIdentifier on real Materials Project structures (only derived numbers are
stored in the repository, never the structures). Output lines: jid<TAB>n_sites<TAB>number<TAB>symbol<TAB>n_ops.
Run: /usr/bin/python3 scripts/oracle/spglib_pretrain.py ../shared/datasets/pretrain/ph.json 400 > tests/BarrierNet.Tests/Fixtures/symmetry/ph_spglib.tsv"""
import json, sys
import numpy as np
import spglib

path, limit = sys.argv[1], int(sys.argv[2])
for e in json.load(open(path))[:limit]:
    a = e['atoms']
    lat = np.array(a['lattice_mat'], dtype=float)
    pos = np.array(a['coords'], dtype=float)
    if a.get('cartesian'):
        pos = pos @ np.linalg.inv(lat)
    kinds = {el: i for i, el in enumerate(sorted(set(a['elements'])))}
    cell = (lat, pos, [kinds[el] for el in a['elements']])
    ds = spglib.get_symmetry_dataset(cell, symprec=0.1)
    sym = spglib.get_symmetry(cell, symprec=0.1)
    print(f"{e['jid']}\t{len(pos)}\t{ds['number']}\t{ds['international']}\t{len(sym['rotations'])}")
