"""Interval widths of two directories of `barriernet predict --format json` outputs, hop by hop (same hops in the
same order): mean and largest width before and after, and the mean, largest and smallest change.
Usage: python3 interval_widths.py BEFORE_DIR AFTER_DIR"""
import json, os, sys

def widths(d):
    out = []
    for name in sorted(f for f in os.listdir(d) if f.endswith(".json")):
        text = open(os.path.join(d, name)).read()
        if text.strip():
            out += [h["interval"][1] - h["interval"][0] for m in json.loads(text) for h in m["hops"]]
    return out

b, a = widths(sys.argv[1]), widths(sys.argv[2])
assert len(a) == len(b)
d = [y - x for x, y in zip(b, a)]
print(f"{len(a)} hops: mean width {sum(b) / len(b):.3f} -> {sum(a) / len(a):.3f} eV (change {sum(d) / len(d):+.3f}); "
      f"largest width {max(b):.3f} -> {max(a):.3f} eV; change per hop from {min(d):+.3f} to {max(d):+.3f} eV; "
      f"narrower {sum(x < 0 for x in d)}, wider {sum(x > 0 for x in d)}")
