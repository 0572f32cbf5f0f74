using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace BarrierNet.Core.Landscape;

/// <summary>
/// The interaction of the mobile ion with one kind of framework atom: a softBV Morse well for an anion,
/// D0/2·[(exp((Rmin − r)/b) − 1)² − 1] (the halved depth of BVlain's and softBV's site energy), or a screened Coulomb
/// repulsion for a cation, k·q_ion·q/√(n_ion·n)·erfc(r/ρ)/r with ρ = f·(r_cov,ion + r_cov). The cutoff is the distance
/// beyond which the term stays below the tolerance.
/// </summary>
internal readonly struct PairPotential
{
    /// <summary>e²/(4πε0) in eV·Å.</summary>
    public const double CoulombConstant = 14.3996454784;

    /// <summary>Distances are floored here so a grid point on top of a cation gets a large finite energy, not infinity.</summary>
    public const double SmallestDistance = 0.05;

    private const double LongestCutoff = 12.0;

    /// <summary>Spacing in r² (Å²) of the table the grid interpolates; linear interpolation is then good to a few parts per million (1e-5 eV where the energy is about 1 eV).</summary>
    private const double TableStep = 0.002;

    /// <summary>Below this r² (Å²) the grid evaluates the function itself, where it is too steep for the table.</summary>
    private const double TableStart = 1.0;

    private readonly bool _morse, _sharedSite;
    private readonly double _sharedInner;
    private readonly double _d0Half, _rMin, _alpha;
    private readonly double _coulomb, _inverseScreening;

    private PairPotential(bool morse, double d0Half, double rMin, double alpha, double coulomb, double inverseScreening, double tolerance, double? sharedSiteRadius = null)
    {
        _morse = morse; _d0Half = d0Half; _rMin = rMin; _alpha = alpha; _coulomb = coulomb; _inverseScreening = inverseScreening;
        _sharedSite = sharedSiteRadius is not null; _sharedInner = sharedSiteRadius ?? 0;
        Cutoff = FindCutoff(tolerance);
        _table = new double[(int)Math.Ceiling(Cutoff * Cutoff / TableStep) + 2];
        for (int m = 0; m < _table.Length; m++) _table[m] = Energy(Math.Sqrt(m * TableStep));
    }

    private readonly double[] _table;

    public double Cutoff { get; }

    /// <summary>The energy at squared distance <paramref name="r2"/> ≤ cutoff², interpolated in r² beyond 1 Å (the grid's inner loop).</summary>
    public double EnergyFromSquare(double r2)
    {
        if (r2 < TableStart) return Energy(Math.Sqrt(r2));
        double x = r2 * (1 / TableStep);
        int m = (int)x;
        double t = x - m;
        return _table[m] + t * (_table[m + 1] - _table[m]);
    }

    /// <summary>
    /// Adds weight × <see cref="EnergyFromSquare"/> to the points k = <paramref name="kLo"/>…<paramref name="kHi"/> of a
    /// grid row (index k modulo the row's length) whose squared distance <paramref name="distances"/> gives within the
    /// cutoff. The landscape grid spends most of its time here. Where the processor has AVX2, four neighbouring points
    /// are done at once with the same operations in the same order as one at a time, so every point receives the same
    /// number to the last bit; points within <see cref="TableStart"/> or beyond the cutoff take the one-at-a-time way.
    /// </summary>
    public void AddAlongRow(Span<double> row, int kLo, int kHi, RowDistances distances, double weight)
    {
        int n = row.Length;
        int kw = ((kLo % n) + n) % n;
        for (int k = kLo; k <= kHi;)
        {
            int run = Math.Min(kHi - k + 1, n - kw);   // points before the row wraps around
            AddAlongRun(row.Slice(kw, run), k, distances, weight);
            k += run;
            kw = 0;
        }
    }

    /// <summary><see cref="AddAlongRow"/> on consecutive stored points: <paramref name="points"/>[p] is point k = <paramref name="kFirst"/> + p.</summary>
    private void AddAlongRun(Span<double> points, int kFirst, RowDistances distances, double weight)
    {
        double cut2 = Cutoff * Cutoff;
        int p = 0;
        if (Avx2.IsSupported)
        {
            var table = _table;
            Vector256<double> atZero = Vector256.Create(distances.AtZero), linear = Vector256.Create(distances.Linear),
                quadratic = Vector256.Create(distances.Quadratic), w = Vector256.Create(weight), scale = Vector256.Create(1 / TableStep),
                lanes = Vector256.Create(0.0, 1.0, 2.0, 3.0);
            for (; p + 4 <= points.Length; p += 4)
            {
                var k = Vector256.Create((double)(kFirst + p)) + lanes;
                var r2 = atZero + k * (linear + k * quadratic);
                if (!Vector256.LessThanOrEqualAll(r2, Vector256.Create(cut2)) || !Vector256.GreaterThanOrEqualAll(r2, Vector256.Create(TableStart)))
                {
                    for (int q = p; q < p + 4; q++) AddOne(ref points[q], distances.At(kFirst + q), cut2, weight);
                    continue;
                }
                var x = r2 * scale;
                var m = Avx.ConvertToVector128Int32WithTruncation(x);
                var t = x - Avx.ConvertToVector256Double(m);
                int m0 = m.GetElement(0), m1 = m.GetElement(1), m2 = m.GetElement(2), m3 = m.GetElement(3);
                var below = Vector256.Create(table[m0], table[m1], table[m2], table[m3]);
                var above = Vector256.Create(table[m0 + 1], table[m1 + 1], table[m2 + 1], table[m3 + 1]);
                var target = points.Slice(p, 4);
                (Vector256.Create<double>(target) + w * (below + t * (above - below))).CopyTo(target);
            }
        }
        for (; p < points.Length; p++) AddOne(ref points[p], distances.At(kFirst + p), cut2, weight);
    }

    private void AddOne(ref double point, double r2, double cut2, double weight)
    {
        if (r2 <= cut2) point += weight * EnergyFromSquare(Math.Max(r2, 0));
    }

    public static PairPotential Morse(SoftBvPair p, double tolerance) => new(true, p.D0 / 2, p.RMin, 1 / p.B, 0, 0, tolerance);

    /// <param name="sharedSiteRadius">For a cation sharing a site with the mobile ion (La beside Li on the A site of LLTO): the radius (Å) within which it is absent, half the distance from its site to the nearest other site of the ion's sublattice; null otherwise.</param>
    public static PairPotential Coulomb(double prefactor, double screeningLength, double tolerance, double? sharedSiteRadius = null) =>
        new(false, 0, 0, 0, prefactor, 1 / screeningLength, tolerance, sharedSiteRadius);

    public double Energy(double r)
    {
        if (r < SmallestDistance) r = SmallestDistance;
        if (_morse)
        {
            double e = Math.Exp(_alpha * (_rMin - r)) - 1;
            return _d0Half * (e * e - 1);
        }
        double coulomb = _coulomb * Erfc(r * _inverseScreening) / r;
        return _sharedSite ? coulomb * Switch(r) : coulomb;
    }

    /// <summary>
    /// Smooth step from 0 at the shared-site radius R (half the distance d between neighbouring sites of the ion) to 1
    /// at 2R = d. Within R the ion holds the site, so its co-occupant is not there; on a hop to a neighbouring site
    /// the ion stays within d of both ends, both of which must be free of the co-occupant, so its repulsion is only
    /// fully on from d, where the sites the ion is not hopping between begin.
    /// </summary>
    private double Switch(double r)
    {
        double t = Math.Clamp((r - _sharedInner) / _sharedInner, 0, 1);
        return t * t * (3 - 2 * t);
    }

    /// <summary>Complementary error function, Abramowitz &amp; Stegun 7.1.26 (absolute error below 1.5e-7), for x ≥ 0.</summary>
    public static double Erfc(double x)
    {
        double t = 1 / (1 + 0.3275911 * x);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        return poly * Math.Exp(-x * x);
    }

    private double FindCutoff(double tolerance)
    {
        // Both terms decay monotonically beyond the Morse minimum and at all distances for the Coulomb term.
        double start = _morse ? Math.Max(_rMin, SmallestDistance) : _sharedSite ? 2 * _sharedInner : SmallestDistance;
        for (double r = start; r < LongestCutoff; r += 0.01)
            if (Math.Abs(Energy(r)) < tolerance) return r;
        return LongestCutoff;
    }
}
