"""Cross-fitted affine stretch of out-of-fold barriers: does a + b * prediction (least absolute deviation, fitted on
four fifths of the hops, applied to the fifth) reduce the under-prediction of high barriers?

Usage: python3 affine_stretch.py oof-predictions.csv
"""
import csv, sys, random

def load(p):
    return [dict(name=r['sys_name'], t=float(r['target']), y=float(r['prediction'])) for r in csv.DictReader(open(p))]

def rng(t):
    return '<0.65' if t < 0.65 else ('0.65-1.5' if t < 1.5 else '>=1.5')
rows=load(sys.argv[1])
names=sorted(r['name'] for r in rows); random.Random(0).shuffle(names); part={n:i%5 for i,n in enumerate(names)}
def fit(tr):
    # least absolute deviation over a grid of (a,b) for y' = a + b*y
    best=None
    for b in [1+0.05*k for k in range(0,13)]:
        for a in [-0.3+0.02*k for k in range(0,31)]:
            e=sum(abs(a+b*r['y']-r['t']) for r in tr)
            if best is None or e<best[0]: best=(e,a,b)
    return best[1],best[2]
out={}
for p in range(5):
    a,b=fit([r for r in rows if part[r['name']]!=p])
    print('fold',p,'a=%.2f b=%.2f'%(a,b))
    for r in rows:
        if part[r['name']]==p: out[r['name']]=a+b*r['y']
for k in ['all','<0.65','0.65-1.5','>=1.5']:
    g=[r for r in rows if k=='all' or rng(r['t'])==k]
    m0=sum(abs(r['y']-r['t']) for r in g)/len(g); m1=sum(abs(out[r['name']]-r['t']) for r in g)/len(g)
    b1=sum(out[r['name']]-r['t'] for r in g)/len(g)
    acc0=sum((r['y']<0.65)==(r['t']<0.65) for r in g)/len(g); acc1=sum((out[r['name']]<0.65)==(r['t']<0.65) for r in g)/len(g)
    print(f"{k:9s} n={len(g)} mae {m0:.3f} -> {m1:.3f} bias-> {b1:+.3f} acc {acc0:.3f} -> {acc1:.3f}")
