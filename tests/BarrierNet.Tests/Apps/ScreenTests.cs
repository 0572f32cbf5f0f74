using System.Text.Json.Nodes;
using BarrierNet.Core.IO;
using BarrierNet.Core.Migration;
using BarrierNet.Model.Apps;
using BarrierNet.Model.Evaluation;
using Xunit;

namespace BarrierNet.Tests.Apps;

public class ScreenTests
{
    private static readonly string[] Good = { "LiFePO4.cif", "LiMn2O4.cif", "Li3V2P3O12.cif" };

    /// <summary>A JSON Lines dump of 3 good materials, one without Li, and five kinds of bad document.</summary>
    private static string WriteDump(string dir)
    {
        var lines = new List<string>();
        int id = 0;
        foreach (var f in Good)
            lines.Add(new JsonObject { ["material_id"] = $"mp-{++id}", ["energy"] = 1.0, ["structure"] = PymatgenDictWriter.Write(StructureReader.Read(RepoPaths.Example(f))) }.ToJsonString());
        lines.Add(new JsonObject { ["material_id"] = "mp-noion", ["structure"] = PymatgenDictWriter.Write(StructureReader.Read(RepoPaths.Example("Ge2Sb2Te5.cif"))) }.ToJsonString());
        lines.Add("{\"material_id\": \"mp-broken\", \"structure\": {\"lattice\": ");                 // truncated JSON on one line
        lines.Add("{\"task_id\": \"mp-nostructure\"}");                                                // no structure
        lines.Add(lines[0]);                                                                           // repeated id
        var unknown = lines[1].Replace("\"Mn\"", "\"Xx\"").Replace("mp-2", "mp-unknown");
        lines.Add(unknown);                                                                            // unknown element
        lines.Add("{\"material_id\": \"mp-nan\", \"structure\": {\"lattice\": {\"matrix\": [[NaN,0,0],[0,1,0],[0,0,1]]}, \"sites\": []}}");
        var path = Path.Combine(dir, "dump.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static ScreenRunner Runner(string dump, string dir, bool resume, ShardSpec? shard = null, string suffix = "") =>
        new(new MaterialPredictor(new LengthModel(), new HopOptions("Li")),
            new ScreenOptions(dump, Path.Combine(dir, $"out{suffix}.csv"), Path.Combine(dir, $"errors{suffix}.csv"), "Li", resume, shard ?? ShardSpec.All, BatchSize: 1));

    [Fact]
    public void BadDocumentsGoToTheErrorFileAndEveryGoodMaterialGetsOneRow()
    {
        var dir = Directory.CreateTempSubdirectory("screen").FullName;
        try
        {
            var dump = WriteDump(dir);
            var summary = Runner(dump, dir, resume: false).Run();
            Assert.Equal(3, summary.Scored);
            Assert.Equal(1, summary.WithoutIon);
            Assert.Equal(5, summary.Errors);
            var rows = CsvJournal<ScreenRow>.Resume(Path.Combine(dir, "out.csv"), out var r); rows.Dispose();
            Assert.Equal(new[] { "mp-1", "mp-2", "mp-3" }, r.Select(x => x.MaterialId));
            var errs = CsvJournal<ScreenError>.Resume(Path.Combine(dir, "errors.csv"), out var e); errs.Dispose();
            Assert.Equal(new long[] { 5, 6, 7, 8, 9 }, e.Select(x => x.Line));
            Assert.Contains("repeated material_id", e[2].Reason);
            Assert.Equal("mp-1", e[2].MaterialId);
            Assert.Null(e[0].MaterialId);
            Assert.Contains("Xx", e[3].Reason);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void KilledRunResumesWithoutDuplicatesOrLosses()
    {
        var dir = Directory.CreateTempSubdirectory("screen").FullName;
        try
        {
            var dump = WriteDump(dir);
            var full = Runner(dump, dir, resume: false, suffix: "-full");
            full.Run();
            var expected = File.ReadAllLines(Path.Combine(dir, "out-full.csv"));

            // Kill after two flushed batches, then leave a torn half row behind as a killed write would.
            using (var cts = new CancellationTokenSource())
            {
                int batches = 0;
                var progress = new SyncProgress(_ => { if (++batches == 2) cts.Cancel(); });
                Assert.ThrowsAny<OperationCanceledException>(() => Runner(dump, dir, resume: false).Run(progress, cts.Token));
            }
            File.AppendAllText(Path.Combine(dir, "out.csv"), "mp-3,Li3V2(PO4)3,Li,4,0.");
            var second = Runner(dump, dir, resume: true).Run();
            Assert.Equal(expected, File.ReadAllLines(Path.Combine(dir, "out.csv")));
            Assert.Equal(File.ReadAllLines(Path.Combine(dir, "errors-full.csv")), File.ReadAllLines(Path.Combine(dir, "errors.csv")));
            // Resuming a finished run adds nothing.
            var third = Runner(dump, dir, resume: true).Run();
            Assert.Equal(0, third.Scored);
            Assert.Equal(0, third.Errors);
            Assert.Equal(expected, File.ReadAllLines(Path.Combine(dir, "out.csv")));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void ShardOutputsConcatenateToTheFullResult()
    {
        var dir = Directory.CreateTempSubdirectory("screen").FullName;
        try
        {
            var dump = WriteDump(dir);
            Runner(dump, dir, resume: false, suffix: "-full").Run();
            var all = new List<string>();
            for (int i = 0; i < 3; i++)
            {
                Runner(dump, dir, resume: false, new ShardSpec(i, 3), $"-{i}").Run();
                all.AddRange(File.ReadAllLines(Path.Combine(dir, $"out-{i}.csv")).Skip(1));
            }
            var full = File.ReadAllLines(Path.Combine(dir, "out-full.csv")).Skip(1).OrderBy(x => x).ToList();
            Assert.Equal(full, all.OrderBy(x => x).ToList());
        }
        finally { Directory.Delete(dir, true); }
    }

    private static readonly Lazy<IBarrierPredictor> Shipped = new(() => BarrierModelLoader.Load(ModelPaths.HeadDirectory(ModelPaths.DefaultHead)));

    [Fact]
    public void OneJobAndTwoJobsWriteTheSameBytes()
    {
        // Two workers featurising one-material batches, or one worker and a single batch: the same rows and errors,
        // byte for byte, in input order.
        var dir = Directory.CreateTempSubdirectory("screen").FullName;
        try
        {
            var dump = WriteDump(dir);
            var outputs = new List<(string Rows, string Errors)>();
            foreach (var (jobs, batchSize) in new[] { (1, 32), (2, 1) })
            {
                var predictor = new MaterialPredictor(Shipped.Value, new HopOptions("Li"), jobs: jobs);
                string name = $"jobs{jobs}";
                var summary = new ScreenRunner(predictor, new ScreenOptions(dump, Path.Combine(dir, name + ".csv"), Path.Combine(dir, name + ".errors.csv"),
                    "Li", false, ShardSpec.All, batchSize)).Run();
                Assert.Equal(3, summary.Scored);
                Assert.True(predictor.Timings[ScoringStage.Hops] > TimeSpan.Zero && predictor.Timings[ScoringStage.Network] > TimeSpan.Zero);
                outputs.Add((File.ReadAllText(Path.Combine(dir, name + ".csv")), File.ReadAllText(Path.Combine(dir, name + ".errors.csv"))));
            }
            Assert.Equal(outputs[0].Rows, outputs[1].Rows);
            Assert.Equal(outputs[0].Errors, outputs[1].Errors);
            Assert.Contains("mp-3,", outputs[0].Rows);
        }
        finally { Directory.Delete(dir, true); }
    }

    private sealed class SyncProgress(Action<ScreenProgress> report) : IProgress<ScreenProgress>
    {
        public void Report(ScreenProgress value) => report(value);
    }
}
