using System.Text.Json.Nodes;
using BarrierNet.Cli.Commands;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.IO;
using BarrierNet.Core.Migration;
using BarrierNet.Core.Symmetry;
using BarrierNet.Tests.Apps;
using Xunit;

namespace BarrierNet.Tests.Migration;

/// <summary>
/// A P1 supercell of any size, in any atom order and origin, is worked in its primitive cell: the same hops, bands,
/// barriers and percolation as its parent, with multiplicities and site indices told per input cell.
/// </summary>
public class CellReductionTests : IDisposable
{
    private readonly string _tmp = Directory.CreateTempSubdirectory("barriernet-cells").FullName;

    public void Dispose() { try { Directory.Delete(_tmp, true); } catch (IOException) { } }

    /// <summary>Li3ClO antiperovskite, a = 3.91 Å (Pm-3m, 5 atoms).</summary>
    private static Structure Li3ClO() => new(new Lattice(new Vec3(3.91, 0, 0), new Vec3(0, 3.91, 0), new Vec3(0, 0, 3.91)), new[]
    {
        new Site("Li", new Vec3(0.5, 0.5, 0)), new Site("Li", new Vec3(0.5, 0, 0.5)), new Site("Li", new Vec3(0, 0.5, 0.5)),
        new Site("O", new Vec3(0.5, 0.5, 0.5)), new Site("Cl", new Vec3(0, 0, 0)),
    });

    /// <summary>Li2O antifluorite in its primitive cell (Fm-3m, a = 4.61 Å, 3 atoms, 60° angles).</summary>
    private static Structure Li2O()
    {
        double h = 4.61 / 2;
        return new(new Lattice(new Vec3(0, h, h), new Vec3(h, 0, h), new Vec3(h, h, 0)), new[]
        {
            new Site("O", new Vec3(0, 0, 0)), new Site("Li", new Vec3(0.25, 0.25, 0.25)), new Site("Li", new Vec3(0.75, 0.75, 0.75)),
        });
    }

    /// <summary>An na×nb×nc P1 supercell, atoms shuffled and the origin shifted.</summary>
    private static Structure Supercell(Structure s, int na, int nb, int nc, int seed)
    {
        var rng = new Random(seed);
        var shift = new Vec3(0.137, 0.271, 0.419);
        var sites = new List<Site>();
        for (int i = 0; i < na; i++)
            for (int j = 0; j < nb; j++)
                for (int k = 0; k < nc; k++)
                    sites.AddRange(s.Sites.Select(x => x with
                    {
                        Frac = (new Vec3((x.Frac.X + i) / na, (x.Frac.Y + j) / nb, (x.Frac.Z + k) / nc) + shift).Wrap(),
                    }));
        return new Structure(s.Lattice.Supercell(na, nb, nc), sites.OrderBy(_ => rng.Next()).ToList());
    }

    [Fact]
    public void LatticeReduction_FindsTheShortBasisOfASkewedCell()
    {
        var cubic = new Lattice(new Vec3(4, 0, 0), new Vec3(0, 4, 0), new Vec3(0, 0, 4));
        var skewed = new Lattice(cubic.A, cubic.B + 3 * cubic.A, cubic.C - 2 * cubic.A + cubic.B);
        var r = LatticeReduction.Reduce(skewed);
        Assert.Equal(skewed.Volume, r.Volume, 9);
        Assert.All(new[] { r.LengthA, r.LengthB, r.LengthC }, l => Assert.Equal(4, l, 9));
        Assert.True(r.A.Dot(r.B.Cross(r.C)) > 0);
    }

    [Theory]
    [InlineData("Li3ClO", 10, 10, 10, 1000)]
    [InlineData("Li2O", 6, 6, 6, 216)]
    [InlineData("Li2O", 3, 1, 2, 6)]
    public void P1Supercell_GivesTheParentsHopsAndBands(string name, int na, int nb, int nc, int copies)
    {
        var parent = name == "Li3ClO" ? Li3ClO() : Li2O();
        var super = Supercell(parent, na, nb, nc, seed: 11);
        var p = HopAnalysis.Analyze(parent);
        var s = HopAnalysis.Analyze(super);

        Assert.Equal(copies, s.CellsPerInput);
        Assert.Equal(p.SpaceGroup.Number, s.SpaceGroup.Number);
        Assert.Equal(p.ReportedOperationCount * copies, s.ReportedOperationCount);
        Assert.Equal(p.ReportedIonSiteCount * copies, s.ReportedIonSiteCount);
        Assert.Equal(p.Hops.Count, s.ReportedHops.Count);
        for (int i = 0; i < p.Hops.Count; i++)
        {
            var (ph, sh) = (p.ReportedHops[i], s.ReportedHops[i]);
            Assert.Equal(ph.Length, sh.Length, 9);
            Assert.Equal(ph.Bottleneck, sh.Bottleneck, 9);
            Assert.Equal(ph.Multiplicity * copies, sh.Multiplicity);
            Assert.Equal((ph.FromLabel, ph.ToLabel), (sh.FromLabel, sh.ToLabel));
            // The input-cell hop joins two of the input's ion sites at its length.
            var ions = super.Sites.Where(x => x.Element == s.Ion).ToList();
            var to = ions[sh.ToSite].Frac.Wrap() + new Vec3(sh.Image.A, sh.Image.B, sh.Image.C);
            Assert.Equal(sh.Length, super.Lattice.ToCartesian(to - ions[sh.FromSite].Frac.Wrap()).Norm, 6);
            var (pd, sd) = (SortedDistances(p.Band(p.Hops[i]).ToStructure()), SortedDistances(s.Band(s.Hops[i]).ToStructure()));
            Assert.Equal(pd.Select(x => x.Element), sd.Select(x => x.Element));
            Assert.All(pd.Zip(sd), x => Assert.Equal(x.First.Distance, x.Second.Distance, 6));
        }
    }

    /// <summary>Distances from the band's middle image to every atom (nearest image): equal for bands that are one rigid motion apart.</summary>
    private static List<(string Element, double Distance)> SortedDistances(Structure band)
    {
        var mid = band.Sites[2].Frac;
        return band.Sites.Select(x => (x.Element, band.Lattice.MinimumImageDistance(mid, x.Frac)))
            .OrderBy(x => x.Element, StringComparer.Ordinal).ThenBy(x => x.Item2).ToList();
    }

    [Fact]
    public void HopsAndPredictJson_OfASupercell_EqualTheParents_ApartFromCellFields()
    {
        var parentFile = Path.Combine(_tmp, "Li3ClO.cif");
        var superFile = Path.Combine(_tmp, "Li3ClO-8x8x8.vasp");
        StructureReader.Write(Li3ClO(), parentFile);
        StructureReader.Write(Supercell(Li3ClO(), 8, 8, 8, seed: 3), superFile);

        var hops = new HopsCommand.Settings(new HopOptions(), "json", null, null, BandSupercell.DefaultMinimumWidth);
        var (ph, sh) = (RunJson(o => HopsCommand.Run(new[] { parentFile }, hops, o, TextWriter.Null)), RunJson(o => HopsCommand.Run(new[] { superFile }, hops, o, TextWriter.Null)));
        Assert.Equal(512 * ph[0]!["hops"]![0]!["multiplicity"]!.GetValue<int>(), sh[0]!["hops"]![0]!["multiplicity"]!.GetValue<int>());
        Assert.Equal(WithoutCellFields(ph), WithoutCellFields(sh));

        var model = LengthModel.Directory();
        var predict = new PredictCommand.Settings(new HopOptions(), "band", model, 0.65, "json");
        var (pp, sp) = (RunJson(o => PredictCommand.Run(new[] { parentFile }, predict, o, TextWriter.Null)), RunJson(o => PredictCommand.Run(new[] { superFile }, predict, o, TextWriter.Null)));
        Assert.Equal(WithoutCellFields(pp), WithoutCellFields(sp));
        Assert.NotNull(sp[0]!["percolation"]!["3d"]);
        foreach (var d in new[] { "1d", "2d", "3d" })
            Assert.Equal(pp[0]!["bvse_percolation"]![d]!.GetValue<double>(), sp[0]!["bvse_percolation"]![d]!.GetValue<double>(), 0.01);
        Directory.Delete(model, true);
    }

    private static JsonArray RunJson(Func<TextWriter, int> run)
    {
        var o = new StringWriter();
        Assert.Equal(0, run(o));
        return JsonNode.Parse(o.ToString())!.AsArray();
    }

    /// <summary>The JSON with the fields that depend on the choice of cell removed (file name, counts per cell, site indices, images, coordinates).</summary>
    private static string WithoutCellFields(JsonArray report)
    {
        var copy = report.DeepClone().AsArray();
        foreach (var r in copy.Select(x => x!.AsObject()))
        {
            // The landscape is sampled on a grid fixed to the cell's origin, so its percolation barriers move within the
            // grid's resolution with the choice of cell; they are compared within 0.01 eV instead.
            foreach (var key in new[] { "file", "n_ion_sites", "bvse_percolation" }) r.Remove(key);
            r["spacegroup"]!.AsObject().Remove("n_operations");
            foreach (var h in r["hops"]!.AsArray().Select(x => x!.AsObject()))
                foreach (var key in new[] { "multiplicity", "from_site", "to_site", "image", "from_frac", "to_frac" }) h.Remove(key);
        }
        return copy.ToJsonString();
    }

    [Fact]
    public void IrreducibleLargeCell_IsRefusedWithOneLineNamingTheLimitAndTheOption()
    {
        // A 7×7×7 Li2O cell (1029 atoms) with one Li moved 0.3 Å: no translation maps it onto itself.
        var super = Supercell(Li2O(), 7, 7, 7, seed: 5);
        int li = super.Sites.ToList().FindIndex(x => x.Element == "Li");
        var sites = super.Sites.ToList();
        sites[li] = sites[li] with { Frac = sites[li].Frac + super.Lattice.ToFractional(new Vec3(0.3, 0, 0)) };
        var file = Path.Combine(_tmp, "big.vasp");
        StructureReader.Write(super.WithSites(sites), file);

        var err = new StringWriter();
        var settings = new HopsCommand.Settings(new HopOptions(), "json", null, null, BandSupercell.DefaultMinimumWidth);
        Assert.Equal(2, HopsCommand.Run(new[] { file }, settings, TextWriter.Null, err));
        // Progress lines for the large file, then exactly one error line.
        var line = Assert.Single(err.ToString().Trim().Split('\n'), l => l.StartsWith("error:"));
        Assert.StartsWith($"error: {file}: 1029 atoms and no smaller repeating cell", line);
        Assert.Contains("--max-atoms 1029", line);
    }

    [Fact]
    public void Screen_RecordsTheSizeLimitInItsErrorsAndMovesOn()
    {
        var folder = Path.Combine(_tmp, "dump");
        Directory.CreateDirectory(folder);
        var super = Supercell(Li2O(), 7, 7, 7, seed: 5);
        var sites = super.Sites.ToList();
        int li = sites.FindIndex(x => x.Element == "Li");
        sites[li] = sites[li] with { Frac = sites[li].Frac + super.Lattice.ToFractional(new Vec3(0.3, 0, 0)) };
        StructureReader.Write(super.WithSites(sites), Path.Combine(folder, "a-big.vasp"));
        StructureReader.Write(Supercell(Li3ClO(), 6, 6, 6, seed: 2), Path.Combine(folder, "b-super.vasp"));
        var options = new BarrierNet.Model.Apps.ScreenOptions(folder, Path.Combine(_tmp, "out.csv"), Path.Combine(_tmp, "errors.csv"), "Li", false, BarrierNet.Model.Apps.ShardSpec.All);
        var summary = new BarrierNet.Model.Apps.ScreenRunner(new BarrierNet.Model.Apps.MaterialPredictor(new LengthModel(), new HopOptions("Li")), options).Run();
        Assert.Equal((1L, 1L), (summary.Scored, summary.Errors));
        var errs = BarrierNet.Model.Apps.CsvJournal<BarrierNet.Model.Apps.ScreenError>.Resume(options.ErrorsPath, out var e); errs.Dispose();
        Assert.Equal("a-big.vasp", e[0].MaterialId);
        Assert.Contains("--max-atoms 1029", e[0].Reason);
    }
}
