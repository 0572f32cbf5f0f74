using System.Diagnostics;
using System.Text.Json;
using BarrierNet.Core.Data;
using BarrierNet.Core.IO;
using BarrierNet.Core.Symmetry;
using Xunit;
using Xunit.Abstractions;

namespace BarrierNet.Tests.Symmetry;

/// <summary>
/// Space groups of 400 real Materials Project structures (the first 400 of the phonon pretraining file) compared
/// with spglib 2.0.2 at the same 0.1 Å tolerance; numbers frozen by scripts/oracle/spglib_pretrain.py.
/// </summary>
public class SpglibAgreementTests(ITestOutputHelper output)
{
    [Fact]
    public void AgreesWithSpglibOnMaterialsProjectStructures()
    {
        var expected = File.ReadAllLines(SpaceGroupIdentifierTests.FixturePath("symmetry", "ph_spglib.tsv"))
            .Select(l => l.Split('\t')).ToDictionary(f => int.Parse(f[0]), f => (Number: int.Parse(f[2]), Symbol: f[3], Ops: int.Parse(f[4])));
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(DataRoot(), "pretrain", "ph.json")));
        var mismatches = new List<string>();
        int compared = 0;
        var sw = Stopwatch.StartNew();
        foreach (var entry in doc.RootElement.EnumerateArray())
        {
            int jid = entry.GetProperty("jid").GetInt32();
            if (!expected.TryGetValue(jid, out var want)) continue;
            var s = AtomsJson.Read(entry.GetProperty("atoms"), $"ph {jid}");
            var info = SymmetryFinder.Analyze(s);
            compared++;
            if (info.Number != want.Number || info.Operations.Count != want.Ops)
                mismatches.Add($"jid {jid}: spglib {want.Symbol} ({want.Number}, {want.Ops} ops), ours {info} ({info.Operations.Count} ops)");
        }
        output.WriteLine($"{compared} structures, {mismatches.Count} disagreements, {sw.ElapsedMilliseconds} ms");
        foreach (var m in mismatches) output.WriteLine(m);
        Assert.Equal(400, compared);
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
