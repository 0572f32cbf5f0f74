"""Compares two `barriernet predict --format json` outputs: which fields changed, hop by hop.

Usage: python3 compare_predict.py before.json after.json
"""
import json, sys

before, after = (json.load(open(p)) for p in sys.argv[1:3])
changed = {}
assert len(before) == len(after)
for mb, ma in zip(before, after):
    assert mb["file"] == ma["file"]
    for k in mb:
        if k != "hops" and mb[k] != ma[k]:
            changed.setdefault("material." + k, 0); changed["material." + k] += 1
    assert len(mb["hops"]) == len(ma["hops"])
    for hb, ha in zip(mb["hops"], ma["hops"]):
        for k in hb:
            if hb[k] != ha[k]:
                changed.setdefault("hop." + k, 0); changed["hop." + k] += 1
n = sum(len(m["hops"]) for m in before)
print(f"{len(before)} materials, {n} hops; fields that differ (count): {changed or 'none'}")
