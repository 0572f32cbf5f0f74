using System.Diagnostics;
using System.Text.Json;
using BarrierNet.Core.Data;
using BarrierNet.Core.IO;
using BarrierNet.Core.Symmetry;
using Xunit;
using Xunit.Abstractions;

namespace BarrierNet.Tests.Symmetry;

/// <summary>
/// Space groups and operation counts of real structures compared with spglib 2.0.2 at the same 0.1 Å tolerance:
/// 400 Materials Project structures (first 400 of the phonon pretraining file; scripts/oracle/spglib_pretrain.py)
/// and 60 training-band hosts. Only the derived numbers are stored; the structures are read from the shared data.
/// </summary>
public class SpglibAgreementTests(ITestOutputHelper output)
{
    [Fact]
    public void AgreesWithSpglibOnMaterialsProjectStructures() =>
        Compare("ph_spglib.tsv", Path.Combine("pretrain", "ph.json"), hostOnly: false, expectedCount: 400);

    /// <summary>
    /// Hosts of the first 60 training bands (atoms 5.. of each band: the supercell without the migrating ion),
    /// 29–1022 sites, with up to 432 operations in the supercell; frozen by scripts/oracle/spglib_em_hosts.py.
    /// </summary>
    [Fact]
    public void AgreesWithSpglibOnTrainingBandHosts() =>
        Compare("em_hosts_spglib.tsv", Path.Combine("em", "em-band-train.json"), hostOnly: true, expectedCount: 60);

    private void Compare(string fixture, string dataFile, bool hostOnly, int expectedCount)
    {
        var expected = File.ReadAllLines(SpaceGroupIdentifierTests.FixturePath("symmetry", fixture))
            .Select(l => l.Split('\t')).ToDictionary(f => int.Parse(f[0]), f => (Number: int.Parse(f[2]), Symbol: f[3], Ops: int.Parse(f[4])));
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(DataRoot(), dataFile)));
        var mismatches = new List<string>();
        int compared = 0;
        var sw = Stopwatch.StartNew();
        long slowest = 0; int slowestSites = 0;
        foreach (var entry in doc.RootElement.EnumerateArray())
        {
            int jid = entry.GetProperty("jid").GetInt32();
            if (!expected.TryGetValue(jid, out var want)) continue;
            var s = AtomsJson.Read(entry.GetProperty("atoms"), $"{dataFile} {jid}");
            if (hostOnly) s = s.WithSites(s.Sites.Skip(5).ToList());
            var one = Stopwatch.StartNew();
            var info = SymmetryFinder.Analyze(s);
            if (one.ElapsedMilliseconds > slowest) { slowest = one.ElapsedMilliseconds; slowestSites = s.Count; }
            compared++;
            if (info.Number != want.Number || info.Operations.Count != want.Ops)
                mismatches.Add($"jid {jid} ({s.Count} sites): spglib {want.Symbol} ({want.Number}, {want.Ops} ops), ours {info} ({info.Operations.Count} ops)");
        }
        output.WriteLine($"{compared} structures, {mismatches.Count} disagreements, {sw.ElapsedMilliseconds} ms in all, slowest {slowest} ms ({slowestSites} sites)");
        foreach (var m in mismatches) output.WriteLine(m);
        Assert.Equal(expectedCount, compared);
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    /// <summary>The shared data folder: $BARRIERNET_DATA, else ../shared/datasets beside a folder above the test binaries.</summary>
    private static string DataRoot()
    {
        var env = Environment.GetEnvironmentVariable(DataPaths.EnvironmentVariable);
        if (env is not null) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "datasets");
            if (Directory.Exists(Path.Combine(candidate, "pretrain"))) return candidate;
        }
        throw new DirectoryNotFoundException("shared datasets not found: set " + DataPaths.EnvironmentVariable);
    }
}
