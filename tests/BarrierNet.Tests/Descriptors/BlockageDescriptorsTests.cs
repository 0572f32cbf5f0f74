using BarrierNet.Core.Crystal;
using BarrierNet.Core.Data;
using BarrierNet.Core.Descriptors;
using BarrierNet.Core.Migration;
using BarrierNet.Tests.Fixtures;
using Xunit;

namespace BarrierNet.Tests.Descriptors;

public class BlockageDescriptorsTests
{
    private static readonly IReadOnlyList<BarrierEntry> Bands = BarrierDataset.Load(FixturePaths.HopBands);

    public static IEnumerable<object[]> BandNames => Bands.Select(b => new object[] { b.SysName });

    private static Band BandOf(string name) => Bands.Single(b => b.SysName == name).Band!;

    private static double Value(double[] f, string name) => f[BlockageDescriptors.Names.ToList().IndexOf(name)];

    [Fact]
    public void KnownValuesOfTheRocksaltHop()
    {
        // Li between edge-sharing octahedra of rocksalt CoO (a = 4.26 Å): the straight path passes the shared O–O edge
        // at a/(2√2); Li⁺–O²⁻ contact = 0.76 + 1.40 Å. The two octahedra (6 + 6 O, 2 shared) put 10 O within contact
        // (at a/2 = 2.13 Å from a site). At the midpoint the two edge O are nearest and the next shell (O and Co) lies at
        // a/2·√1.5; only the edge O are within 1.2 × contact of it.
        double a = 4.26, contact = 0.76 + 1.40;
        var f = BlockageDescriptors.Compute(HopGeometry.Of(BandOf("RS-CoO_Li_1")));
        Assert.Equal(BlockageDescriptors.Names.Count, f.Length);
        Assert.Equal(a / (2 * Math.Sqrt(2)) / contact, Value(f, "contact_min_ratio"), 9);
        Assert.Equal(10, Value(f, "blocking_atoms"));
        Assert.Equal(a / 2 * Math.Sqrt(1.5), Value(f, "window3"), 9);
        Assert.Equal(a / 2 * Math.Sqrt(1.5) - 0.76, Value(f, "window3_minus_radius"), 9);
        Assert.Equal(2, Value(f, "mid_contacts"));
    }

    [Fact]
    public void AHostAtomOnThePathReadsAsBlocked()
    {
        // The clash band puts a host atom on an image of the path: inside every contact distance, unlike the open rocksalt hop.
        var clash = BlockageDescriptors.Compute(HopGeometry.Of(BandOf("RS-CoO2_Li_clash")));
        var open = BlockageDescriptors.Compute(HopGeometry.Of(BandOf("RS-CoO_Li_1")));
        Assert.Equal(0, Value(clash, "contact_min_ratio"), 12);
        Assert.True(Value(open, "contact_min_ratio") > 0.5);
    }

    [Theory]
    [MemberData(nameof(BandNames))]
    public void InvariantToA211Supercell(string name)
    {
        var band = BandOf(name);
        Assert.Equal(BlockageDescriptors.Compute(HopGeometry.Of(band)), BlockageDescriptors.Compute(HopGeometry.Of(BandVariants.Supercell211(band))),
            (x, y) => Math.Abs(x - y) < 1e-9);
    }

    [Theory]
    [MemberData(nameof(BandNames))]
    public void InvariantToHostAtomOrderAndToMovingTheBandByALatticeVector(string name)
    {
        var band = BandOf(name);
        var reference = BlockageDescriptors.Compute(HopGeometry.Of(band));
        Assert.All(reference, v => Assert.True(double.IsFinite(v)));
        var reversed = Band.Create(band.Lattice, band.Images, band.Host.Sites.Reverse().ToList(), band.Name);
        Assert.Equal(reference, BlockageDescriptors.Compute(HopGeometry.Of(reversed)), (x, y) => Math.Abs(x - y) < 1e-9);
        var moved = BandVariants.MovedByLatticeVectors(band, new Vec3(1, -2, 1), seed: 7);
        Assert.Equal(reference, BlockageDescriptors.Compute(HopGeometry.Of(moved)), (x, y) => Math.Abs(x - y) < 1e-9);
    }

    [Fact]
    public void TheDescriptorModelAppendsThemAfterTheHopDescriptors()
    {
        var options = BarrierNet.Model.Baseline.DescriptorBaselineOptions.ExtraTrees with { BlockageDescriptors = true };
        Assert.Equal(HopDescriptors.Names.Concat(BlockageDescriptors.Names), options.DescriptorNames);
        var row = DescriptorCache.GetAll(new[] { Bands[0] }, blockage: true)[0];
        Assert.Equal(HopDescriptors.Compute(Bands[0]).Concat(BlockageDescriptors.Compute(Bands[0])), row);
    }
}
