using BarrierNet.Core.Crystal;
using BarrierNet.Core.Migration;

namespace BarrierNet.Core.Descriptors;

/// <summary>
/// A band reduced to what the hop descriptors read: the ion and its straight path (Cartesian start and hop vector),
/// the host wrapped into the cell with its anions, electronegativities and bond-valence parameters, every host atom
/// image within <see cref="HopDescriptors.EnvironmentRadius"/> of the path, and what the ion sees at the five probe
/// points (endpoints, quarters, midpoint). Computed once per band and shared by the descriptor groups.
/// </summary>
internal sealed class HopGeometry
{
    /// <summary>The band the geometry was read from.</summary>
    public required Band Band { get; init; }
    /// <summary>The migrating element.</summary>
    public required string Ion { get; init; }
    /// <summary>The ion's formal charge (its bond-valence target).</summary>
    public required double Charge { get; init; }
    /// <summary>The ion's Shannon radius (Å).</summary>
    public required double Radius { get; init; }
    /// <summary>The band's cell.</summary>
    public required Lattice Lattice { get; init; }
    /// <summary>Cartesian position of the from-site (image 0).</summary>
    public required Vec3 Start { get; init; }
    /// <summary>Cartesian vector from the from-site to the to-site (the last image).</summary>
    public required Vec3 Hop { get; init; }
    /// <summary>Host elements, in the band's host order.</summary>
    public required string[] HostElements { get; init; }
    /// <summary>Which host atoms are anions.</summary>
    public required bool[] IsAnion { get; init; }
    /// <summary>Pauling electronegativity of each host atom (null where unknown).</summary>
    public required double?[] HostEn { get; init; }
    /// <summary>Bond-valence R0 of each host anion with the ion (null for cations and anions without parameters).</summary>
    public required double?[] R0 { get; init; }
    /// <summary>Every host atom image near the path: Cartesian position and host index.</summary>
    public required List<(Vec3 Pos, int Host)> Environment { get; init; }
    /// <summary>What the ion sees at the from-site.</summary>
    public required PathProbe.Result AtStart { get; init; }
    /// <summary>What the ion sees at the to-site.</summary>
    public required PathProbe.Result AtEnd { get; init; }
    /// <summary>What the ion sees a quarter of the way.</summary>
    public required PathProbe.Result AtFirstQuarter { get; init; }
    /// <summary>What the ion sees three quarters of the way.</summary>
    public required PathProbe.Result AtThirdQuarter { get; init; }
    /// <summary>What the ion sees halfway.</summary>
    public required PathProbe.Result AtMiddle { get; init; }
    /// <summary>The narrowest point of the straight path: its distance (Å) to the nearest host atom, and where it is (fraction of the hop from the nearer end, 0 … ½).</summary>
    public required (double Distance, double Position) Narrowest { get; init; }
    /// <summary>The ion's bond-valence sum with the host anions and its repulsion Σ 1/d from the host cations at each of the <see cref="HopDescriptors.ProfilePoints"/> points of the straight path.</summary>
    public required (double[] BondValenceSum, double[] Repulsion) Profiles { get; init; }

    /// <summary>Number of host atoms.</summary>
    public int HostCount => HostElements.Length;
    /// <summary>Length of the hop (Å).</summary>
    public double HopLength => Hop.Norm;

    /// <summary>The geometry of one band; throws <see cref="ArgumentException"/> naming the problem for a malformed band.</summary>
    public static HopGeometry Of(Band band)
    {
        CheckAtoms(band);
        var (charge, radius) = IonicRadii.MobileIon(band.Ion);
        var lat = band.Lattice;
        var fa = band.Start.Frac;
        var fb = band.End.Frac;
        var a = lat.ToCartesian(fa);
        var hop = lat.ToCartesian(fb) - a;
        CheckStraightPath(band, hop.Norm);

        // Host, wrapped into the cell, and which host atoms are anions.
        int nHost = band.Host.Count;
        var hostFrac = new Vec3[nHost];
        var hostEl = new string[nHost];
        for (int h = 0; h < nHost; h++) { hostFrac[h] = band.Host[h].Frac.Wrap(); hostEl[h] = band.Host[h].Element; }
        var isAnion = AnionClassifier.Classify(lat, hostFrac, hostEl);
        var hostEn = hostEl.Select(e => Elements.BySymbol(e).Electronegativity).ToArray();
        var env = HopDescriptors.PathEnvironment(lat, fa, fb, hostFrac);
        var r0 = hostEl.Select((el, h) => isAnion[h] ? BondValence.R0(band.Ion, el) : null).ToArray();
        PathProbe.Result At(Vec3 q) => PathProbe.At(q, env, isAnion, hostEn, hostEl);
        return new HopGeometry
        {
            Band = band, Ion = band.Ion, Charge = charge, Radius = radius, Lattice = lat, Start = a, Hop = hop,
            HostElements = hostEl, IsAnion = isAnion, HostEn = hostEn, R0 = r0, Environment = env,
            AtStart = At(a), AtEnd = At(a + hop), AtFirstQuarter = At(a + hop * 0.25), AtThirdQuarter = At(a + hop * 0.75),
            AtMiddle = At(a + hop * 0.5),
            Narrowest = NarrowestPoint(a, hop, env),
            Profiles = StraightProfiles(a, hop, env, isAnion, r0),
        };
    }

    /// <summary>
    /// The exact distance from the segment to each host atom image, minimised. Equal distances (symmetric atoms) keep
    /// the position nearest the midpoint, whatever the atom order. No atom within the environment: the environment
    /// radius, at the midpoint.
    /// </summary>
    private static (double Distance, double Position) NarrowestPoint(Vec3 a, Vec3 hop, List<(Vec3 Pos, int Host)> env)
    {
        double pathMin = HopDescriptors.EnvironmentRadius, pathMinPos = 0.5;
        double hh = hop.NormSquared;
        foreach (var (pos, _) in env)
        {
            double t = Math.Clamp((pos - a).Dot(hop) / hh, 0, 1);
            double d = (pos - (a + hop * t)).Norm;
            double folded = Math.Min(t, 1 - t);
            if (d < pathMin - PathProbe.TieTolerance || (Math.Abs(d - pathMin) <= PathProbe.TieTolerance && folded > pathMinPos))
            {
                pathMin = Math.Min(d, pathMin); pathMinPos = folded;
            }
        }
        return (pathMin, pathMinPos);
    }

    /// <summary>
    /// The bond-valence sum s(t) with the host anions and the repulsion Σ 1/d from the host cations within
    /// <see cref="HopDescriptors.RepulsionRadius"/> at t = 0, 1/20, …, 1 of the straight path. Distances are floored at
    /// 0.5 Å (a few published bands put a host atom on an image); anions without bond-valence parameters add nothing.
    /// Terms are summed in order of (distance, value), so the result does not depend on atom order.
    /// </summary>
    private static (double[] BondValenceSum, double[] Repulsion) StraightProfiles(Vec3 a, Vec3 hop, List<(Vec3 Pos, int Host)> env,
        bool[] isAnion, double?[] r0)
    {
        int n = HopDescriptors.ProfilePoints;
        var s = new double[n];
        var rep = new double[n];
        for (int p = 0; p < n; p++)
        {
            var q = a + hop * (p / (double)(n - 1));
            var bv = new List<(double D, double V)>();
            var cat = new List<double>();
            foreach (var (pos, h) in env)
            {
                double d = Math.Max((pos - q).Norm, 0.5);
                if (isAnion[h]) { if (r0[h] is double r) bv.Add((d, BondValence.Valence(r, d))); }
                else if (d <= HopDescriptors.RepulsionRadius) cat.Add(d);
            }
            s[p] = bv.OrderBy(x => x.D).ThenBy(x => x.V).Sum(x => x.V);
            rep[p] = cat.Order().Sum(d => 1 / d);
        }
        return (s, rep);
    }

    /// <summary>Every atom ordered and at finite coordinates (atoms numbered as in the published layout).</summary>
    private static void CheckAtoms(Band band)
    {
        var atoms = band.ToStructure();
        for (int i = 0; i < atoms.Count; i++)
        {
            if (!atoms[i].IsOrdered) throw new ArgumentException($"atom {i} ({atoms[i].Element}) is partially occupied; descriptors need an ordered band");
            if (!atoms[i].Frac.IsFinite) throw new ArgumentException($"atom {i} has non-finite coordinates");
        }
    }

    /// <summary>The endpoints apart and the inner images on the straight, evenly spaced line between them.</summary>
    private static void CheckStraightPath(Band band, double hopLength)
    {
        if (hopLength < 0.1) throw new ArgumentException($"initial and final images are {hopLength:F3} Å apart; not a hop");
        var fa = band.Start.Frac;
        var fb = band.End.Frac;
        int last = band.ImageCount - 1;
        for (int k = 1; k < last; k++)
        {
            var expected = fa + (fb - fa) * (k / (double)last);
            double off = band.Lattice.MinimumImageDistance(expected, band.Images[k].Frac);
            if (off > 0.1) throw new ArgumentException($"image {k} is {off:F2} Å off the straight, evenly spaced path from image 0 to image {last}");
        }
    }
}
