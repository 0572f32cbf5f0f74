import cal
from cal import *
import sys, time
D=load()
def q_interp(v,p):
    s=np.sort(v); n=len(s); h=(n+1)*p  # 1-based fractional rank: expected coverage of the interpolated statistic = p
    if h<=1: return s[0]
    if h>=n: return s[-1]
    k=int(math.floor(h)); return s[k-1]+(h-k)*(s[k]-s[k-1])
def q_type7(v,p): return float(np.quantile(v,p))
Q={'ceil':cal.quant,'interp':q_interp,'type7':q_type7}
orig=cal.quant
for name in sys.argv[1:]:
    cal.quant=Q[name]
    t=time.process_time(); c=fit(D)
    print(name,'full fit: tau',c.tau,'mult',np.round(c.mult,3),'R',c.R.round(2).tolist(),'I',{k:np.round(v,2).tolist() for k,v in c.I.items()},'K',c.K.round(2).tolist())
    G=judged(D); print('  in-sample', {k[0][:3]+k[1]:round(v,3) for k,v in covs(c,D,G).items()})
    cf=crossfit(D,fit); show(report(D,cf),name); print('cpu',round(time.process_time()-t,1))
