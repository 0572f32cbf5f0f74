using BarrierNet.Core;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.Landscape;
using BarrierNet.Core.Migration;
using BarrierNet.Core.Pretraining;
using BarrierNet.Tests.Migration;
using Xunit;

namespace BarrierNet.Tests.Pretraining;

public class MigrationLabelSetTests
{
    private static readonly MigrationLabelOptions Options = new() { HopsPerStructure = 2 };

    /// <summary>Lithium metal: a mobile ion with no counter-ion, so no bond-valence landscape.</summary>
    private static Structure LithiumMetal() => new(Cubic(3.51), new[] { new Site("Li", new Vec3(0, 0, 0)), new Site("Li", new Vec3(0.5, 0.5, 0.5)) }, name: "Li");

    private static Lattice Cubic(double a) => new(new Vec3(a, 0, 0), new Vec3(0, a, 0), new Vec3(0, 0, a));

    [Theory]
    [InlineData("olivine")]
    [InlineData("layered")]
    public void EachLabelIsTheLandscapeBarrierAlongTheHopsMinimumEnergyPathAndItsBandIsTheHopsBand(string fixture)
    {
        var s = HopFixtures.Load(fixture).Structure;
        var labels = HopLabeler.Label(s, Options);

        // The same hops found without paths; the landscape and each path computed here on their own.
        var a = HopAnalysis.Analyze(s, new HopOptions(MaxHop: Options.MaxHop, Sites: SiteSource.Listed));
        var grid = BvseLandscape.Compute(a.Reduction!.Cell, Elements.BySymbol(a.Ion), new BvseOptions());
        var shortest = a.Hops.OrderBy(h => h.Length).ThenBy(h => h.Index).Take(Options.HopsPerStructure).ToList();
        Assert.Equal(shortest.Select(h => h.Index), labels.Select(l => l.HopIndex));
        Assert.True(labels.Count == Math.Min(2, a.Hops.Count) && labels.Count > 0);
        foreach (var (label, hop) in labels.Zip(shortest))
        {
            Assert.Equal(MinimumEnergyPath.Find(grid, hop.FromFrac, hop.ToFrac).Barrier, label.BvseBarrier, 10);
            Assert.Equal(hop.Length, label.Length, 10);
            var band = a.Band(hop, new BandBuilder.Options(Options.BandWidth));
            Assert.Equal(band.AtomCount, label.Band.AtomCount);
            Assert.All(Enumerable.Range(0, 5), k => Assert.Equal(a.Ion, label.Band.Images[k].Element));
            Assert.Equal(band.ToStructure().Sites.Select(x => (x.Element, x.Frac)), label.Band.ToStructure().Sites.Select(x => (x.Element, x.Frac)));
        }
        Assert.True(labels.All(l => l.BvseBarrier >= 0 && double.IsFinite(l.BvseBarrier)));
    }

    [Fact]
    public void ASecondRunReadsEveryStructureFromTheCacheAndABadStructureIsSkippedWithOneLine()
    {
        var dir = Path.Combine(Path.GetTempPath(), "bn-miglabels-" + Guid.NewGuid().ToString("N"));
        try
        {
            var sources = MigrationLabelSet.Select(new[]
            {
                new MigrationLabelSet.Source("olivine", HopFixtures.Load("olivine").Structure),
                new MigrationLabelSet.Source("lithium", LithiumMetal()),
                new MigrationLabelSet.Source("no-ion", new Structure(Cubic(4.2), new[] { new Site("Fe", new Vec3(0, 0, 0)), new Site("O", new Vec3(0.5, 0.5, 0.5)) })),
                new MigrationLabelSet.Source("layered", HopFixtures.Load("layered").Structure),
            }, Options, max: null);
            Assert.Equal(3, sources.Count); // FeO holds no mobile ion

            var log = new List<string>();
            var first = MigrationLabelSet.Build(sources, Options, dir, new Dictionary<string, string?>(), threads: 2, log.Add);
            Assert.Equal((3, 0, 1), (first.Structures, first.Cached, first.Skipped));
            Assert.Single(log, l => l.StartsWith("skip lithium", StringComparison.Ordinal));
            var files = Directory.GetFiles(dir, "*.json").Where(f => !f.EndsWith(MigrationLabelSet.ManifestFile)).ToDictionary(f => f, File.GetLastWriteTimeUtc);
            Assert.Equal(3, files.Count);
            var manifest = File.ReadAllText(Path.Combine(dir, MigrationLabelSet.ManifestFile));

            var again = new List<string>();
            var second = MigrationLabelSet.Build(sources, Options, dir, new Dictionary<string, string?>(), threads: 1, again.Add);
            Assert.Equal((3, 3, 1, first.Hops), (second.Structures, second.Cached, second.Skipped, second.Hops));
            Assert.DoesNotContain(again, l => l.StartsWith("skip", StringComparison.Ordinal));
            Assert.All(files, kv => Assert.Equal(kv.Value, File.GetLastWriteTimeUtc(kv.Key)));
            Assert.Equal(manifest, File.ReadAllText(Path.Combine(dir, MigrationLabelSet.ManifestFile)));

            // Other settings are other keys: nothing is reused.
            var other = MigrationLabelSet.Build(sources, Options with { HopsPerStructure = 1 }, dir, new Dictionary<string, string?>(), threads: 1);
            Assert.Equal(0, other.Cached);

            var samples = MigrationLabelSet.Load(dir);
            var olivine = HopLabeler.Label(HopFixtures.Load("olivine").Structure, Options with { HopsPerStructure = 1 });
            Assert.Equal(other.Hops, samples.Count);
            Assert.Contains(samples, x => Math.Abs(x.Hop.BvseBarrier - olivine[0].BvseBarrier) < 1e-12 && x.Hop.Band.AtomCount == olivine[0].Band.AtomCount);
            Assert.Equal(2, samples.Select(x => x.Group).Distinct().Count());
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}
