using BarrierNet.Core.Crystal;
using BarrierNet.Core.Data;
using BarrierNet.Core.Descriptors;
using BarrierNet.Core.Migration;
using BarrierNet.Tests.Fixtures;
using Xunit;

namespace BarrierNet.Tests.Descriptors;

public class LandscapeDescriptorsTests
{
    private static readonly IReadOnlyList<BarrierEntry> Bands = BarrierDataset.Load(FixturePaths.HopBands);

    private static Band BandOf(string name) => Bands.Single(b => b.SysName == name).Band!;

    private static double Value(double[] f, string name) => f[LandscapeDescriptors.Names.ToList().IndexOf(name)];

    public static IEnumerable<object[]> BandNames() => Bands.Select(b => new object[] { b.SysName });

    private static void AssertSame(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-6, $"{LandscapeDescriptors.Names[i]}: {expected[i]} vs {actual[i]}");
    }

    [Theory]
    [MemberData(nameof(BandNames))]
    public void FiniteNamedAndOrderedAsPhysicsSays(string name)
    {
        var f = LandscapeDescriptors.Compute(BandOf(name));
        Assert.Equal(LandscapeDescriptors.Names.Count, f.Length);
        Assert.Equal(LandscapeDescriptors.Names.Count, LandscapeDescriptors.Names.Distinct().Count());
        Assert.All(f, v => Assert.True(double.IsFinite(v)));
        double cap = Math.Log(1 + LandscapeDescriptors.EnergyCap);
        foreach (var n in LandscapeDescriptors.Names.Where(n => n.Contains("barrier") || n.Contains("percolation")))
            Assert.InRange(Value(f, n), 0, cap);
        // Connecting along more directions can only need a higher level.
        Assert.True(Value(f, "bvse_percolation_1d") <= Value(f, "bvse_percolation_2d") + 1e-12);
        Assert.True(Value(f, "bvse_percolation_2d") <= Value(f, "bvse_percolation_3d") + 1e-12);
        Assert.True(Value(f, "bvse_path_length_ratio") >= 1 - 1e-9);
    }

    [Theory]
    [MemberData(nameof(BandNames))]
    public void InvariantToHostAtomOrderAndToMovingTheBandByALatticeVector(string name)
    {
        var band = BandOf(name);
        var reference = LandscapeDescriptors.Compute(band);
        // TRI-CaFePO4 balances only with a mixed Fe valence: its valences once followed the atom order.
        var reversed = Band.Create(band.Lattice, band.Images, band.Host.Sites.Reverse().ToList(), band.Name);
        AssertSame(reference, LandscapeDescriptors.Compute(reversed));
        var shift = new Vec3(1, -2, 1);
        var rng = new Random(7);
        var images = band.Images.Select(s => s with { Frac = s.Frac + shift }).ToList();
        var host = band.Host.Sites.Select(s => s with { Frac = s.Frac + new Vec3(rng.Next(-2, 3), rng.Next(-2, 3), rng.Next(-2, 3)) }).ToList();
        AssertSame(reference, LandscapeDescriptors.Compute(Band.Create(band.Lattice, images, host, band.Name)));
    }

    [Fact]
    public void InRocksaltThePathBendsRoundTheSharedEdgeAndClimbsLessThanTheStraightLine()
    {
        // Octahedral → octahedral in rocksalt: the straight line squeezes through the O–O edge (1.51 Å from both O);
        // the known low-energy route curves towards the empty tetrahedral site.
        var f = LandscapeDescriptors.Compute(BandOf("RS-CoO_Li_1"));
        Assert.Equal(1, Value(f, "bvse_available"));
        Assert.True(Value(f, "bvse_path_barrier") < Value(f, "bvse_line_barrier"));
        Assert.True(Value(f, "bvse_line_minus_path") > 0);
        Assert.True(Value(f, "bvse_path_max_offset") > 0.3, $"offset {Value(f, "bvse_path_max_offset")} Å");
    }

    [Fact]
    public void AHostWithoutCounterIonsHasNoLandscapeAndSaysSo()
    {
        var band = BandOf("RS-CoO_Li_1");
        var metal = Band.Create(band.Lattice, band.Images, band.Host.Sites.Select(s => s with { Element = "Cu" }).ToList(), band.Name);
        var f = LandscapeDescriptors.Compute(metal);
        Assert.Equal(0, Value(f, "bvse_available"));
        Assert.Equal(Math.Log(1 + LandscapeDescriptors.EnergyCap), Value(f, "bvse_path_barrier"), 12);
    }
}
