"""Field-wise comparison of two directories of `barriernet predict --format json` outputs (one file per structure):
which fields changed, which were added or removed, per material and per hop, and the hops marked familiar.

Usage: python3 compare_predict_dirs.py BEFORE_DIR AFTER_DIR
"""
import json, os, sys

before_dir, after_dir = sys.argv[1:3]
changed, added, removed, familiar, hops, materials = {}, {}, {}, 0, 0, 0
def count(d, k): d[k] = d.get(k, 0) + 1
for name in sorted(f for f in os.listdir(before_dir) if f.endswith(".json")):
    text_b, text_a = (open(os.path.join(d, name)).read() for d in (before_dir, after_dir))
    if not text_b.strip() and not text_a.strip():
        continue  # a structure predict refuses, in both
    before, after = json.loads(text_b), json.loads(text_a)
    assert len(before) == len(after), name
    for mb, ma in zip(before, after):
        materials += 1
        for k in set(mb) | set(ma):
            if k == "hops": continue
            if k not in ma: count(removed, "material." + k)
            elif k not in mb: count(added, "material." + k)
            elif mb[k] != ma[k]: count(changed, "material." + k)
        assert len(mb["hops"]) == len(ma["hops"]), name
        for hb, ha in zip(mb["hops"], ma["hops"]):
            hops += 1
            familiar += ha.get("familiar") is True
            for k in set(hb) | set(ha):
                if k not in ha: count(removed, "hop." + k)
                elif k not in hb: count(added, "hop." + k)
                elif hb[k] != ha[k]: count(changed, "hop." + k)
print(f"{materials} materials, {hops} hops ({familiar} familiar)")
print(f"changed: {changed or 'none'}\nadded: {added or 'none'}\nremoved: {removed or 'none'}")
