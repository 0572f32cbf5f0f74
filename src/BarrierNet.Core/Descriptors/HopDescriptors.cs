using BarrierNet.Core.Crystal;
using BarrierNet.Core.Data;
using BarrierNet.Core.Migration;

namespace BarrierNet.Core.Descriptors;

/// <summary>
/// Hand-made, physically motivated descriptors of one ionic hop, computed from a <see cref="Band"/> (the mobile ion at
/// evenly spaced points on the straight path, and the host). These are the classical baseline's inputs and can be
/// appended to a GNN embedding. They come in named <see cref="Groups"/>, each computed from the band's
/// <see cref="HopGeometry"/>. Design rules:
/// <list type="bullet">
/// <item>The host is the band's host atoms and all their periodic images; the band's own images (and their periodic
/// copies) are never host, even when the host contains the ion's element.</item>
/// <item>Every distance is to the nearest periodic image: the environment of the path is enumerated exactly for any
/// cell shape, so the values do not depend on host atom order, on how coordinates are wrapped, or on the choice of
/// supercell (counts are per host atom or per point, never per cell).</item>
/// <item>The published direction of a hop is kept (start = image 0), but "quarter" values take the tighter of the two
/// quarter points (t = 0.25 and 0.75) and "end" values average the two endpoints, so they do not depend on it.</item>
/// <item>All values are finite: a missing neighbour (none within <see cref="EnvironmentRadius"/>) counts as being at
/// that radius. Host atoms sitting on an image (eight published bands have one within 0.5 Å, one at 0.00 Å) are kept
/// as the data give them: they show up as a short path distance and nothing divides by a distance.</item>
/// </list>
/// </summary>
internal static class HopDescriptors
{
    /// <summary>Host atoms farther than this from the whole path are ignored (Å).</summary>
    public const double EnvironmentRadius = 8.0;

    /// <summary>Elements whose anion fraction is a descriptor of its own.</summary>
    private static readonly string[] AnionElements = { "O", "S", "Se", "Te", "F", "Cl", "Br", "I", "N", "P" };

    /// <summary>Element properties summarised over the framework (host atoms other than the ion's element).</summary>
    private static readonly (string Name, Func<Element, double?> Value)[] HostProperties =
    {
        ("en", e => e.Electronegativity), ("atomic_radius", e => e.AtomicRadius), ("period", e => e.Period),
        ("group", e => e.Group), ("mendeleev", e => e.MendeleevNumber), ("mass", e => e.Mass),
        ("max_oxidation", e => e.MaxOxidationState), ("min_oxidation", e => e.MinOxidationState),
    };

    private static readonly string[] HostStatistics = { "mean", "std", "min", "max" };

    /// <summary>
    /// The descriptor groups, in vector order. Models trained on the first 61, 68 or 100 descriptors read only those,
    /// so new descriptors only ever go at the end, as a new group: bond valence and cation repulsion along the path,
    /// the host element properties and the relaxed path were appended in that order.
    /// </summary>
    public static readonly IReadOnlyList<DescriptorGroup> Groups = new DescriptorGroup[]
    {
        new("ion and hop", IonicRadii.MobileIons.Select(e => "ion_" + e).Concat(new[] { "ion_charge", "ion_radius", "ion_potential", "hop_length" }).ToArray(), SetIon),
        new("bottleneck", new[] { "path_min_dist", "path_min_pos", "path_min_minus_radius", "path_narrowing" }, SetBottleneck),
        new("neighbours along the path", new[]
        {
            "nn1_start", "nn1_end", "nn1_mid",
            "nn4_start", "nn4_end", "nn4_quarter", "nn4_mid", "nn4_asymmetry",
            "anion_dist_end", "anion_dist_quarter", "anion_dist_mid", "anion_gap_mid",
            "cation_dist_end", "cation_dist_quarter", "cation_dist_mid",
            "count25_end", "count30_end", "count25_quarter", "count30_quarter", "count25_mid", "count30_mid",
            "coord_start", "coord_end",
        }, SetNeighbours),
        new("host composition", AnionElements.Select(e => "anion_frac_" + e).Concat(new[]
        {
            "anion_fraction", "polyanion_fraction", "tm_fraction", "ion_element_fraction",
            "volume_per_host_atom", "volume_per_anion",
            "en_host_mean", "en_anion_mean", "en_neighbours_end", "en_neighbours_mid",
        }).ToArray(), SetComposition),
        new("bond valence and repulsion along the path", new[]
        {
            "bvs_end", "bvs_path_min", "bvs_path_max", "bv_mismatch_end", "bv_mismatch_barrier",
            "cation_repulsion_end", "cation_repulsion_barrier",
        }, SetPathProfiles),
        new("host element properties", HostProperties.SelectMany(p => HostStatistics.Select(st => $"host_{p.Name}_{st}")).ToArray(), SetHostProperties),
        new("relaxed path", new[] { "relaxed_room_min", "relaxed_room_gain", "relaxed_bv_mismatch_barrier" }, SetRelaxedPath),
    };

    /// <summary>Descriptor names, in the order of <see cref="Compute(Band)"/>'s values.</summary>
    public static readonly IReadOnlyList<string> Names = Groups.SelectMany(g => g.Names).ToArray();

    /// <summary>Descriptors of an entry: its band, or the straight band between its endpoints.</summary>
    public static double[] Compute(BarrierEntry entry) => Compute(entry.AsBand());

    /// <summary>Descriptors of one band; throws <see cref="ArgumentException"/> naming the problem for a malformed band.</summary>
    public static double[] Compute(Band band) => Compute(HopGeometry.Of(band));

    /// <summary>Descriptors of a hop whose geometry is already worked out (shared with <see cref="BlockageDescriptors"/>).</summary>
    public static double[] Compute(HopGeometry geometry)
    {
        var f = Groups.SelectMany(g => g.Values(geometry)).ToArray();
        for (int i = 0; i < f.Length; i++)
            if (!double.IsFinite(f[i])) throw new InvalidOperationException($"descriptor {Names[i]} is not finite for band {geometry.Band.Name}");
        return f;
    }

    /// <summary>The ion (one-hot element, charge, radius, ionic potential) and the hop's length.</summary>
    private static void SetIon(HopGeometry g, Action<string, double> set)
    {
        for (int i = 0; i < IonicRadii.MobileIons.Count; i++) set("ion_" + IonicRadii.MobileIons[i], IonicRadii.MobileIons[i] == g.Ion ? 1 : 0);
        set("ion_charge", g.Charge);
        set("ion_radius", g.Radius);
        set("ion_potential", g.Charge / g.Radius);
        set("hop_length", g.HopLength);
    }

    /// <summary>The narrowest point of the straight path, bare and against the ion's radius and the endpoints' room.</summary>
    private static void SetBottleneck(HopGeometry g, Action<string, double> set)
    {
        var (pathMin, pathMinPos) = g.Narrowest;
        set("path_min_dist", pathMin);
        set("path_min_pos", pathMinPos);
        set("path_min_minus_radius", pathMin - g.Radius);
        set("path_narrowing", 0.5 * (g.AtStart.Nearest + g.AtEnd.Nearest) - pathMin);
    }

    /// <summary>
    /// Neighbour distances, counts and coordination at the probe points. "quarter" values take the tighter of the two
    /// quarter points and "end" values average the two endpoints, so they do not depend on the hop's direction.
    /// </summary>
    private static void SetNeighbours(HopGeometry g, Action<string, double> set)
    {
        var (start, end, q1, q3, mid) = (g.AtStart, g.AtEnd, g.AtFirstQuarter, g.AtThirdQuarter, g.AtMiddle);
        set("nn1_start", start.Nearest);
        set("nn1_end", end.Nearest);
        set("nn1_mid", mid.Nearest);
        set("nn4_start", start.Mean4);
        set("nn4_end", end.Mean4);
        set("nn4_quarter", Math.Min(q1.Mean4, q3.Mean4));
        set("nn4_mid", mid.Mean4);
        set("nn4_asymmetry", Math.Abs(start.Mean4 - end.Mean4));
        set("anion_dist_end", 0.5 * (start.Anion + end.Anion));
        set("anion_dist_quarter", Math.Min(q1.Anion, q3.Anion));
        set("anion_dist_mid", mid.Anion);
        set("anion_gap_mid", mid.Anion - g.Radius - mid.AnionRadius);
        set("cation_dist_end", 0.5 * (start.Cation + end.Cation));
        set("cation_dist_quarter", Math.Min(q1.Cation, q3.Cation));
        set("cation_dist_mid", mid.Cation);
        set("count25_end", 0.5 * (start.Within25 + end.Within25));
        set("count30_end", 0.5 * (start.Within30 + end.Within30));
        set("count25_quarter", Math.Max(q1.Within25, q3.Within25));
        set("count30_quarter", Math.Max(q1.Within30, q3.Within30));
        set("count25_mid", mid.Within25);
        set("count30_mid", mid.Within30);
        set("coord_start", start.Coordination);
        set("coord_end", end.Coordination);
    }

    /// <summary>Whole-host composition (fractions of host atoms, so the same for any supercell) and electronegativities.</summary>
    private static void SetComposition(HopGeometry g, Action<string, double> set)
    {
        var (hostEl, isAnion, hostEn) = (g.HostElements, g.IsAnion, g.HostEn);
        int nHost = g.HostCount;
        int nAnion = isAnion.Count(x => x);
        foreach (var el in AnionElements)
        {
            int c = 0;
            for (int h = 0; h < nHost; h++) if (isAnion[h] && hostEl[h] == el) c++;
            set("anion_frac_" + el, c / (double)nHost);
        }
        int poly = 0, tm = 0, same = 0;
        for (int h = 0; h < nHost; h++)
        {
            var e = Elements.BySymbol(hostEl[h]);
            // A non-metal acting as a cation is the centre of a polyanion (PO4, SO4, SiO4, BO3, CO3 …).
            if (!isAnion[h] && e.Block == 'p' && e.Electronegativity is double en && en >= 1.9) poly++;
            if (e.Block == 'd') tm++;
            if (hostEl[h] == g.Ion) same++;
        }
        set("anion_fraction", nAnion / (double)nHost);
        set("polyanion_fraction", poly / (double)nHost);
        set("tm_fraction", tm / (double)nHost);
        set("ion_element_fraction", same / (double)nHost);
        set("volume_per_host_atom", g.Lattice.Volume / nHost);
        set("volume_per_anion", g.Lattice.Volume / Math.Max(1, nAnion));
        set("en_host_mean", MeanOrZero(hostEn));
        set("en_anion_mean", MeanOrZero(hostEn.Where((_, h) => isAnion[h])));
        set("en_neighbours_end", 0.5 * (g.AtStart.NeighbourEn + g.AtEnd.NeighbourEn));
        set("en_neighbours_mid", g.AtMiddle.NeighbourEn);
    }

    /// <summary>
    /// The ion's bond-valence sum s(t) and cation repulsion along the straight path. A good conductor keeps s near the
    /// ion's valence V all the way and passes no closer to cations than it sits: bv_mismatch_barrier =
    /// max_t |s(t) − V| − the endpoints' mean, cation_repulsion_barrier likewise.
    /// </summary>
    private static void SetPathProfiles(HopGeometry g, Action<string, double> set)
    {
        var (s, rep) = g.Profiles;
        double valence = g.Charge;
        double mismatchEnd = 0.5 * (Math.Abs(s[0] - valence) + Math.Abs(s[^1] - valence));
        double repulsionEnd = 0.5 * (rep[0] + rep[^1]);
        set("bvs_end", 0.5 * (s[0] + s[^1]));
        set("bvs_path_min", s.Min());
        set("bvs_path_max", s.Max());
        set("bv_mismatch_end", mismatchEnd);
        set("bv_mismatch_barrier", s.Max(x => Math.Abs(x - valence)) - mismatchEnd);
        set("cation_repulsion_end", repulsionEnd);
        set("cation_repulsion_barrier", rep.Max() - repulsionEnd);
    }

    /// <summary>
    /// Composition statistics of the framework (Magpie-style): atom-weighted mean, population standard deviation,
    /// minimum and maximum of each element property over the host atoms that are not the mobile ion's element. They let
    /// the descriptor models tell chemistries apart that the geometry alone confuses (grouped cross-validation: the
    /// trees-plus-kernel descriptor model improved by 0.004–0.010 eV with them). Elements lacking a property are left
    /// out of that property's statistics; with none left, all four are 0. Computed per element, in symbol order, so
    /// that atom order and supercells give identical values.
    /// </summary>
    private static void SetHostProperties(HopGeometry g, Action<string, double> set)
    {
        var counts = g.HostElements.Where(el => el != g.Ion).GroupBy(el => el).OrderBy(same => same.Key, StringComparer.Ordinal)
            .Select(same => (Element: Elements.BySymbol(same.Key), Count: (double)same.Count())).ToArray();
        foreach (var (name, value) in HostProperties)
        {
            var known = counts.Where(c => value(c.Element) is not null).Select(c => (V: value(c.Element)!.Value, c.Count)).ToArray();
            double total = known.Sum(k => k.Count);
            double mean = 0, std = 0, min = 0, max = 0;
            if (total > 0)
            {
                mean = known.Sum(k => k.V * k.Count) / total;
                std = Math.Sqrt(known.Sum(k => (k.V - mean) * (k.V - mean) * k.Count) / total);
                min = known.Min(k => k.V);
                max = known.Max(k => k.V);
            }
            set($"host_{name}_mean", mean);
            set($"host_{name}_std", std);
            set($"host_{name}_min", min);
            set($"host_{name}_max", max);
        }
    }

    /// <summary>
    /// The relaxed path (<see cref="RelaxedPath"/>): its tightest room, how much room it gains over the straight line,
    /// and its bond-valence mismatch barrier measured from the straight line's endpoints.
    /// </summary>
    private static void SetRelaxedPath(HopGeometry g, Action<string, double> set)
    {
        var straightMismatch = g.Profiles.BondValenceSum.Select(x => Math.Abs(x - g.Charge)).ToArray();
        var (roomMin, mismatchMax) = RelaxedPath.Extremes(g.Start, g.Hop, g.Charge, g.Environment, g.R0);
        set("relaxed_room_min", roomMin);
        set("relaxed_room_gain", roomMin - g.Narrowest.Distance);
        set("relaxed_bv_mismatch_barrier", mismatchMax - 0.5 * (straightMismatch[0] + straightMismatch[^1]));
    }

    /// <summary>Points on the path where the bond-valence and repulsion profiles are sampled (t = 0, 1/20, …, 1).</summary>
    public const int ProfilePoints = 21;

    /// <summary>Cations within this distance (Å) of the ion count towards its repulsion.</summary>
    public const double RepulsionRadius = 6.0;

    /// <summary>
    /// Every periodic image of every host atom within <see cref="EnvironmentRadius"/> of the segment from fractional
    /// point <paramref name="fa"/> to <paramref name="fb"/>. A displacement of length R changes fractional coordinate i by
    /// at most R / w_i (w_i the perpendicular width of the cell), so the lattice translations to try are exactly those
    /// putting the atom in the segment's fractional bounding box widened by R / w_i: exact for any cell shape.
    /// </summary>
    internal static List<(Vec3 Pos, int Host)> PathEnvironment(Lattice lat, Vec3 fa, Vec3 fb, Vec3[] hostFrac)
    {
        double R = EnvironmentRadius;
        var widths = lat.PerpendicularWidths;
        var lo = new double[3]; var hi = new double[3];
        for (int ax = 0; ax < 3; ax++)
        {
            double pad = R / widths[ax] + 1e-9;
            lo[ax] = Math.Min(fa[ax], fb[ax]) - pad;
            hi[ax] = Math.Max(fa[ax], fb[ax]) + pad;
        }
        var a = lat.ToCartesian(fa);
        var hop = lat.ToCartesian(fb) - a;
        double hh = hop.NormSquared, r2 = R * R;
        var env = new List<(Vec3, int)>();
        for (int h = 0; h < hostFrac.Length; h++)
        {
            var w = hostFrac[h];
            int i0 = (int)Math.Ceiling(lo[0] - w.X), i1 = (int)Math.Floor(hi[0] - w.X);
            int j0 = (int)Math.Ceiling(lo[1] - w.Y), j1 = (int)Math.Floor(hi[1] - w.Y);
            int k0 = (int)Math.Ceiling(lo[2] - w.Z), k1 = (int)Math.Floor(hi[2] - w.Z);
            for (int i = i0; i <= i1; i++)
                for (int j = j0; j <= j1; j++)
                    for (int k = k0; k <= k1; k++)
                    {
                        var pos = lat.ToCartesian(new Vec3(w.X + i, w.Y + j, w.Z + k));
                        double t = hh > 0 ? Math.Clamp((pos - a).Dot(hop) / hh, 0, 1) : 0;
                        if ((pos - (a + hop * t)).NormSquared <= r2) env.Add((pos, h));
                    }
        }
        return env;
    }

    private static double MeanOrZero(IEnumerable<double?> values)
    {
        double s = 0; int c = 0;
        foreach (var v in values) if (v is double x) { s += x; c++; }
        return c > 0 ? s / c : 0;
    }
}
