using System.Text.Json;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.Data;
using BarrierNet.Core.Migration;
using Xunit;
using Xunit.Abstractions;

namespace BarrierNet.Tests.Migration;

/// <summary>
/// Bands built from unit cells recovered from training bands (fixtures from scripts/oracle/hops_oracle.py) reproduce
/// the training band's hop length and image spacing; the band layout follows the dataset convention.
/// </summary>
public class BandBuilderTests
{
    private readonly ITestOutputHelper _out;
    public BandBuilderTests(ITestOutputHelper output) { _out = output; }

    /// <summary>
    /// Band atom counts from the 7 Å rule, frozen; the training bands of the same systems have the same count except
    /// the nitride (CaNiN: 27 vs 51, training used 2×2×2 cells, c = 14.1 Å, where 7 Å needs 2×2×1) and the thiophosphate
    /// (Li4P2S7: 55 vs 211 atoms, training used 8 P-1 cells, we need 2).
    /// </summary>
    [Theory]
    [InlineData("olivine", 115)]
    [InlineData("layered", 111)]
    [InlineData("spinel", 59)]
    [InlineData("garnet", 195)]
    [InlineData("nasicon", 111)]
    [InlineData("thiophosphate", 55)]
    [InlineData("nitride", 27)]
    [InlineData("antiperovskite", 43)]
    public void BandFromUnitCell_ReproducesTrainingHopLengthAndImageSpacing(string family, int bandAtoms)
    {
        var f = HopFixtures.Load(family);
        var training = f.Root.GetProperty("training");
        double trainLength = training.GetProperty("hop_length").GetDouble();
        var trainSpacing = training.GetProperty("image_spacing").EnumerateArray().Select(x => x.GetDouble()).ToArray();

        var a = HopAnalysis.Analyze(f.Structure, new HopOptions(MaxHop: f.MaxHop));
        var hop = a.Hops.FirstOrDefault(h => Math.Abs(h.Length - trainLength) < 0.01);
        Assert.True(hop is not null, $"no hop of the training length {trainLength:F4} Å among {string.Join(", ", a.Hops.Select(h => h.Length.ToString("F4")))}");

        var band = a.Band(hop!);
        Assert.Equal(bandAtoms, band.AtomCount);
        var images = Enumerable.Range(0, 5).Select(band.ImageCartesian).ToArray();
        Assert.Equal(trainLength, (images[4] - images[0]).Norm, 2);
        for (int k = 0; k < 4; k++) Assert.Equal(trainSpacing[k], (images[k + 1] - images[k]).Norm, 2);
        _out.WriteLine(FormattableString.Invariant(
            $"{family}: hop {hop!.Length:F4} Å (training {trainLength:F4}), band {band.AtomCount} atoms (training {training.GetProperty("band_atoms").GetInt32()}), widths {band.Lattice.PerpendicularWidths}"));
    }

    [Theory]
    [InlineData("olivine")]
    [InlineData("spinel")]
    [InlineData("nitride")]
    public void Band_FollowsDatasetConvention(string family)
    {
        var f = HopFixtures.Load(family);
        var a = HopAnalysis.Analyze(f.Structure, new HopOptions(MaxHop: f.MaxHop));
        foreach (var hop in a.Hops)
        {
            var band = a.Band(hop);
            var (na, nb, nc) = BandSupercell.Repeats(f.Structure.Lattice);
            int cells = na * nb * nc;
            var w = band.Lattice.PerpendicularWidths;
            Assert.True(w.X >= BandSupercell.DefaultMinimumWidth && w.Y >= BandSupercell.DefaultMinimumWidth && w.Z >= BandSupercell.DefaultMinimumWidth);
            // 5 images + host; the host is the whole supercell minus the two endpoint ions.
            Assert.Equal(5, band.ImageCount);
            Assert.Equal(f.Structure.Count * cells - 2, band.Host.Count);
            Assert.All(band.Images, s => Assert.Equal(a.Ion, s.Element));
            // Evenly spaced straight line.
            var c = Enumerable.Range(0, 5).Select(band.ImageCartesian).ToArray();
            for (int k = 1; k < 4; k++) Assert.True((c[k] - (c[0] + k / 4.0 * (c[4] - c[0]))).Norm < 1e-9);
            Assert.Equal(hop.Length, (c[4] - c[0]).Norm, 9);
            // No host atom of the ion's element at either endpoint (vacancy hop), and none on top of another.
            var host = band.Host.Sites;
            foreach (var end in new[] { band.Start.Frac, band.End.Frac })
                Assert.All(host, h => Assert.True(band.Lattice.MinimumImageDistance(h.Frac, end) > 0.5));
            // Endpoints like the training data: image 0 (or 4) then the host; in the dataset's layout, images first.
            var (ini, fin) = (band.InitialStructure(), band.FinalStructure());
            Assert.Equal(band.AtomCount - 4, ini.Count);
            Assert.Equal(band.Images[4], fin.Sites[0]);
            Assert.Equal(band.Images.Concat(band.Host.Sites), band.ToStructure().Sites);
        }
    }

    /// <summary>
    /// Argyrodite: 48 Li sites at 0.5 → 24 Li per cell. NASICON: Na1 6b full + Na2 18e at 2/3 → 18 Na per cell.
    /// The band holds ionsPerCell·cells − 1 ions (the images count once) and never two host ions closer than
    /// <paramref name="minimumSeparation"/> Å.
    /// </summary>
    [Theory]
    [InlineData("argyrodite-disordered", "Li", 24, 1.9)]
    [InlineData("nasicon-disordered", "Na", 18, 3.0)]
    public void DisorderedSublattice_BandThinsToRoundedCount(string name, string ion, int ionsPerCell, double minimumSeparation)
    {
        var f = HopFixtures.Load(name);
        var a = HopAnalysis.Analyze(f.Structure);
        Assert.Contains(a.Framework.Notes, n => n.Contains("partially occupied"));
        Assert.Contains(a.Framework.Notes, n => n.Contains("mixed host positions"));
        Assert.Equal(ion, a.Ion);
        var (na, nb, nc) = BandSupercell.Repeats(f.Structure.Lattice);
        int cells = na * nb * nc;
        foreach (var hop in a.Hops)
        {
            var band = a.Band(hop);
            int count = band.Host.Sites.Count(s => s.Element == ion) + 1;
            Assert.Equal(ionsPerCell * cells - 1, count);
            Assert.True(band.ToStructure().IsOrdered);
            // Farthest-point selection spreads the host ions: never both halves of a close pair of sites.
            var liHost = band.Host.Sites.Where(s => s.Element == ion).Select(s => s.Frac).ToList();
            double closest = double.PositiveInfinity;
            for (int i = 0; i < liHost.Count; i++)
                for (int j = i + 1; j < liHost.Count; j++)
                    closest = Math.Min(closest, band.Lattice.MinimumImageDistance(liHost[i], liHost[j]));
            Assert.True(closest > minimumSeparation, $"host {ion} only {closest:F2} Å apart");
            // Deterministic: the same band twice.
            var again = a.Band(hop);
            Assert.Equal(band.ToStructure().Sites.Select(s => s.Frac), again.ToStructure().Sites.Select(s => s.Frac));
        }
    }

    [Fact]
    public void StrictPolicy_RefusesDisorder_MajorityAccepts()
    {
        var f = HopFixtures.Load("argyrodite-disordered");
        var e = Assert.Throws<HopException>(() => HopAnalysis.Analyze(f.Structure, new HopOptions(Disorder: DisorderPolicy.Strict)));
        Assert.Contains("structure is disordered", e.Message);
        Assert.Equal(HopFixtures.Load("argyrodite").Hops.Count, HopAnalysis.Analyze(f.Structure).Hops.Count);
        Assert.Equal(DisorderPolicy.Strict, DisorderPolicy.Parse("STRICT"));
        Assert.Throws<HopException>(() => DisorderPolicy.Parse("random"));
    }

    [Fact]
    public void MixedHostSite_TakesMajoritySpecies_SplitPositionsKeepOne()
    {
        var lattice = Lattice.FromParameters(8, 8, 8, 90, 90, 90);
        var sites = new List<Site>
        {
            new("Li", new Vec3(0, 0, 0), 0.7),
            new("Li", new Vec3(0.5, 0, 0), 0.7),
            new("S", new Vec3(0.25, 0.25, 0.25), 0.6), new("Cl", new Vec3(0.25, 0.25, 0.25), 0.4),
            new("P", new Vec3(0.5, 0.5, 0.5), 0.5), new("P", new Vec3(0.55, 0.5, 0.5), 0.5), // split position, 0.4 Å apart
            new("O", new Vec3(0.75, 0.75, 0.75), 0.3), // mostly empty: left out
        };
        var fw = DisorderPolicy.Majority.Apply(new Structure(lattice, sites), "Li");
        Assert.Equal(2, fw.IonSites.Count);
        Assert.Equal(new[] { "S", "P" }, fw.Host.Select(h => h.Element).ToArray());
        Assert.Equal(4, fw.Notes.Count);
    }
}
