"""Python prototype of `barriernet calibrate --oof` (ConditionalCalibration): raked factors, multipliers, tau grid,
cross-fitting by hop. Reproduces the shipped thresholds calibration to the digits of model.json. residuals.csv: both
splits' out-of-fold residuals and the system-grouped file's, with the familiar flag computed by calibrate's own
FamiliarOutOfFold (dumped once with DumpResiduals.cs.txt run as a test)."""
import numpy as np, csv, math, sys
EDGES=[0.65,1.5]; TAUS=[0.0,0.025,0.05,0.075,0.1,0.15,0.2]; FLOOR=0.02; LEVEL=0.9; MING=10; MINION=20
import os
HERE=os.path.dirname(os.path.abspath(__file__))
def load(path=os.path.join(HERE,'residuals.csv'), srcs=('SystemAndFamily','Random'), pedges=None):
    rows=[r for r in csv.DictReader(open(path)) if r['src'] in srcs]
    D=dict(src=np.array([r['src'] for r in rows]), hop=np.array([r['hop'] for r in rows]), ion=np.array([r['ion'] for r in rows]),
           t=np.array([float(r['target']) for r in rows]), p=np.array([float(r['prediction']) for r in rows]),
           s=np.array([float(r['sigma']) for r in rows]), fam=np.array([r['familiar']=='1' for r in rows]))
    D['prng']=np.searchsorted(pedges or EDGES,D['p'],side='right'); D['nb']=np.full(len(rows),len(pedges or EDGES)+1); D['trng']=np.searchsorted(EDGES,D['t'],side='right')
    return D
def sub(D,m): return {k:v[m] for k,v in D.items()}
def quant(v,p):
    s=np.sort(v); k=min(max(math.ceil((len(s)+1)*p),1),len(s)); return s[k-1]
class Cal:
    def __init__(s,tau,R,I,K,power=1.0,ionfam=None): s.tau=tau;s.R=np.array(R);s.I=I;s.K=np.array(K);s.power=power;s.IF=ionfam
    def diff(s,D): return np.sqrt(np.maximum(D['s'],FLOOR)**2+s.tau**2)**s.power
    def factors(s,D):
        lo=s.R[D['prng'],0].copy(); hi=s.R[D['prng'],1].copy()
        for i,(a,b) in s.I.items(): m=D['ion']==i; lo[m]*=a; hi[m]*=b
        k=D['fam'].astype(int); lo*=s.K[k,0]; hi*=s.K[k,1]
        return lo,hi
    def interval(s,D):
        d=s.diff(D); lo,hi=s.factors(D); return np.maximum(0,D['p']-lo*d), D['p']+hi*d
    def scaled(s,ml,mu):
        c=Cal(s.tau,s.R*np.array([ml,mu]),s.I,s.K,s.power); return c
def judged(D):
    G=[]
    for src in np.unique(D['src']):
        ms=D['src']==src
        for b in range(3):
            m=ms&(D['trng']==b)
            if m.sum()>=30: G.append(((src,'T%d'%b),m))
        for i in np.unique(D['ion']):
            m=ms&(D['ion']==i)
            if m.sum()>=30: G.append(((src,i),m))
    return G
def covs(c,D,G):
    lo,hi=c.interval(D); cov=(D['t']>=lo)&(D['t']<=hi); return {k:cov[m].mean() for k,m in G}
def worst(c,D,G): return min(covs(c,D,G).values())
def width(c,D): lo,hi=c.interval(D); return (hi-lo).mean()
def fitat(D,tau,fam=True,power=1.0,side=0.95,pools_by_source=False):
    d=np.sqrt(np.maximum(D['s'],FLOOR)**2+tau**2)**power
    below=(D['p']-D['t'])/d; above=(D['t']-D['p'])/d
    srcs=np.unique(D['src'])
    ions=[i for i in np.unique(D['ion']) if (D['ion']==i).sum()>=MINION and any(((D['src']==s)&(D['ion']==i)).sum()>=MING for s in srcs)]
    NB=int(D['nb'][0]); R=np.ones((NB,2)); I={i:[1.0,1.0] for i in ions}; K=np.ones((2,2))
    pools=[D['src']==s for s in srcs] if pools_by_source else [np.ones(len(D['t']),bool)]
    def other(exclude):
        lo=np.ones(len(d)); hi=np.ones(len(d))
        if exclude!='R': lo*=R[D['prng'],0]; hi*=R[D['prng'],1]
        if exclude!='I':
            for i,(a,b) in I.items(): m=D['ion']==i; lo[m]*=a; hi[m]*=b
        if exclude!='K' and fam: k=D['fam'].astype(int); lo*=K[k,0]; hi*=K[k,1]
        return lo,hi
    def Q(ing,ol,oh,isr):
        lo=hi=0
        for pm in pools:
            g=pm&ing
            if g.sum()<MING:
                if not isr: continue
                g=pm
            lo=max(lo,quant(below[g]/ol[g],side)); hi=max(hi,quant(above[g]/oh[g],side))
        return lo,hi
    for _ in range(50):
        ol,oh=other('R')
        for b in range(NB):
            q=Q(D['prng']==b,ol,oh,True); R[b]=[q[0] if q[0]>0 else R[b,0], q[1] if q[1]>0 else R[b,1]]
        ol,oh=other('I')
        for i in ions: I[i]=list(Q(D['ion']==i,ol,oh,False))
        if not fam: continue
        ol,oh=other('K')
        for k in (0,1):
            q=Q(D['fam']==bool(k),ol,oh,False); K[k]=[q[0] if q[0]>0 else K[k,0], q[1] if q[1]>0 else K[k,1]]
    R=R*K[0]; K=K/K[0]
    return Cal(tau,R,I,K,power)
def shrink(c,D,G):
    def smallest(f):
        lo,hi=0.25,4.0
        if worst(f(hi),D,G)<LEVEL: return hi
        while hi-lo>1e-3:
            m=(lo+hi)/2
            if worst(f(m),D,G)>=LEVEL: hi=m
            else: lo=m
        return hi
    up=smallest(lambda m:c.scaled(1,m)); dn=smallest(lambda m:c.scaled(m,up))
    r=c.scaled(dn,up); r.mult=(dn,up); return r
def fit(D,fitat_kw={},taus=TAUS):
    G=judged(D); fits=[]
    for tau in taus:
        c=shrink(fitat(D,tau,**fitat_kw),D,G); fits.append((c,worst(c,D,G),width(c,D)))
    hold=[f for f in fits if f[1]>=LEVEL]
    return min(hold,key=lambda f:f[2])[0] if hold else max(fits,key=lambda f:f[1])[0]
def crossfit(D,fitfn,dealings=5,parts=5):
    hops=np.unique(D['hop']); out=[]
    for seed in range(dealings):
        rng=np.random.default_rng(seed); perm=rng.permutation(len(hops)); part={h:j%parts for j,h in zip(range(len(hops)),hops[perm])}
        pa=np.array([part[h] for h in D['hop']]); lo=np.zeros(len(pa)); hi=np.zeros(len(pa))
        for q in range(parts):
            c=fitfn(sub(D,pa!=q)); l,h=c.interval(sub(D,pa==q)); lo[pa==q]=l; hi[pa==q]=h
        out.append((lo,hi))
    return out
def report(D,cf,label=''):
    G=judged(D); res={}
    for k,m in G+[((s,'all'),D['src']==s) for s in np.unique(D['src'])]:
        c=np.mean([((D['t']>=lo)&(D['t']<=hi))[m].mean() for lo,hi in cf]); w=np.mean([(hi-lo)[m].mean() for lo,hi in cf]); res[k]=(c,w,m.sum())
    return res
def show(res,label=''):
    out=[]; bad=[]
    for k,(c,w,n) in sorted(res.items()):
        out.append(f"{k[0][:4]}:{k[1]} {c:.3f}({w:.2f})")
        if k[1]!='all' and not (0.85<=c<=0.95): bad.append(f"{k[0][:4]} {k[1]} {c:.3f}")
    print(label,' | '.join(out)); print('  OUT:',bad)
