from cal import *
import sys, time
D=load()
POWERS=[0.5,0.6,0.7,0.8,0.9,1.0]
def fit_power(D, powers=POWERS):
    G=judged(D); fits=[]
    for pw in powers:
        for tau in TAUS:
            c=shrink(fitat(D,tau,power=pw),D,G); fits.append((c,worst(c,D,G),width(c,D)))
    hold=[f for f in fits if f[1]>=LEVEL]
    return min(hold,key=lambda f:f[2])[0] if hold else max(fits,key=lambda f:f[1])[0]
def ion_shrink(c,D,G):
    # each ion's factor (both sides by one multiplier) the smallest that keeps every judged group at the level
    for i in list(c.I):
        base=list(c.I[i])
        def cal(m):
            c.I[i]=[base[0]*m,base[1]*m]; return c
        lo,hi=0.5,1.0
        if worst(cal(lo),D,G)>=LEVEL: hi=lo
        while hi-lo>1e-3:
            m=(lo+hi)/2
            if worst(cal(m),D,G)>=LEVEL: hi=m
            else: lo=m
        cal(hi)
    return c
def fit_ionshrink(D):
    G=judged(D); fits=[]
    for tau in TAUS:
        c=ion_shrink(shrink(fitat(D,tau),D,G),D,G); fits.append((c,worst(c,D,G),width(c,D)))
    hold=[f for f in fits if f[1]>=LEVEL]
    return min(hold,key=lambda f:f[2])[0] if hold else max(fits,key=lambda f:f[1])[0]
V={'power':fit_power,'ionshrink':fit_ionshrink}
for name in sys.argv[1:]:
    t=time.process_time(); c=V[name](D)
    print(name,'full fit: tau',c.tau,'power',c.power, 'I',{k:np.round(v,2).tolist() for k,v in c.I.items()})
    cf=crossfit(D,V[name]); show(report(D,cf),name); print('cpu',round(time.process_time()-t,1))
