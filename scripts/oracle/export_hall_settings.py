#!/usr/bin/python3
"""Exports every Hall setting in spglib's database (530: other axes choices, origin choices, cell choices,
rhombohedral axes) that is NOT the standard one exported by export_spacegroups.py, for the test that the
space-group fingerprint does not depend on the setting. Each line: number<TAB>symbol<TAB>hall_symbol<TAB>ops separated by ';'.
Run: /usr/bin/python3 scripts/oracle/export_hall_settings.py > tests/BarrierNet.Tests/Fixtures/symmetry/hall_settings.tsv"""
import spglib
from export_spacegroups import xyz

seen = set()
for hall in range(1, 531):
    t = spglib.get_spacegroup_type(hall)
    if t['number'] not in seen:
        seen.add(t['number'])
        continue
    sym = spglib.get_symmetry_from_database(hall)
    ops = ';'.join(xyz(r, tr) for r, tr in zip(sym['rotations'], sym['translations']))
    print(f"{t['number']}\t{t['international_short']}\t{t['hall_symbol']}\t{ops}")
