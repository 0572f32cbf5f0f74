using BarrierNet.Core.Crystal;
using BarrierNet.Core.IO;
using BarrierNet.Core.Migration;
using Xunit;

namespace BarrierNet.Tests.Migration;

public class HopFilesTests : IDisposable
{
    private readonly string _tmp = Directory.CreateTempSubdirectory("barriernet-hopfiles").FullName;
    public void Dispose() { try { Directory.Delete(_tmp, true); } catch (IOException) { } }

    private static (HopAnalysis A, Band Band, Hop Hop) Lgps(int number)
    {
        var a = HopAnalysis.Analyze(StructureReader.Read(RepoPaths.Fixture("physics", "lgps.cif")));
        var hop = a.Hops[number - 1];
        return (a, a.Band(hop), hop);
    }

    [Fact]
    public void Neb_OneFolderPerStructureAndHop_EightDecimals_NoPathInTitles_NeverOverwritten()
    {
        var (_, band, hop) = Lgps(2);
        var dir = HopFiles.WriteNeb(_tmp, "lgps", 2, band, new HopFiles.Options());
        Assert.Equal(Path.Combine(_tmp, "lgps", "hop2"), dir);
        for (int k = 0; k < 7; k++)
        {
            var text = File.ReadAllText(Path.Combine(dir, $"{k:00}", "POSCAR"));
            Assert.Equal($"lgps hop 2 image {k:00}", text.Split('\n')[0]);
            Assert.DoesNotContain("\r", text);
            Assert.DoesNotContain("e-", text);
            Assert.DoesNotContain("-0.00000000", text);
            var coords = text.Split('\n').Skip(8).Where(l => l.Length > 0).SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3));
            Assert.All(coords, c => Assert.Equal(8, c.Length - c.IndexOf('.') - 1));
        }
        var before = File.ReadAllText(Path.Combine(dir, "03", "POSCAR"));
        var e = Assert.Throws<IOException>(() => HopFiles.WriteNeb(_tmp, "lgps", 2, band, new HopFiles.Options()));
        Assert.Contains("--overwrite", e.Message);
        Assert.Equal(before, File.ReadAllText(Path.Combine(dir, "03", "POSCAR")));
        HopFiles.WriteNeb(_tmp, "lgps", 2, band, new HopFiles.Options(Overwrite: true));
        // Another hop of the same structure goes to its own folder.
        var (_, band1, _) = Lgps(1);
        Assert.NotEqual(dir, HopFiles.WriteNeb(_tmp, "lgps", 1, band1, new HopFiles.Options()));
        Assert.True(hop.Bottleneck > PathClearance.Minimum);
    }

    [Fact]
    public void Neb_PathThroughAnAtom_IsRefusedUnlessAllowed_WrittenImagesKeepTheirDistances()
    {
        var (_, band, hop) = Lgps(14);
        Assert.True(PathClearance.IsBlocked(hop.Bottleneck));
        var e = Assert.Throws<HopException>(() => HopFiles.WriteNeb(_tmp, "lgps", 14, band, new HopFiles.Options()));
        Assert.Contains("--allow-close-atoms", e.Message);
        Assert.False(Directory.Exists(Path.Combine(_tmp, "lgps", "hop14")));
        var dir = HopFiles.WriteNeb(_tmp, "lgps", 14, band, new HopFiles.Options(AllowCloseAtoms: true));
        var images = Enumerable.Range(0, 7).Select(k => PoscarReader.ReadFile(Path.Combine(dir, $"{k:00}", "POSCAR"))).ToList();
        Assert.True(images.Min(im => PathClearance.NearestNeighbour(im, 0)) < PathClearance.Minimum);
        // The open hops' images all keep the ion at least 1 Å from every atom.
        var (_, open, _) = Lgps(2);
        var okDir = HopFiles.WriteNeb(_tmp, "lgps", 2, open, new HopFiles.Options());
        Assert.All(Enumerable.Range(0, 7), k => Assert.True(PathClearance.NearestNeighbour(PoscarReader.ReadFile(Path.Combine(okDir, $"{k:00}", "POSCAR")), 0) >= 1.0));
    }

    [Fact]
    public void Band_WrittenUnderTheStructure_NeverOverwritten()
    {
        var (_, band, _) = Lgps(1);
        var (json, cif) = HopFiles.WriteBand(_tmp, "lgps", 1, band, new HopFiles.Options());
        Assert.Equal(Path.Combine(_tmp, "lgps", "hop1.json"), json);
        Assert.True(File.Exists(cif));
        Assert.Throws<IOException>(() => HopFiles.WriteBand(_tmp, "lgps", 1, band, new HopFiles.Options()));
    }

    [Fact]
    public void UniqueNames_EqualFileNamesInDifferentFolders_GetTheirFolderInFront()
    {
        var names = HopFiles.UniqueNames(new[] { "a/POSCAR", "b/POSCAR", "x/LiFePO4.cif", "LiFePO4.vasp" });
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal("a_POSCAR", names[0]);
        Assert.Equal("b_POSCAR", names[1]);
        Assert.Equal("x_LiFePO4", names[2]);
        var nested = HopFiles.UniqueNames(new[] { "a/POSCAR", "c/a/POSCAR", "a/POSCAR" });
        Assert.Equal(3, nested.Distinct().Count());
        Assert.DoesNotContain(names, n => n.Contains('/'));
        Assert.Equal(new[] { "POSCAR" }, HopFiles.UniqueNames(new[] { "some/dir/POSCAR" }));
        Assert.Equal(new[] { "mp-19017" }, HopFiles.UniqueNames(new[] { "mp-19017" }));
    }
}
