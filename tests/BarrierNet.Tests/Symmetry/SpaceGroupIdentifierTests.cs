using BarrierNet.Core.Crystal;
using BarrierNet.Core.Symmetry;
using Xunit;
using Xunit.Abstractions;
using static BarrierNet.Tests.Symmetry.OperationTransforms;

namespace BarrierNet.Tests.Symmetry;

public class SpaceGroupIdentifierTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryTypeHasItsOwnFingerprint()
    {
        var classes = SpaceGroupIdentifier.FingerprintClasses;
        foreach (var c in classes.Where(c => c.Count > 1))
            output.WriteLine("shared: " + string.Join(" | ", c.Select(g => $"{g.Symbol} ({g.Number})")));
        Assert.Equal(230, classes.Count(c => c.Count == 1));
    }

    /// <summary>
    /// Identification reads the reference fingerprints from an embedded list; it must be what the table gives now.
    /// When the fingerprint or the table changes, the list is regenerated from the file this test writes.
    /// </summary>
    [Fact]
    public void EmbeddedFingerprintsAreThoseOfTheTable()
    {
        string expected = SpaceGroupIdentifier.FingerprintList();
        using var stream = typeof(SpaceGroupIdentifier).Assembly.GetManifestResourceStream(SpaceGroupIdentifier.FingerprintResource)!;
        string embedded = new StreamReader(stream).ReadToEnd();
        if (embedded != expected)
        {
            var fresh = Path.Combine(Path.GetTempPath(), "SpaceGroupFingerprints.tsv");
            File.WriteAllText(fresh, expected);
            Assert.Fail($"src/BarrierNet.Core/Symmetry/SpaceGroupFingerprints.tsv is stale: copy {fresh} over it");
        }
        Assert.Equal(230, embedded.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void StandardSettingsIdentifyThemselves()
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal((225, "Fm-3m"), ((int, string))SpaceGroupIdentifier.Identify(SpaceGroupTable.Get(225).Operations)!);
        output.WriteLine($"first identification (reads the 230 reference fingerprints): {sw.ElapsedMilliseconds} ms");
        foreach (var g in SpaceGroupTable.All)
            Assert.Equal((g.Number, g.Symbol), ((int, string))SpaceGroupIdentifier.Identify(g.Operations)!);
        Assert.Equal("Pnma", SpaceGroupTable.Get(62).Symbol);
        Assert.Equal(192, SpaceGroupTable.Get(225).Operations.Count);
    }

    /// <summary>The 300 non-standard Hall settings of spglib's database (other axes, origins, cells, rhombohedral axes).</summary>
    [Fact]
    public void OtherSettingsFromSpglibAreRecognised()
    {
        var lines = File.ReadAllLines(FixturePath("symmetry", "hall_settings.tsv"));
        Assert.Equal(300, lines.Length);
        var wrong = new List<string>();
        foreach (var line in lines)
        {
            var f = line.Split('\t');
            var ops = f[3].Split(';').Select(SymmetryOperation.Parse).ToList();
            var (number, _) = SpaceGroupIdentifier.Identify(ops);
            if (number != int.Parse(f[0])) wrong.Add($"{f[2]} ({f[0]}) → {number}");
        }
        Assert.True(wrong.Count == 0, "misidentified: " + string.Join("; ", wrong));
    }

    [Fact]
    public void RandomCellsAndOriginsOfEveryTypeAreRecognised()
    {
        var rng = new Random(42);
        var wrong = new List<string>();
        foreach (var g in SpaceGroupTable.All)
        {
            var shift = new Vec3(rng.NextDouble(), rng.NextDouble(), rng.NextDouble());
            Check(g, Transform(g.Operations, RandomUnimodular(rng), shift), true, "unimodular", wrong);
            // A left-handed cell mirrors screw senses: correct only when told the cell's handedness.
            Check(g, Transform(g.Operations, RandomUnimodular(rng, -1), shift), false, "left-handed", wrong);
            if (PrimitiveOf(g.Symbol) is { } p)
            {
                var prim = Transform(g.Operations, p, shift);
                Assert.Equal(g.Operations.Count, prim.Count * (int)Math.Round(1 / Math.Abs(Det(p))));
                Check(g, prim, true, "primitive", wrong);
                Check(g, Transform(g.Operations, Mul(RandomUnimodular(rng), p), shift), true, "skewed primitive", wrong);
            }
        }
        Assert.True(wrong.Count == 0, "misidentified: " + string.Join("; ", wrong));
    }

    [Fact]
    public void EnantiomorphsAreToldApartOnlyWithTheHandedness()
    {
        var p41 = SpaceGroupTable.Get(76).Operations; // P4_1
        Assert.Equal((76, "P4_1"), ((int, string))SpaceGroupIdentifier.Identify(p41)!);
        // The same operations read in a left-handed cell describe the mirror image, P4_3.
        Assert.Equal((78, "P4_3"), ((int, string))SpaceGroupIdentifier.Identify(p41, rightHandedCell: false)!);
    }

    private static void Check(ReferenceSpaceGroup g, List<SymmetryOperation> ops, bool rightHanded, string what, List<string> wrong)
    {
        var (number, symbol) = SpaceGroupIdentifier.Identify(ops, rightHanded);
        if (number != g.Number) wrong.Add($"{g.Symbol} ({g.Number}) {what} → {symbol} ({number})");
    }

    private static double Det(double[,] m) =>
        m[0, 0] * (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1]) - m[0, 1] * (m[1, 0] * m[2, 2] - m[1, 2] * m[2, 0]) + m[0, 2] * (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0]);

    internal static string FixturePath(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "Fixtures")))
            dir = dir.Parent;
        if (dir is null) throw new DirectoryNotFoundException("tests/BarrierNet.Tests/Fixtures not found above " + AppContext.BaseDirectory);
        return Path.Combine(new[] { dir.FullName, "Fixtures" }.Concat(parts).ToArray());
    }
}
