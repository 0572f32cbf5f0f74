using System.Text.Json;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.IO;
using BarrierNet.Core.Migration;
using BarrierNet.Tests.Fixtures;
using Xunit;

namespace BarrierNet.Tests.Migration;

/// <summary>
/// Distinct Li hops (≤ 5 Å, the file's sites only) against pymatgen-analysis-diffusion's MigrationGraph on Materials
/// Project structures of the benchmark (read from the shared pretraining file fe.json by jid; only the oracle's numbers
/// are stored), frozen by scripts/oracle/migration_graph_oracle.py. MigrationGraph calls two
/// hops equal when a space-group operation maps one onto the other (sites within 0.1 in fractional coordinates) and
/// their lengths agree to 1e-3 Å; the second test splits what the tolerance of 0.1 Å joins, in cells that are
/// symmetric only within it. Without that length test its count is ours; in P1, where no two pairs are equivalent,
/// every pair within 5 Å is a hop, as many as its graph has edges (its loose fractional site test merges some there).
/// </summary>
public class MigrationGraphAgreementTests
{
    private static string Directory => Path.Combine(HopFixtures.RepoRoot, "tests", "BarrierNet.Tests", "Fixtures", "migration-graph");

    private static readonly JsonElement Oracle = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "migration-graph.json"))).RootElement;

    public static IEnumerable<object[]> Names() => Oracle.EnumerateObject().Select(p => new object[] { p.Name });

    [Theory]
    [MemberData(nameof(Names))]
    public void DistinctHopCountIsMigrationGraphsWithoutItsLengthTest(string name)
    {
        var (expected, hops) = Run(name);
        int count = expected.GetProperty("spacegroup").GetInt32() == 1
            ? expected.GetProperty("edges").GetInt32()
            : expected.GetProperty("symmetry_only").GetArrayLength();
        Assert.Equal(count, hops.Count);
    }

    /// <summary>Each of our hops has the length of one of MigrationGraph's, and each of its hops lies within the tolerance of one of ours.</summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void HopLengthsAreMigrationGraphs(string name)
    {
        var (expected, hops) = Run(name);
        var theirs = expected.GetProperty("released").EnumerateArray().Select(x => x.GetDouble()).ToList();
        foreach (var h in hops) Assert.Contains(theirs, l => Math.Abs(l - h.Length) < 1.5e-3);
        foreach (var l in theirs) Assert.Contains(hops, h => Math.Abs(l - h.Length) < 0.1);
    }

    /// <summary>The benchmark's structures, by jid, from the shared data (read once).</summary>
    private static readonly Lazy<Dictionary<string, Structure>> Structures = new(() =>
    {
        var wanted = Oracle.EnumerateObject().Select(p => p.Name).ToHashSet();
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.File("pretrain", "fe.json")));
        return doc.RootElement.EnumerateArray()
            .Select(e => (Jid: e.GetProperty("jid").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), Entry: e))
            .Where(x => wanted.Contains(x.Jid))
            .ToDictionary(x => x.Jid, x => AtomsJson.Read(x.Entry.GetProperty("atoms"), $"fe.json {x.Jid}"));
    });

    [Fact]
    public void EveryOracleStructureIsInTheSharedData() => Assert.Equal(Oracle.EnumerateObject().Count(), Structures.Value.Count);

    private static (JsonElement Expected, IReadOnlyList<Hop> Hops) Run(string name)
    {
        var structure = Structures.Value[name];
        var analysis = HopAnalysis.Analyze(structure, new HopOptions(Sites: SiteSource.Listed));
        return (Oracle.GetProperty(name), analysis.ReportedHops);
    }
}
