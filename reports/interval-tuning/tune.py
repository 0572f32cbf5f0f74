import sys; sys.path.insert(0,'/tmp/acc/proto'); from cal import *
A,B=float(sys.argv[1]),float(sys.argv[2]); USE_IONS=int(sys.argv[3])
STEPS=[0.8,0.9,0.95,0.98,1.02,1.05,1.1,1.25]
def objective(c,rs,J):
    v=0
    for idx in J.values():
        cov=coverage(c,rs,idx); v+=max(0,A-cov)+max(0,cov-B)
    return 1000*v+width(c,rs), v
def tune(c,rs,J):
    best,_=objective(c,rs,J)
    params=[('R',b,s) for b in range(3) for s in (0,1)]+([('I',i,s) for i in sorted(c.ions) if any(sum(1 for r in rs if r['ion']==i and r['src']==src)>=30 for src in ('grouped','random')) for s in (0,1)] if USE_IONS else [])
    for sweep in range(12):
        improved=False
        for kind,k,s in params:
            for f in STEPS:
                if kind=='R':
                    R=[list(x) for x in c.ranges]; R[k][s]*=f; cand=Cal(c.tau,[tuple(x) for x in R],c.ions)
                else:
                    I={a:list(b) for a,b in c.ions.items()}; I[k][s]*=f; cand=Cal(c.tau,c.ranges,{a:tuple(b) for a,b in I.items()})
                o,_=objective(cand,rs,J)
                if o<best-1e-9: best,c,improved=o,cand,True
        if not improved: break
    return c,best
def fit_new(rs):
    J=judged(rs); res=None
    for tau in TAUS:
        c,o=tune(fitat(rs,tau),rs,J)
        if res is None or o<res[0]: res=(o,c)
    return res[1]
rs=read('/work/accuracy/models/heads/band/oof-predictions.csv','grouped')+read(sys.argv[4] if len(sys.argv)>4 else '/work/accuracy/reports/intervals/band-random/oof-predictions.csv','random')
c=fit_new(rs); print('tau',c.tau,c.ranges,c.ions)
table(rs,[c.interval(r) for r in rs],'after')
table(rs,crossfit(rs,fit_new),'crossfit')
