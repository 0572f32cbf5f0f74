import csv, json, math, random, sys
DATA='/work/accuracy/../shared/datasets/em/em-band-train.json'
ion_of={e['sys_name']:e['atoms']['elements'][0] for e in json.load(open(DATA))}
EDGES=[0.65,1.5]; TAUS=[0.0,0.025,0.05,0.075,0.1,0.15,0.2]; LEVEL=0.9; FLOOR=0.02
def read(path, src):
    out=[]
    for r in csv.DictReader(open(path)):
        out.append(dict(p=float(r['prediction']), s=float(r['uncertainty']), t=float(r['target']), ion=ion_of[r['sys_name']], src=src, hop=r['sys_name']))
    return out
def rng(x):
    b=0
    while b<len(EDGES) and x>=EDGES[b]: b+=1
    return b
def quant(vals,p):
    s=sorted(vals); k=min(max(math.ceil((len(s)+1)*p),1),len(s)); return s[k-1]
def diff(r,tau): return math.sqrt(max(r['s'],FLOOR)**2+tau*tau)
class Cal:
    def __init__(s,tau,ranges,ions): s.tau=tau; s.ranges=ranges; s.ions=ions
    def interval(s,r):
        d=diff(r,s.tau); R=s.ranges[rng(r['p'])]; I=s.ions.get(r['ion'],(1,1))
        return max(0,r['p']-R[0]*I[0]*d), r['p']+R[1]*I[1]*d
    def scaled(s,ml,mu):
        return Cal(s.tau,[(a*ml[b],c*mu[b]) for b,(a,c) in enumerate(s.ranges)],s.ions)
def groups(rs):
    g={}
    for i,r in enumerate(rs):
        for key in ('all','T%d'%rng(r['t']),r['ion']):
            g.setdefault((r['src'],key),[]).append(i)
    return g
def coverage(cal,rs,idx):
    c=0
    for i in idx:
        lo,hi=cal.interval(rs[i]); c+= lo<=rs[i]['t']<=hi
    return c/len(idx)
def judged(rs):
    return {k:v for k,v in groups(rs).items() if len(v)>=30}
def fitat(rs,tau,minion=20,ming=10):
    srcs={}
    for r in rs: srcs.setdefault(r['src'],[]).append(r)
    cnt={}
    for r in rs: cnt[r['ion']]=cnt.get(r['ion'],0)+1
    ions=sorted(i for i in cnt if cnt[i]>=minion and any(sum(1 for r in s if r['ion']==i)>=ming for s in srcs.values()))
    R=[(1.0,1.0)]*(len(EDGES)+1); I={i:(1.0,1.0) for i in ions}
    side=1-(1-LEVEL)/2
    def IF(r): return I.get(r['ion'],(1,1))
    def Q(ing,other,isr):
        lo=hi=0
        for s in srcs.values():
            g=[r for r in s if ing(r)]
            if len(g)<ming:
                if not isr: continue
                g=s
            lo=max(lo,quant([(r['p']-r['t'])/(diff(r,tau)*other(r)[0]) for r in g],side))
            hi=max(hi,quant([(r['t']-r['p'])/(diff(r,tau)*other(r)[1]) for r in g],side))
        return lo,hi
    for _ in range(50):
        for b in range(len(R)):
            q=Q(lambda r:rng(r['p'])==b,IF,True)
            R[b]=(q[0] if q[0]>0 else R[b][0], q[1] if q[1]>0 else R[b][1])
        for i in ions:
            I[i]=Q(lambda r:r['ion']==i,lambda r:R[rng(r['p'])],False)
    return Cal(tau,R,I)
def width(cal,rs): return sum(cal.interval(r)[1]-cal.interval(r)[0] for r in rs)/len(rs)
def worst(cal,rs,J): return min(coverage(cal,rs,v) for v in J.values())
def shrink_old(cal,rs,J):
    def smallest(f):
        lo,hi=0.25,4
        if worst(f(hi),rs,J)<LEVEL: return hi
        while hi-lo>1e-3:
            m=(lo+hi)/2
            if worst(f(m),rs,J)>=LEVEL: hi=m
            else: lo=m
        return hi
    up=smallest(lambda m:cal.scaled([1]*3,[m]*3))
    dn=smallest(lambda m:cal.scaled([m]*3,[up]*3))
    return cal.scaled([dn]*3,[up]*3)
def fit_old(rs):
    J=judged(rs); best=None
    for tau in TAUS:
        c=shrink_old(fitat(rs,tau),rs,J); w=worst(c,rs,J); wd=width(c,rs)
        key=(0 if w>=LEVEL else 1, wd if w>=LEVEL else -w)
        if best is None or key<best[0]: best=(key,c)
    return best[1]
def crossfit(rs,fit,parts=5,seed=0):
    hops=sorted(set(r['hop'] for r in rs)); random.Random(seed).shuffle(hops)
    part={h:j%parts for j,h in enumerate(hops)}
    out=[None]*len(rs)
    for p in range(parts):
        c=fit([r for r in rs if part[r['hop']]!=p])
        for i,r in enumerate(rs):
            if part[r['hop']]==p: out[i]=c.interval(r)
    return out
def table(rs,ints,label):
    g=groups(rs); print(label)
    for k in sorted(g):
        v=g[k]
        if len(v)<30: continue
        cov=sum(ints[i][0]<=rs[i]['t']<=ints[i][1] for i in v)/len(v); w=sum(ints[i][1]-ints[i][0] for i in v)/len(v)
        flag='' if 0.85<=cov<=0.95 else '  <-- OUT'
        print(f'  {k[0][-30:]:30s} {k[1]:4s} n={len(v):3d} cov={cov:.3f} width={w:.2f}{flag}')
