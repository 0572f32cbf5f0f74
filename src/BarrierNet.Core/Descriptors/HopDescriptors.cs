using BarrierNet.Core.Crystal;
using BarrierNet.Core.Data;

namespace BarrierNet.Core.Descriptors;

/// <summary>
/// Hand-made, physically motivated descriptors of one ionic hop, computed from a band (atoms 0–4 = the mobile ion at
/// five evenly spaced points on the straight path, the host after them). These are the classical baseline's inputs
/// and can be appended to a GNN embedding. Design rules:
/// <list type="bullet">
/// <item>The host is atoms 5… and all their periodic images; the band's own images (and their periodic copies) are
/// never host, even when the host contains the ion's element.</item>
/// <item>Every distance is to the nearest periodic image: the environment of the path is enumerated exactly for any
/// cell shape, so the values do not depend on host atom order, on how coordinates are wrapped, or on the choice of
/// supercell (counts are per host atom or per point, never per cell).</item>
/// <item>The published direction of a hop is kept (start = atom 0), but "quarter" values take the tighter of the two
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

    /// <summary>Distances closer than this (Å) are the same neighbour shell (symmetry-equivalent atoms, rounding noise).</summary>
    private const double TieTolerance = 1e-6;

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

    /// <summary>Descriptor names, in the order of <see cref="Compute(Structure)"/>'s values.</summary>
    public static readonly IReadOnlyList<string> Names = BuildNames();

    private static readonly Dictionary<string, int> IndexOf = Names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i);

    private static string[] BuildNames()
    {
        var n = new List<string>();
        n.AddRange(IonicRadii.MobileIons.Select(e => "ion_" + e));
        n.AddRange(new[]
        {
            "ion_charge", "ion_radius", "ion_potential", "hop_length",
            "path_min_dist", "path_min_pos", "path_min_minus_radius", "path_narrowing",
            "nn1_start", "nn1_end", "nn1_mid",
            "nn4_start", "nn4_end", "nn4_quarter", "nn4_mid", "nn4_asymmetry",
            "anion_dist_end", "anion_dist_quarter", "anion_dist_mid", "anion_gap_mid",
            "cation_dist_end", "cation_dist_quarter", "cation_dist_mid",
            "count25_end", "count30_end", "count25_quarter", "count30_quarter", "count25_mid", "count30_mid",
            "coord_start", "coord_end",
        });
        n.AddRange(AnionElements.Select(e => "anion_frac_" + e));
        n.AddRange(new[]
        {
            "anion_fraction", "polyanion_fraction", "tm_fraction", "ion_element_fraction",
            "volume_per_host_atom", "volume_per_anion",
            "en_host_mean", "en_anion_mean", "en_neighbours_end", "en_neighbours_mid",
        });
        // Appended later (bond valence and cation repulsion along the path, host composition, the relaxed path): models
        // trained on the first 61, 68 or 100 read only those, so new descriptors only ever go at the end.
        n.AddRange(new[]
        {
            "bvs_end", "bvs_path_min", "bvs_path_max", "bv_mismatch_end", "bv_mismatch_barrier",
            "cation_repulsion_end", "cation_repulsion_barrier",
        });
        n.AddRange(HostProperties.SelectMany(p => HostStatistics.Select(st => $"host_{p.Name}_{st}")));
        n.AddRange(new[] { "relaxed_room_min", "relaxed_room_gain", "relaxed_bv_mismatch_barrier" });
        return n.ToArray();
    }

    public static double[] Compute(BarrierEntry entry) =>
        Compute(entry.Band ?? BandFromEndpoints(entry.Initial, entry.Final));

    /// <summary>
    /// A band from endpoint structures (ion = atom 0 of each): the five images on the straight line from the initial
    /// site to the nearest periodic copy of the final site, the host taken from the initial structure.
    /// </summary>
    public static Structure BandFromEndpoints(Structure initial, Structure final)
    {
        if (initial.Count < 2) throw new ArgumentException("the initial structure has no host atoms after the ion");
        if (final.Count < 1) throw new ArgumentException("the final structure has no atoms");
        if (initial[0].Element != final[0].Element)
            throw new ArgumentException($"the initial ion is {initial[0].Element} but the final ion is {final[0].Element}");
        var p0 = initial[0].Frac;
        var dFrac = initial.Lattice.ToFractional(initial.Lattice.MinimumImage(p0, final[0].Frac).Displacement);
        var sites = new List<Site>();
        for (int k = 0; k < BarrierEntry.ImageCount; k++)
            sites.Add(initial[0] with { Frac = p0 + dFrac * (k / 4.0) });
        sites.AddRange(initial.Sites.Skip(1));
        return new Structure(initial.Lattice, sites, name: initial.Name);
    }

    /// <summary>Descriptors of one band; throws <see cref="ArgumentException"/> naming the problem for a malformed band.</summary>
    public static double[] Compute(Structure band)
    {
        const int nImg = BarrierEntry.ImageCount;
        if (band.Count <= nImg) throw new ArgumentException($"a band needs the {nImg} ion images and at least one host atom; it has {band.Count} atoms");
        for (int i = 0; i < band.Count; i++)
        {
            if (!band[i].IsOrdered) throw new ArgumentException($"atom {i} ({band[i].Element}) is partially occupied; descriptors need an ordered band");
            if (!band[i].Frac.IsFinite) throw new ArgumentException($"atom {i} has non-finite coordinates");
        }
        string ion = band[0].Element;
        for (int k = 1; k < nImg; k++)
            if (band[k].Element != ion) throw new ArgumentException($"image {k} is {band[k].Element} but image 0 is {ion}: atoms 0–4 must be the same mobile ion");
        var (charge, radius) = IonicRadii.MobileIon(ion);

        var lat = band.Lattice;
        var fa = band[0].Frac;
        var fb = band[nImg - 1].Frac;
        var a = lat.ToCartesian(fa);
        var hop = lat.ToCartesian(fb) - a;
        double hopLength = hop.Norm;
        if (hopLength < 0.1) throw new ArgumentException($"initial and final images are {hopLength:F3} Å apart; not a hop");
        for (int k = 1; k < nImg - 1; k++)
        {
            var expected = fa + (fb - fa) * (k / (double)(nImg - 1));
            double off = lat.MinimumImageDistance(expected, band[k].Frac);
            if (off > 0.1) throw new ArgumentException($"image {k} is {off:F2} Å off the straight, evenly spaced path from image 0 to image 4");
        }

        // Host, wrapped into the cell, and which host atoms are anions.
        int nHost = band.Count - nImg;
        var hostFrac = new Vec3[nHost];
        var hostEl = new string[nHost];
        for (int h = 0; h < nHost; h++) { hostFrac[h] = band[nImg + h].Frac.Wrap(); hostEl[h] = band[nImg + h].Element; }
        var isAnion = AnionClassifier.Classify(lat, hostFrac, hostEl);
        var hostEn = hostEl.Select(e => Elements.BySymbol(e).Electronegativity).ToArray();

        var env = PathEnvironment(lat, fa, fb, hostFrac);
        var f = new double[Names.Count];
        Array.Fill(f, double.NaN);
        void Set(string name, double v) => f[IndexOf[name]] = v;

        for (int i = 0; i < IonicRadii.MobileIons.Count; i++) Set("ion_" + IonicRadii.MobileIons[i], IonicRadii.MobileIons[i] == ion ? 1 : 0);
        Set("ion_charge", charge);
        Set("ion_radius", radius);
        Set("ion_potential", charge / radius);
        Set("hop_length", hopLength);

        // Bottleneck: exact distance from the segment to each host atom image.
        double pathMin = EnvironmentRadius, pathMinPos = 0.5;
        double hh = hop.NormSquared;
        foreach (var (pos, _) in env)
        {
            double t = Math.Clamp((pos - a).Dot(hop) / hh, 0, 1);
            double d = (pos - (a + hop * t)).Norm;
            double folded = Math.Min(t, 1 - t);
            // Equal distances (symmetric atoms): keep the position nearest the midpoint, whatever the atom order.
            if (d < pathMin - TieTolerance || (Math.Abs(d - pathMin) <= TieTolerance && folded > pathMinPos))
            {
                pathMin = Math.Min(d, pathMin); pathMinPos = folded;
            }
        }

        var start = Probe(a, env, isAnion, hostEn, hostEl);
        var end = Probe(a + hop, env, isAnion, hostEn, hostEl);
        var q1 = Probe(a + hop * 0.25, env, isAnion, hostEn, hostEl);
        var q3 = Probe(a + hop * 0.75, env, isAnion, hostEn, hostEl);
        var mid = Probe(a + hop * 0.5, env, isAnion, hostEn, hostEl);

        Set("path_min_dist", pathMin);
        Set("path_min_pos", pathMinPos);
        Set("path_min_minus_radius", pathMin - radius);
        Set("path_narrowing", 0.5 * (start.Nearest + end.Nearest) - pathMin);
        Set("nn1_start", start.Nearest);
        Set("nn1_end", end.Nearest);
        Set("nn1_mid", mid.Nearest);
        Set("nn4_start", start.Mean4);
        Set("nn4_end", end.Mean4);
        Set("nn4_quarter", Math.Min(q1.Mean4, q3.Mean4));
        Set("nn4_mid", mid.Mean4);
        Set("nn4_asymmetry", Math.Abs(start.Mean4 - end.Mean4));
        Set("anion_dist_end", 0.5 * (start.Anion + end.Anion));
        Set("anion_dist_quarter", Math.Min(q1.Anion, q3.Anion));
        Set("anion_dist_mid", mid.Anion);
        Set("anion_gap_mid", mid.Anion - radius - mid.AnionRadius);
        Set("cation_dist_end", 0.5 * (start.Cation + end.Cation));
        Set("cation_dist_quarter", Math.Min(q1.Cation, q3.Cation));
        Set("cation_dist_mid", mid.Cation);
        Set("count25_end", 0.5 * (start.Within25 + end.Within25));
        Set("count30_end", 0.5 * (start.Within30 + end.Within30));
        Set("count25_quarter", Math.Max(q1.Within25, q3.Within25));
        Set("count30_quarter", Math.Max(q1.Within30, q3.Within30));
        Set("count25_mid", mid.Within25);
        Set("count30_mid", mid.Within30);
        Set("coord_start", start.Coordination);
        Set("coord_end", end.Coordination);

        // Whole-host composition (fractions of host atoms, so the same for any supercell).
        int nAnion = isAnion.Count(x => x);
        foreach (var el in AnionElements)
        {
            int c = 0;
            for (int h = 0; h < nHost; h++) if (isAnion[h] && hostEl[h] == el) c++;
            Set("anion_frac_" + el, c / (double)nHost);
        }
        int poly = 0, tm = 0, same = 0;
        for (int h = 0; h < nHost; h++)
        {
            var e = Elements.BySymbol(hostEl[h]);
            // A non-metal acting as a cation is the centre of a polyanion (PO4, SO4, SiO4, BO3, CO3 …).
            if (!isAnion[h] && e.Block == 'p' && e.Electronegativity is double en && en >= 1.9) poly++;
            if (e.Block == 'd') tm++;
            if (hostEl[h] == ion) same++;
        }
        Set("anion_fraction", nAnion / (double)nHost);
        Set("polyanion_fraction", poly / (double)nHost);
        Set("tm_fraction", tm / (double)nHost);
        Set("ion_element_fraction", same / (double)nHost);
        Set("volume_per_host_atom", lat.Volume / nHost);
        Set("volume_per_anion", lat.Volume / Math.Max(1, nAnion));
        Set("en_host_mean", MeanOrZero(hostEn));
        Set("en_anion_mean", MeanOrZero(hostEn.Where((_, h) => isAnion[h])));
        Set("en_neighbours_end", 0.5 * (start.NeighbourEn + end.NeighbourEn));
        Set("en_neighbours_mid", mid.NeighbourEn);
        var r0 = hostEl.Select((el, h) => isAnion[h] ? BondValence.R0(ion, el) : null).ToArray();
        var straightMismatch = SetPathProfiles(Set, charge, a, hop, env, isAnion, r0);
        SetHostComposition(Set, ion, hostEl);

        var relaxed = RelaxedPath.Compute(a, hop, charge, env, r0);
        double roomMin = relaxed.Room.Min();
        Set("relaxed_room_min", roomMin);
        Set("relaxed_room_gain", roomMin - pathMin);
        Set("relaxed_bv_mismatch_barrier", relaxed.Mismatch.Max() - 0.5 * (straightMismatch[0] + straightMismatch[^1]));

        for (int i = 0; i < f.Length; i++)
            if (!double.IsFinite(f[i])) throw new InvalidOperationException($"descriptor {Names[i]} is not finite for band {band.Name}");
        return f;
    }

    /// <summary>
    /// Composition statistics of the framework (Magpie-style): atom-weighted mean, population standard deviation,
    /// minimum and maximum of each element property over the host atoms that are not the mobile ion's element. They let
    /// the descriptor models tell chemistries apart that the geometry alone confuses (grouped cross-validation: the
    /// trees-plus-kernel descriptor model improved by 0.004–0.010 eV with them). Elements lacking a property are left
    /// out of that property's statistics; with none left, all four are 0. Computed per element, in symbol order, so
    /// that atom order and supercells give identical values.
    /// </summary>
    private static void SetHostComposition(Action<string, double> set, string ion, string[] hostEl)
    {
        var counts = hostEl.Where(el => el != ion).GroupBy(el => el).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Element: Elements.BySymbol(g.Key), Count: (double)g.Count())).ToArray();
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

    /// <summary>Points on the path where the bond-valence and repulsion profiles are sampled (t = 0, 1/20, …, 1).</summary>
    public const int ProfilePoints = 21;

    /// <summary>Cations within this distance (Å) of the ion count towards its repulsion.</summary>
    public const double RepulsionRadius = 6.0;

    /// <summary>
    /// The ion's bond-valence sum s(t) with the host anions and its repulsion Σ 1/d from the host cations along the
    /// straight path. A good conductor keeps s near the ion's valence V all the way and passes no closer to cations than
    /// it sits: bv_mismatch_barrier = max_t |s(t) − V| − the endpoints' mean, cation_repulsion_barrier likewise.
    /// Distances are floored at 0.5 Å (a few published bands put a host atom on an image). Anions without bond-valence
    /// parameters add nothing. Terms are summed in order of (distance, value), so the result does not depend on atom order.
    /// Returns the mismatch profile |s(t) − V|, the straight-line reference of the relaxed path.
    /// </summary>
    private static double[] SetPathProfiles(Action<string, double> set, double valence, Vec3 a, Vec3 hop,
        List<(Vec3 Pos, int Host)> env, bool[] isAnion, double?[] r0)
    {
        var s = new double[ProfilePoints];
        var rep = new double[ProfilePoints];
        for (int p = 0; p < ProfilePoints; p++)
        {
            var q = a + hop * (p / (double)(ProfilePoints - 1));
            var bv = new List<(double D, double V)>();
            var cat = new List<double>();
            foreach (var (pos, h) in env)
            {
                double d = Math.Max((pos - q).Norm, 0.5);
                if (isAnion[h]) { if (r0[h] is double r) bv.Add((d, BondValence.Valence(r, d))); }
                else if (d <= RepulsionRadius) cat.Add(d);
            }
            s[p] = bv.OrderBy(x => x.D).ThenBy(x => x.V).Sum(x => x.V);
            rep[p] = cat.Order().Sum(d => 1 / d);
        }
        double mismatchEnd = 0.5 * (Math.Abs(s[0] - valence) + Math.Abs(s[^1] - valence));
        double repulsionEnd = 0.5 * (rep[0] + rep[^1]);
        set("bvs_end", 0.5 * (s[0] + s[^1]));
        set("bvs_path_min", s.Min());
        set("bvs_path_max", s.Max());
        set("bv_mismatch_end", mismatchEnd);
        set("bv_mismatch_barrier", s.Max(x => Math.Abs(x - valence)) - mismatchEnd);
        set("cation_repulsion_end", repulsionEnd);
        set("cation_repulsion_barrier", rep.Max() - repulsionEnd);
        return s.Select(x => Math.Abs(x - valence)).ToArray();
    }

    /// <summary>What the ion sees at one point of the path.</summary>
    private readonly record struct ProbeResult(double Nearest, double Mean4, double Anion, double AnionRadius, double Cation,
        int Within25, int Within30, int Coordination, double NeighbourEn);

    private static ProbeResult Probe(Vec3 q, List<(Vec3 Pos, int Host)> env, bool[] isAnion, double?[] hostEn, string[] hostEl)
    {
        var d = new (double D, int Host)[env.Count];
        for (int i = 0; i < env.Count; i++) d[i] = ((env[i].Pos - q).Norm, env[i].Host);
        Array.Sort(d, (x, y) => x.D.CompareTo(y.D));
        double R = EnvironmentRadius;
        double nearest = d.Length > 0 ? Math.Min(d[0].D, R) : R;
        double sum4 = 0;
        for (int k = 0; k < 4; k++) sum4 += k < d.Length ? Math.Min(d[k].D, R) : R;
        // Electronegativity of the four nearest: atoms tied with the fourth (symmetric sites, within TieTolerance) share
        // the remaining places equally, so that the value does not depend on the order rounding puts them in.
        double enSum = 0, enWeight = 0;
        if (d.Length > 0)
        {
            double d4 = d[Math.Min(3, d.Length - 1)].D;
            int closer = d.Count(x => x.D < d4 - TieTolerance);
            var tied = d.Where(x => Math.Abs(x.D - d4) <= TieTolerance).ToList();
            double share = (Math.Min(4, d.Length) - closer) / (double)tied.Count;
            foreach (var (_, h) in d.Where(x => x.D < d4 - TieTolerance))
                if (hostEn[h] is double en) { enSum += en; enWeight += 1; }
            foreach (var (_, h) in tied)
                if (hostEn[h] is double en) { enSum += share * en; enWeight += share; }
        }
        double anion = R, cation = R, anionRadius = 0;
        bool haveAnion = false, haveCation = false;
        int w25 = 0, w30 = 0;
        foreach (var (dist, h) in d)
        {
            if (dist <= 2.5) w25++;
            if (dist <= 3.0) w30++;
            if (!haveAnion && isAnion[h] && dist <= R) { anion = dist; haveAnion = true; }
            if (!haveCation && !isAnion[h] && dist <= R) { cation = dist; haveCation = true; }
        }
        // Radius of the nearest anion; among symmetric ties the largest, whatever their order.
        if (haveAnion)
            foreach (var (dist, h) in d)
                if (isAnion[h] && dist <= anion + TieTolerance) anionRadius = Math.Max(anionRadius, IonicRadii.Anion(hostEl[h]));
        // First anion shell: anions within 1.2 × the nearest anion distance (at least 1.6 Å, so that a host atom sitting
        // on the image does not shrink the shell to nothing).
        int coord = 0;
        if (haveAnion)
        {
            double shell = 1.2 * Math.Max(anion, 1.6);
            foreach (var (dist, h) in d) if (isAnion[h] && dist <= shell) coord++;
        }
        return new ProbeResult(nearest, sum4 / 4, anion, anionRadius, cation, w25, w30, coord, enWeight > 0 ? enSum / enWeight : 0);
    }

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
