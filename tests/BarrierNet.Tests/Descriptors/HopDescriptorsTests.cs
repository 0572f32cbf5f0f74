using System.Text.Json;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.Data;
using BarrierNet.Core.Descriptors;
using BarrierNet.Core.Migration;
using BarrierNet.Tests.Fixtures;
using Xunit;

namespace BarrierNet.Tests.Descriptors;

public class HopDescriptorsTests
{
    private static readonly IReadOnlyList<BarrierEntry> Bands = BarrierDataset.Load(FixturePaths.HopBands);

    private static double Value(double[] f, string name) => f[HopDescriptors.Names.ToList().IndexOf(name)];

    private static Band BandOf(string name) => Bands.Single(b => b.SysName == name).Band!;

    [Fact]
    public void NamesAreUniqueAndMatchTheValues()
    {
        Assert.Equal(HopDescriptors.Names.Count, HopDescriptors.Names.Distinct().Count());
        Assert.InRange(HopDescriptors.Names.Count, 40, 110);
        foreach (var e in Bands)
        {
            var f = HopDescriptors.Compute(e);
            Assert.Equal(HopDescriptors.Names.Count, f.Length);
            Assert.All(f, v => Assert.True(double.IsFinite(v)));
        }
    }

    [Fact]
    public void TheVectorIsItsGroupsInOrder()
    {
        // Trained models read a prefix of the vector: the groups must concatenate to the names, and each band's values
        // must be each group's values in turn.
        Assert.Equal(HopDescriptors.Names, HopDescriptors.Groups.SelectMany(g => g.Names));
        Assert.Equal(HopDescriptors.Groups.Count, HopDescriptors.Groups.Select(g => g.Name).Distinct().Count());
        Assert.Equal(new[] { "ion_Li", "path_min_dist", "nn1_start", "anion_frac_O", "bvs_end", "host_en_mean", "relaxed_room_min" },
            HopDescriptors.Groups.Select(g => g.Names[0]));
        var band = BandOf("TRI-NaFePO4_1");
        var geometry = HopGeometry.Of(band);
        Assert.Equal(HopDescriptors.Compute(band), HopDescriptors.Groups.SelectMany(g => g.Values(geometry)));
    }

    [Fact]
    public void AgreesWithBruteForceOracle()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(FixturePaths.HopOracle));
        int checkedValues = 0;
        foreach (var entry in doc.RootElement.EnumerateObject())
        {
            var f = HopDescriptors.Compute(BandOf(entry.Name));
            foreach (var v in entry.Value.EnumerateObject())
            {
                Assert.True(Math.Abs(Value(f, v.Name) - v.Value.GetDouble()) < 1e-9,
                    $"{entry.Name} {v.Name}: {Value(f, v.Name)} vs oracle {v.Value.GetDouble()}");
                checkedValues++;
            }
        }
        Assert.True(checkedValues > 100);
    }

    [Fact]
    public void KnownValuesOfTheRocksaltHop()
    {
        // Octahedral → octahedral hop in rocksalt (a = 4.26 Å): length a/√2, passing the shared O–O edge at a/(2√2).
        var f = HopDescriptors.Compute(BandOf("RS-CoO_Li_1"));
        Assert.Equal(4.26 / Math.Sqrt(2), Value(f, "hop_length"), 9);
        Assert.Equal(4.26 / (2 * Math.Sqrt(2)), Value(f, "path_min_dist"), 9);
        Assert.Equal(0.5, Value(f, "path_min_pos"), 9);
        Assert.Equal(6, Value(f, "coord_start"));             // octahedral site
        Assert.Equal(2.13, Value(f, "anion_dist_end"), 9);
        Assert.Equal(1, Value(f, "ion_Li"));
        Assert.Equal(0, Value(f, "ion_Na"));
        Assert.Equal(8.0 / 14, Value(f, "anion_frac_O"), 12);  // 8 O of 14 host atoms
        Assert.Equal(5.0 / 14, Value(f, "tm_fraction"), 12);
        Assert.Equal(1.0 / 14, Value(f, "ion_element_fraction"), 12); // the host Li counts as host, the images do not
        Assert.Equal(0.76, Value(f, "ion_radius"));            // Shannon Li+ (VI)
    }

    [Fact]
    public void PhosphorusInAPhosphateIsNotAnAnion()
    {
        // In the triclinic fixture P sits among O; whether it is a polyanion centre follows from its nearest neighbours.
        var f = HopDescriptors.Compute(BandOf("TRI-NaFePO4_1"));
        Assert.Equal(0, Value(f, "anion_frac_S"));
        Assert.True(Value(f, "anion_frac_O") > 0);
    }

    private static void AssertSame(double[] expected, double[] actual, double tol = 1e-9)
    {
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol * Math.Max(1, Math.Abs(expected[i])),
                $"{HopDescriptors.Names[i]}: {expected[i]} vs {actual[i]}");
    }

    public static IEnumerable<object[]> BandNames() => Bands.Select(b => new object[] { b.SysName });

    [Theory]
    [MemberData(nameof(BandNames))]
    public void InvariantToHostAtomOrder(string name)
    {
        var band = BandOf(name);
        var host = band.Host.Sites.Reverse().ToList();
        var rng = new Random(3);
        for (int i = host.Count - 1; i > 0; i--) { int j = rng.Next(i + 1); (host[i], host[j]) = (host[j], host[i]); }
        var shuffled = Band.Create(band.Lattice, band.Images, host, band.Name);
        AssertSame(HopDescriptors.Compute(band), HopDescriptors.Compute(shuffled));
    }

    [Theory]
    [MemberData(nameof(BandNames))]
    public void InvariantToWrappingAndPeriodicImages(string name)
    {
        var band = BandOf(name);
        AssertSame(HopDescriptors.Compute(band), HopDescriptors.Compute(BandVariants.MovedByLatticeVectors(band, new Vec3(2, -1, 3), seed: 5)));
    }

    [Theory]
    [MemberData(nameof(BandNames))]
    public void InvariantToA211Supercell(string name)
    {
        // The same hop in a cell doubled along a: host atoms repeated, the five images kept once. Distances, counts and
        // per-host-atom fractions must not change.
        var band = BandOf(name);
        AssertSame(HopDescriptors.Compute(band), HopDescriptors.Compute(BandVariants.Supercell211(band)));
    }

    [Fact]
    public void HostAtomOnAnImageGivesFiniteValues()
    {
        var f = HopDescriptors.Compute(BandOf("RS-CoO2_Li_clash"));
        Assert.All(f, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(0, Value(f, "path_min_dist"), 12);
        Assert.Equal(0, Value(f, "nn1_start"), 12);
    }

    [Fact]
    public void EndpointFormGivesTheSameDescriptorsAsTheBand()
    {
        var e = Bands.Single(b => b.SysName == "HEX-MgTiS2_1");
        // The hop crosses the cell boundary; the endpoint form rebuilds it by the minimum image.
        var fromEndpoints = HopDescriptors.Compute(Band.StraightBetween(e.Initial, e.Final));
        AssertSame(HopDescriptors.Compute(e.Band!), fromEndpoints);
    }

    [Fact]
    public void BadBandsGiveClearErrors()
    {
        // Bands as the dataset stores them (images first), malformed in one way each.
        var band = BandOf("RS-CoO_Li_1");
        var s = band.ToStructure().Sites.ToList();
        Band Read(List<Site> sites) => Band.FromStructure(new Structure(band.Lattice, sites));
        var wrongImage = s.ToList(); wrongImage[2] = wrongImage[2] with { Element = "Na" };
        Assert.Contains("image 2", Assert.Throws<ArgumentException>(() => HopDescriptors.Compute(Read(wrongImage))).Message);

        var unknownIon = s.Select((x, i) => i < 5 ? x with { Element = "Cu" } : x).ToList();
        Assert.Contains("not supported", Assert.Throws<ArgumentException>(() => HopDescriptors.Compute(Read(unknownIon))).Message);

        Assert.Contains("host atom", Assert.Throws<ArgumentException>(() => HopDescriptors.Compute(Read(s.Take(5).ToList()))).Message);

        var partial = s.ToList(); partial[7] = partial[7] with { Occupancy = 0.5 };
        Assert.Contains("partially occupied", Assert.Throws<ArgumentException>(() => HopDescriptors.Compute(Read(partial))).Message);

        var offPath = s.ToList(); offPath[2] = offPath[2] with { Frac = offPath[2].Frac + new Vec3(0, 0.1, 0) };
        Assert.Contains("straight", Assert.Throws<ArgumentException>(() => HopDescriptors.Compute(Read(offPath))).Message);

        var noHop = s.Select((x, i) => i < 5 ? x with { Frac = s[0].Frac } : x).ToList();
        Assert.Contains("not a hop", Assert.Throws<ArgumentException>(() => HopDescriptors.Compute(Read(noHop))).Message);
    }

    private static readonly string[] RelaxedPathNames = { "relaxed_room_min", "relaxed_room_gain", "relaxed_bv_mismatch_barrier" };

    [Theory]
    [MemberData(nameof(BandNames))]
    public void RotatingTheCrystalChangesOnlyTheRelaxedPathAndThatWithinItsGrid(string name)
    {
        // A rigid rotation of the Cartesian frame (what a different cell setting of the same crystal does): every
        // straight-path descriptor is exact; the relaxed path's polar grid turns with the Cartesian axes, not the crystal.
        // A distance moves at most as far as the point does, so a grid of 0.1 Å finds the disc's best room to within
        // 0.05 Å whichever way it is turned (seen: ≤ 0.016 Å for room, ≤ 0.003 for the mismatch).
        var band = BandOf(name);
        var (ax, th) = (new Vec3(1, 2, 3) / Math.Sqrt(14), 0.7);
        Vec3 Rotate(Vec3 x) => x * Math.Cos(th) + ax.Cross(x) * Math.Sin(th) + ax * (ax.Dot(x) * (1 - Math.Cos(th)));
        var l = band.Lattice;
        var rotated = Band.Create(new Lattice(Rotate(l.A), Rotate(l.B), Rotate(l.C)), band.Images, band.Host.Sites);
        var f0 = HopDescriptors.Compute(band);
        var f1 = HopDescriptors.Compute(rotated);
        for (int i = 0; i < f0.Length; i++)
        {
            bool relaxed = RelaxedPathNames.Contains(HopDescriptors.Names[i]);
            double tol = relaxed ? 0.05 : 1e-9 * Math.Max(1, Math.Abs(f0[i]));
            Assert.True(Math.Abs(f0[i] - f1[i]) <= tol, $"{HopDescriptors.Names[i]}: {f0[i]} vs {f1[i]} after rotation");
        }
    }

    [Theory]
    [MemberData(nameof(BandNames))]
    public void TheRelaxedPathIsNeverWorseThanTheStraightOne(string name)
    {
        // The straight line is one of the paths the relaxed search considers (the grid's centre).
        var f = HopDescriptors.Compute(BandOf(name));
        Assert.True(Value(f, "relaxed_room_gain") >= 0);
        Assert.Equal(Value(f, "relaxed_room_min"), Value(f, "path_min_dist") + Value(f, "relaxed_room_gain"), 12);
        Assert.True(Value(f, "relaxed_bv_mismatch_barrier") <= Value(f, "bv_mismatch_barrier") + 1e-6);
    }

    [Fact]
    public void AtTheRocksaltMidpointTheRelaxedPathFindsTheEmptyTetrahedralSite()
    {
        // Octahedral → octahedral in rocksalt: the straight line squeezes through the O–O edge (a/(2√2) = 1.51 Å from
        // both O), but a quarter of a lattice constant aside lies the empty tetrahedral site, a√3/4 = 1.84 Å from its
        // four neighbours: the curved oct → tet → oct path of layered and rocksalt cathodes.
        var band = BandOf("RS-CoO_Li_1");
        var lat = band.Lattice;
        var a = band.ImageCartesian(0);
        var hop = band.ImageCartesian(4) - a;
        var env = new List<(Vec3 Pos, int Host)>();
        for (int h = 0; h < band.Host.Count; h++)
            for (int i = -2; i <= 2; i++)
                for (int j = -2; j <= 2; j++)
                    for (int k = -2; k <= 2; k++)
                        env.Add((lat.ToCartesian(band.Host[h].Frac + new Vec3(i, j, k)), h));
        var profiles = RelaxedPath.Compute(a, hop, 1, env, new double?[band.Host.Count]);
        int mid = HopDescriptors.ProfilePoints / 2;
        Assert.Equal(4.26 * Math.Sqrt(3) / 4, profiles.Room[mid], 1);   // within the grid's 0.1 Å
        Assert.True(profiles.Room[mid] <= 4.26 * Math.Sqrt(3) / 4 + 1e-9);
        Assert.True(profiles.Room[mid] > 4.26 / (2 * Math.Sqrt(2)) + 0.25);
        Assert.All(profiles.Mismatch, m => Assert.Equal(1, m, 12));     // no bond-valence parameters given: s = 0
    }

    [Fact]
    public void RelaxedPathExtremesAreThoseOfTheFullProfilesToTheBit()
    {
        // Extremes leaves most discs unvisited; what it returns must still be the full profiles' minimum room and peak
        // mismatch, the same doubles. Fixture bands and every 14th training band, as given and with the host reversed.
        var training = BarrierDataset.Load(SharedData.File("em", "em-band-train.json")).Where((_, i) => i % 14 == 0);
        foreach (var band in Bands.Concat(training).Select(e => e.Band!))
        {
            foreach (var b in new[] { band, Band.Create(band.Lattice, band.Images, band.Host.Sites.Reverse().ToList()) })
            {
                var g = HopGeometry.Of(b);
                var full = RelaxedPath.Compute(g.Start, g.Hop, g.Charge, g.Environment, g.R0);
                var (roomMin, mismatchMax) = RelaxedPath.Extremes(g.Start, g.Hop, g.Charge, g.Environment, g.R0);
                Assert.Equal(BitConverter.DoubleToInt64Bits(full.Room.Min()), BitConverter.DoubleToInt64Bits(roomMin));
                Assert.Equal(BitConverter.DoubleToInt64Bits(full.Mismatch.Max()), BitConverter.DoubleToInt64Bits(mismatchMax));
            }
        }
    }

    [Fact]
    public void RelaxedPathExtremesHoldWhereEveryHostAtomBonds()
    {
        // Every host atom with a bond-valence parameter (cations too) and a valence of 0, 1 or 3: sums far above, near
        // and below the valence, so that discs are left early for both reasons.
        foreach (var band in Bands.Select(e => e.Band!))
        {
            var g = HopGeometry.Of(band);
            var r0 = Enumerable.Range(0, g.HostCount).Select(h => (double?)(1.2 + 0.1 * (h % 7))).ToArray();
            foreach (double valence in new[] { 0.0, 1.0, 3.0 })
            {
                var full = RelaxedPath.Compute(g.Start, g.Hop, valence, g.Environment, r0);
                var (roomMin, mismatchMax) = RelaxedPath.Extremes(g.Start, g.Hop, valence, g.Environment, r0);
                Assert.Equal(BitConverter.DoubleToInt64Bits(full.Room.Min()), BitConverter.DoubleToInt64Bits(roomMin));
                Assert.Equal(BitConverter.DoubleToInt64Bits(full.Mismatch.Max()), BitConverter.DoubleToInt64Bits(mismatchMax));
            }
        }
    }

    [Fact]
    public void RelaxedImagesStepIntoTheRocksaltTetrahedralSite()
    {
        var band = BandOf("RS-CoO_Li_1");
        var relaxed = RelaxedPath.RelaxImages(band);
        Assert.Equal(band.ImageCount, relaxed.ImageCount);
        Assert.Equal(band.Start, relaxed.Start);
        Assert.Equal(band.End, relaxed.End);
        Assert.Equal(band.Host.Sites, relaxed.Host.Sites);
        double Nearest(Band b, int k) => b.Host.Sites.Min(h => b.Lattice.MinimumImageDistance(b.Images[k].Frac, h.Frac));
        Assert.Equal(4.26 / (2 * Math.Sqrt(2)), Nearest(band, 2), 6);
        Assert.InRange(Nearest(relaxed, 2), 4.26 * Math.Sqrt(3) / 4 - 0.1, 4.26 * Math.Sqrt(3) / 4 + 1e-9);
        for (int k = 1; k <= 3; k++) Assert.True(Nearest(relaxed, k) >= Nearest(band, k) - 1e-12);
        // The chosen spots do not depend on the host atom order.
        var host = band.Host.Sites.Reverse().ToList();
        var shuffled = RelaxedPath.RelaxImages(Band.Create(band.Lattice, band.Images, host));
        for (int k = 1; k <= 3; k++) Assert.True(band.Lattice.MinimumImageDistance(relaxed.Images[k].Frac, shuffled.Images[k].Frac) < 1e-9);
    }
}
