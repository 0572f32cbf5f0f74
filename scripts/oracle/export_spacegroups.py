#!/usr/bin/python3
"""Exports one setting of each of the 230 space-group types from spglib's database of Hall settings:
number, Hermann-Mauguin short symbol, and all operations (centring included) as CIF xyz strings.
The first setting spglib lists for a type is its standard one (origin choice 1 where there are two; hexagonal axes for R).
Output: src/BarrierNet.Core/Symmetry/SpaceGroups.json (embedded resource; reference groups for identification).
Run: /usr/bin/python3 scripts/oracle/export_spacegroups.py"""
import json, sys
from fractions import Fraction
import spglib

def xyz(rot, trans):
    parts = []
    for row in range(3):
        s = ''
        for c in range(3):
            v = int(rot[row][c])
            if v == 0: continue
            s += ('-' if v < 0 else ('+' if s else '')) + ('' if abs(v) == 1 else str(abs(v))) + 'xyz'[c]
        f = Fraction(float(trans[row]) % 1.0).limit_denominator(24)
        if f != 0: s += '+' + str(f)
        parts.append(s)
    return ','.join(parts)

def setting(hall):
    t = spglib.get_spacegroup_type(hall)
    sym = spglib.get_symmetry_from_database(hall)
    ops = [xyz(r, tr) for r, tr in zip(sym['rotations'], sym['translations'])]
    return {'number': t['number'], 'symbol': t['international_short'], 'hall': hall,
            'hall_symbol': t['hall_symbol'], 'ops': ops}

def main():
    out = {}
    for hall in range(1, 531):
        t = spglib.get_spacegroup_type(hall)
        if t['number'] not in out:
            out[t['number']] = setting(hall)
    groups = [out[n] for n in range(1, 231)]
    path = sys.argv[1] if len(sys.argv) > 1 else 'src/BarrierNet.Core/Symmetry/SpaceGroups.json'
    with open(path, 'w') as f:
        json.dump(groups, f, separators=(',', ':'))
    print(path, sum(len(g['ops']) for g in groups), 'operations')

if __name__ == '__main__':
    main()
