"""Cross-fitted coverage of the conditional calibration on three out-of-fold files of the band recipe: it is fitted
on the grouped (system+family) and random-fold files, as `calibrate` does, and applied to the held-out fifth of the
hops in all three, including the system-grouped file it never sees (reports/blockage-heads/system-42/cand). Hops are
dealt into fifths by numpy's generator (seeds 0..19), not .NET's, so the two fitted files' figures differ from
`calibrate`'s report by dealing noise only.
Usage: python3 system_check.py thresholds|quintiles"""
import sys
from cal import *

def edges_of(bins, D):
    return [0.65, 1.5] if bins == 'thresholds' else sorted(set(np.round(np.quantile(D['p'], [0.2, 0.4, 0.6, 0.8]), 3).tolist()))

def with_edges(D, pe):
    D = dict(D); D['prng'] = np.searchsorted(pe, D['p'], side='right'); D['nb'] = np.full(len(D['p']), len(pe) + 1); return D

def main(bins, seeds=range(20)):
    ALL = load(srcs=('SystemAndFamily', 'Random', 'SystemOnly'))
    fitted = ALL['src'] != 'SystemOnly'
    hops = np.unique(ALL['hop'][fitted]); cf = []
    for seed in seeds:
        perm = np.random.default_rng(seed).permutation(len(hops)); part = {h: j % 5 for j, h in enumerate(hops[perm])}
        pa = np.array([part[h] for h in ALL['hop']]); lo = np.zeros(len(pa)); hi = np.zeros(len(pa))
        for q in range(5):
            train = sub(ALL, (pa != q) & fitted); pe = edges_of(bins, train)
            l, h = fit(with_edges(train, pe)).interval(with_edges(sub(ALL, pa == q), pe)); lo[pa == q] = l; hi[pa == q] = h
        cf.append((lo, hi))
    res = report(ALL, cf)
    print(f"{bins}: cross-fitted coverage (mean width, eV), {len(list(seeds))} dealings; **out** = outside 0.85-0.95, n >= 30")
    print("| group | " + " | ".join(['system+family', 'random', 'system (not fitted on)']) + " |\n|---|---|---|---|")
    for key in ['all', 'T0', 'T1', 'T2', 'Li', 'Ca', 'Na', 'Mg', 'K']:
        cells = []
        for src in ['SystemAndFamily', 'Random', 'SystemOnly']:
            c, w, n = res[(src, key)]
            cells.append(f"{c:.3f} ({w:.2f})" + (" **out**" if key != 'all' and not 0.85 <= c <= 0.95 else ""))
        label = {'T0': 'Em < 0.65', 'T1': 'Em 0.65–1.5', 'T2': 'Em ≥ 1.5'}.get(key, key)
        print(f"| {label} | " + " | ".join(cells) + " |")

if __name__ == '__main__':
    main(sys.argv[1])
