from cal import *
import cal, sys, time, json
ALL=load(srcs=('SystemAndFamily','Random','SystemOnly'))
def with_edges(D,pe):
    D=dict(D); D['prng']=np.searchsorted(pe,D['p'],side='right'); D['nb']=np.full(len(D['p']),len(pe)+1); return D
def quantile_edges(D,k):
    return sorted(set(np.round(np.quantile(D['p'],[j/k for j in range(1,k)]),3).tolist()))
def run(label, edgesfn, seeds=range(5)):
    fitD=sub(ALL,ALL['src']!='SystemOnly')
    hops=np.unique(fitD['hop']); res={}
    los={s:np.zeros(len(ALL['p'])) for s in seeds}; his={s:np.zeros(len(ALL['p'])) for s in seeds}
    for seed in seeds:
        rng=np.random.default_rng(seed); perm=rng.permutation(len(hops)); part={h:j%5 for j,h in enumerate(hops[perm])}
        pa=np.array([part[h] for h in ALL['hop']])
        for q in range(5):
            tr=sub(ALL,(pa!=q)&(ALL['src']!='SystemOnly')); pe=edgesfn(tr); c=fit(with_edges(tr,pe))
            te=with_edges(sub(ALL,pa==q),pe); l,h=c.interval(te); los[seed][pa==q]=l; his[seed][pa==q]=h
    cf=[(los[s],his[s]) for s in seeds]
    pe=edgesfn(fitD); c=fit(with_edges(fitD,pe))
    print(label,'edges',pe,'tau',c.tau,'mult',np.round(c.mult,3))
    show(report(ALL,cf),label)
for a in sys.argv[1:]:
    t=time.process_time()
    if a.startswith('Q'): k=int(a[1:]); run(a, lambda D,k=k: quantile_edges(D,k), seeds=range(5,25))
    elif a.startswith('q'): k=int(a[1:]); run(a, lambda D,k=k: quantile_edges(D,k))
    elif a.startswith('s'):  # seeds 5-9 with fixed edges
        pe=json.loads(a[1:]); run(a, lambda D,pe=pe: pe, seeds=range(5,25))
    else: pe=json.loads(a); run(a, lambda D,pe=pe: pe)
    print('cpu',round(time.process_time()-t,1))
