using System.Globalization;
using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Landscape;

/// <summary>
/// The bond-valence site energy (BVSE) of a mobile ion anywhere in a crystal: a softBV Morse attraction to every anion
/// plus a screened Coulomb repulsion from every other cation, each framework site weighted by its occupancy, so a
/// disordered file needs no ordering. The mobile ion's own sublattice is left out, as softBV and BVlain do: the
/// landscape is what one ion sees in the host. A cation sharing a site with the mobile ion (La beside Li on the A site
/// of LLTO) is absent wherever the ion holds that site — wherever it is nearer that site than any other site of its
/// sublattice — so its repulsion is switched off within half the distance d to the nearest such site and comes on
/// smoothly up to d (a hop to a neighbouring site needs both ends free of it), rather than being piled onto the ion's
/// own site and onto the window it leaves by. Sums run over all periodic images within each pair's cutoff.
/// </summary>
internal sealed class BvseLandscape
{
    private readonly Lattice _lattice;
    private readonly Vec3[] _positions;      // Cartesian, inside the home cell
    private readonly double[] _weights;      // occupancies
    private readonly int[] _kind;            // index into _potentials
    private readonly PairPotential[] _potentials;

    private BvseLandscape(Structure structure, Element ion, int ionCharge, ValenceAssignment valences, BvseOptions options,
        Vec3[] positions, double[] weights, int[] kind, PairPotential[] potentials, List<string> notes)
    {
        Structure = structure; Ion = ion; IonCharge = ionCharge; Valences = valences; Options = options;
        _lattice = structure.Lattice; _positions = positions; _weights = weights; _kind = kind; _potentials = potentials;
        Notes = notes;
    }

    public Structure Structure { get; }
    public Element Ion { get; }

    /// <summary>Oxidation state of the mobile ion.</summary>
    public int IonCharge { get; }

    /// <summary>The mobile ion with its charge, e.g. "Li+", "Mg2+".</summary>
    public string IonSpecies => Ion.Symbol + Sign(IonCharge);

    public ValenceAssignment Valences { get; }
    public BvseOptions Options { get; }

    /// <summary>What the user should know about the parameters and valences used (fallbacks, mixed valences).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The landscape of <paramref name="ion"/> in <paramref name="structure"/> on a grid of spacing at most <see cref="BvseOptions.Resolution"/>.</summary>
    public static EnergyGrid Compute(Structure structure, Element ion, BvseOptions? options = null) => For(structure, ion, options).Grid();

    /// <summary>Assigns oxidation states and looks up every pair's parameters; throws <see cref="LandscapeException"/> with the reason when it cannot.</summary>
    public static BvseLandscape For(Structure structure, Element ion, BvseOptions? options = null)
    {
        options ??= new BvseOptions();
        if (!(options.Resolution > 0) || !double.IsFinite(options.Resolution)) throw new ArgumentException("the grid resolution must be a positive distance in Å");
        var valences = OxidationStates.Assign(structure);
        int ionCharge = IonChargeOf(structure, ion, valences);
        var notes = new List<string>(valences.Notes);
        var shared = SharedWithIon(structure, ion.Symbol);
        double sharedRadius = shared.Any(x => x) ? SharedSiteRadius(structure, ion.Symbol) : 0;
        var kinds = new Dictionary<(string, double, bool), int>();
        var potentials = new List<PairPotential>();
        var positions = new List<Vec3>();
        var weights = new List<double>();
        var kindOf = new List<int>();
        for (int i = 0; i < structure.Count; i++)
        {
            var site = structure.Sites[i];
            double q = valences.Charges[i];
            if (site.Element == ion.Symbol || q == 0 || site.Occupancy <= 0) continue;
            if (!kinds.TryGetValue((site.Element, q, shared[i]), out int k))
            {
                k = potentials.Count;
                potentials.Add(Potential(ion, ionCharge, site.Element, q, options, shared[i] ? sharedRadius : null));
                kinds[(site.Element, q, shared[i])] = k;
            }
            var f = site.Frac;
            positions.Add(structure.Lattice.ToCartesian(new Vec3(f.X - Math.Floor(f.X), f.Y - Math.Floor(f.Y), f.Z - Math.Floor(f.Z))));
            weights.Add(site.Occupancy);
            kindOf.Add(k);
        }
        if (!kinds.Keys.Any(kq => kq.Item2 * ionCharge < 0))
            throw new LandscapeException($"no counter-ions to {ion.Symbol}{Sign(ionCharge)} in the structure");
        return new BvseLandscape(structure, ion, ionCharge, valences, options, positions.ToArray(), weights.ToArray(), kindOf.ToArray(),
            potentials.ToArray(), notes);
    }

    /// <summary>The framework atoms the sums run over, in the order they are added: Cartesian position in the home cell, occupancy, and pair potential.</summary>
    internal IEnumerable<(Vec3 Position, double Weight, PairPotential Potential)> Terms =>
        _positions.Select((p, atom) => (p, _weights[atom], _potentials[_kind[atom]]));

    /// <summary>The landscape on the grid the options' resolution gives: each edge divided into ⌈length / resolution⌉ steps.</summary>
    public EnergyGrid Grid()
    {
        var (a, b, c) = _lattice.Lengths;
        int Steps(double length) => Math.Max(1, (int)Math.Ceiling(length / Options.Resolution - 1e-9));
        return Grid(Steps(a), Steps(b), Steps(c));
    }

    /// <summary>
    /// The landscape on an Na×Nb×Nc grid. Each framework atom adds its term to the grid points within its cutoff;
    /// the points are walked in unwrapped index space, so every periodic image of the atom is counted once, however
    /// small the cell is against the cutoff.
    /// </summary>
    public EnergyGrid Grid(int na, int nb, int nc)
    {
        if (na < 1 || nb < 1 || nc < 1) throw new ArgumentException("grid dimensions must be positive");
        var energies = new double[checked(na * nb * nc)];
        Vec3 stepA = _lattice.A / na, stepB = _lattice.B / nb, stepC = _lattice.C / nc;
        var recip = _lattice.Reciprocal;
        double ra = recip.A.Norm, rb = recip.B.Norm, rc = recip.C.Norm;
        double cc = stepC.Dot(stepC);
        for (int atom = 0; atom < _positions.Length; atom++)
        {
            var pot = _potentials[_kind[atom]];
            double w = _weights[atom], cutoff = pot.Cutoff, cut2 = cutoff * cutoff;
            var p = _positions[atom];
            var f = _lattice.ToFractional(p);
            int i0 = (int)Math.Ceiling((f.X - cutoff * ra) * na), i1 = (int)Math.Floor((f.X + cutoff * ra) * na);
            int j0 = (int)Math.Ceiling((f.Y - cutoff * rb) * nb), j1 = (int)Math.Floor((f.Y + cutoff * rb) * nb);
            int k0 = (int)Math.Ceiling((f.Z - cutoff * rc) * nc), k1 = (int)Math.Floor((f.Z + cutoff * rc) * nc);
            for (int i = i0; i <= i1; i++)
            {
                int iw = Mod(i, na);
                for (int j = j0; j <= j1; j++)
                {
                    int row = (iw * nb + Mod(j, nb)) * nc;
                    // d(k) = d0 + k·stepC; |d(k)|² ≤ cutoff² is a quadratic in k, solved for the exact range.
                    var d0 = i * stepA + j * stepB - p;
                    double bq = d0.Dot(stepC), c0 = d0.Dot(d0) - cut2;
                    double disc = bq * bq - cc * c0;
                    if (disc < 0) continue;
                    double root = Math.Sqrt(disc);
                    int kLo = Math.Max(k0, (int)Math.Ceiling((-bq - root) / cc)), kHi = Math.Min(k1, (int)Math.Floor((-bq + root) / cc));
                    pot.AddAlongRow(energies.AsSpan(row, nc), kLo, kHi, new RowDistances(c0 + cut2, 2 * bq, cc), w);
                }
            }
        }
        return EnergyGrid.Adopt(_lattice, na, nb, nc, energies);
    }

    /// <summary>The site energy at one fractional point, summed atom by atom over explicit periodic images with the same pair functions as the grid (the reference the grid is tested against).</summary>
    public double EnergyAt(Vec3 frac)
    {
        var point = _lattice.ToCartesian(frac);
        var widths = _lattice.PerpendicularWidths;
        double total = 0;
        for (int atom = 0; atom < _positions.Length; atom++)
        {
            var pot = _potentials[_kind[atom]];
            int ma = (int)Math.Ceiling(pot.Cutoff / widths.X) + 1, mb = (int)Math.Ceiling(pot.Cutoff / widths.Y) + 1, mc = (int)Math.Ceiling(pot.Cutoff / widths.Z) + 1;
            var baseFrac = _lattice.ToFractional(_positions[atom]) - frac.Floor();
            for (int x = -ma; x <= ma; x++)
                for (int y = -mb; y <= mb; y++)
                    for (int z = -mc; z <= mc; z++)
                    {
                        var image = _lattice.ToCartesian(new Vec3(baseFrac.X + x, baseFrac.Y + y, baseFrac.Z + z));
                        double r2 = (image - _lattice.ToCartesian(frac - frac.Floor())).NormSquared;
                        if (r2 <= pot.Cutoff * pot.Cutoff) total += _weights[atom] * pot.EnergyFromSquare(r2);
                    }
        }
        return total;
    }

    /// <summary>
    /// The local minimum of the landscape itself (not its grid) downhill from <paramref name="frac"/>: quasi-Newton
    /// (BFGS) descent with a backtracking line search on the same pair functions as <see cref="EnergyAt"/>. A minimum
    /// found this way does not depend on how a grid sampled the cell, which is what makes sites from the landscape the
    /// same in every equivalent cell. The framework atoms within reach are gathered afresh every 1.5 Å travelled.
    /// </summary>
    /// <returns>Fractional position in [0, 1), energy (eV, on the scale of <see cref="EnergyAt"/>), and whether the
    /// force fell below 1e-4 eV/Å within 1000 steps.</returns>
    internal (Vec3 Frac, double Energy, bool Converged) Relax(Vec3 frac)
    {
        const double reach = 1.5, tolerance = 1e-4;
        var pos = _lattice.ToCartesian(frac);
        double energy = 0;
        var inverseHessian = Identity(0.01);
        for (int leg = 0, steps = 0; leg < 8 && steps < 1000; leg++)
        {
            var anchor = pos;
            var terms = NearbyTerms(anchor, reach);
            double Energy(Vec3 x)
            {
                double e = 0;
                foreach (var (p, w, k) in terms)
                {
                    var pot = _potentials[k];
                    double r2 = (x - p).NormSquared;
                    if (r2 <= pot.Cutoff * pot.Cutoff) e += w * pot.Energy(Math.Sqrt(r2));
                }
                return e;
            }
            Vec3 Gradient(Vec3 x)
            {
                const double h = 1e-4;
                Vec3 ex = new(h, 0, 0), ey = new(0, h, 0), ez = new(0, 0, h);
                return new Vec3(Energy(x + ex) - Energy(x - ex), Energy(x + ey) - Energy(x - ey), Energy(x + ez) - Energy(x - ez)) / (2 * h);
            }
            energy = Energy(pos);
            var grad = Gradient(pos);
            for (; steps < 1000; steps++)
            {
                if (grad.Norm < tolerance) return (InCell(_lattice.ToFractional(pos)), energy, true);
                var direction = -1.0 * Times(inverseHessian, grad);
                if (direction.Dot(grad) >= 0) { inverseHessian = Identity(0.01); direction = -0.01 * grad; }
                if (direction.Norm > 0.3) direction = direction * (0.3 / direction.Norm);
                double t = 1, e = Energy(pos + direction);
                while (e > energy + 1e-4 * t * direction.Dot(grad) && t > 1e-6) { t *= 0.5; e = Energy(pos + t * direction); }
                if (t <= 1e-6) return (InCell(_lattice.ToFractional(pos)), energy, grad.Norm < 10 * tolerance);
                var next = pos + t * direction;
                var g = Gradient(next);
                Update(inverseHessian, next - pos, g - grad);
                pos = next; energy = e; grad = g;
                if ((pos - anchor).Norm > 0.5 * reach) break;
            }
        }
        return (InCell(_lattice.ToFractional(pos)), energy, false);
    }

    /// <summary>Fractional coordinates in [0, 1), a coordinate a rounding error below 1 taken as 0.</summary>
    private static Vec3 InCell(Vec3 f)
    {
        var w = f.Wrap();
        static double Snap(double x) => x > 1 - 1e-9 ? 0 : x;
        return new Vec3(Snap(w.X), Snap(w.Y), Snap(w.Z));
    }

    private static double[,] Identity(double scale) => new double[,] { { scale, 0, 0 }, { 0, scale, 0 }, { 0, 0, scale } };

    private static Vec3 Times(double[,] m, Vec3 v) => new(
        m[0, 0] * v.X + m[0, 1] * v.Y + m[0, 2] * v.Z,
        m[1, 0] * v.X + m[1, 1] * v.Y + m[1, 2] * v.Z,
        m[2, 0] * v.X + m[2, 1] * v.Y + m[2, 2] * v.Z);

    /// <summary>BFGS update of the inverse Hessian from step <paramref name="s"/> and gradient change <paramref name="y"/> (skipped unless the curvature is positive).</summary>
    private static void Update(double[,] h, Vec3 s, Vec3 y)
    {
        double sy = s.Dot(y);
        if (sy <= 1e-12) return;
        var hy = Times(h, y);
        double yhy = y.Dot(hy);
        double[] sv = { s.X, s.Y, s.Z }, hv = { hy.X, hy.Y, hy.Z };
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                h[i, j] += (sy + yhy) * sv[i] * sv[j] / (sy * sy) - (hv[i] * sv[j] + sv[i] * hv[j]) / sy;
    }

    /// <summary>Every framework atom image (Cartesian position, occupancy, potential) whose term can reach within <paramref name="reach"/> Å of <paramref name="point"/>.</summary>
    private List<(Vec3 Position, double Weight, int Kind)> NearbyTerms(Vec3 point, double reach)
    {
        var terms = new List<(Vec3, double, int)>();
        var widths = _lattice.PerpendicularWidths;
        var home = _lattice.ToFractional(point).Floor();
        for (int atom = 0; atom < _positions.Length; atom++)
        {
            double range = _potentials[_kind[atom]].Cutoff + reach;
            int ma = (int)Math.Ceiling(range / widths.X) + 1, mb = (int)Math.Ceiling(range / widths.Y) + 1, mc = (int)Math.Ceiling(range / widths.Z) + 1;
            var f = _lattice.ToFractional(_positions[atom]) + home;
            for (int x = -ma; x <= ma; x++)
                for (int y = -mb; y <= mb; y++)
                    for (int z = -mc; z <= mc; z++)
                    {
                        var image = _lattice.ToCartesian(new Vec3(f.X + x, f.Y + y, f.Z + z));
                        if ((image - point).NormSquared <= range * range) terms.Add((image, _weights[atom], _kind[atom]));
                    }
        }
        return terms;
    }

    /// <summary>Which site entries share their position with the mobile ion (co-occupants of its sites).</summary>
    private static bool[] SharedWithIon(Structure structure, string ion)
    {
        var shared = new bool[structure.Count];
        foreach (var group in SitePositions.Group(structure))
            if (group.Any(i => structure.Sites[i].Element == ion))
                foreach (int i in group) shared[i] = structure.Sites[i].Element != ion;
        return shared;
    }

    /// <summary>Half the shortest distance between two sites of the mobile ion (periodic images included): inside it, the ion holds the nearer site.</summary>
    private static double SharedSiteRadius(Structure structure, string ion)
    {
        var sites = structure.Sites.Where(x => x.Element == ion).Select(x => x.Frac).ToList();
        var lattice = structure.Lattice;
        double shortest = double.PositiveInfinity;
        for (int i = 0; i < sites.Count; i++)
            for (int j = i; j < sites.Count; j++)
                for (int a = -2; a <= 2; a++)
                    for (int b = -2; b <= 2; b++)
                        for (int c = -2; c <= 2; c++)
                        {
                            double d = lattice.ToCartesian(sites[j] - sites[i] + new Vec3(a, b, c)).Norm;
                            if (d > 1e-3) shortest = Math.Min(shortest, d);
                        }
        return shortest / 2;
    }

    private static PairPotential Potential(Element ion, int ionCharge, string element, double charge, BvseOptions options, double? sharedSiteRadius)
    {
        if (charge * ionCharge < 0)
        {
            int q = (int)Math.Round(charge);
            var pair = ionCharge > 0
                ? SoftBvParameters.Pair(ion.Symbol, ionCharge, element, q)
                : SoftBvParameters.Pair(element, q, ion.Symbol, ionCharge);
            if (pair is null)
                throw new LandscapeException($"softBV has no parameters for the pair {ion.Symbol}{Sign(ionCharge)}–{element}{Sign(q)}");
            // A negative b turns the Morse well inside out (the attraction grows without bound with distance).
            if (!(pair.Value.B > 0))
                throw new LandscapeException($"softBV's parameters for the pair {ion.Symbol}{Sign(ionCharge)}–{element}{Sign(q)} are unusable (negative b)");
            return PairPotential.Morse(pair.Value, options.PairTolerance);
        }
        int? nIon = SoftBvParameters.PrincipalQuantumNumber(ion.Symbol), n = SoftBvParameters.PrincipalQuantumNumber(element);
        if (nIon is null || n is null)
            throw new LandscapeException($"softBV has no principal quantum number for {(nIon is null ? ion.Symbol : element)}");
        double prefactor = PairPotential.CoulombConstant * ionCharge * charge / Math.Sqrt(nIon.Value * (double)n.Value);
        double screening = options.ScreeningFactor * (ion.CovalentRadius + Elements.BySymbol(element).CovalentRadius);
        return PairPotential.Coulomb(prefactor, screening, options.PairTolerance, sharedSiteRadius);
    }

    /// <summary>The ion's own state where the structure holds it, otherwise its lowest positive state in softBV (Li+, Mg2+, Al3+).</summary>
    private static int IonChargeOf(Structure structure, Element ion, ValenceAssignment valences)
    {
        if (valences.ByElement.TryGetValue(ion.Symbol, out double q) && Math.Abs(q) >= 0.5) return (int)Math.Round(q);
        var positive = SoftBvParameters.Charges(ion.Symbol).Where(x => x > 0).ToList();
        if (positive.Count == 0) throw new LandscapeException($"softBV lists no cationic state of {ion.Symbol}");
        return positive.Min();
    }

    internal static string Sign(double q)
    {
        int n = (int)Math.Round(Math.Abs(q));
        string mag = n == 1 ? "" : n.ToString(CultureInfo.InvariantCulture);
        return mag + (q < 0 ? "−" : "+");
    }

    private static int Mod(int x, int n) => ((x % n) + n) % n;
}
