using System.Text.Json.Nodes;
using BarrierNet.Core.Data;
using BarrierNet.Model.Apps;
using BarrierNet.Model.Evaluation;
using Xunit;

namespace BarrierNet.Tests.Evaluation;

public class TrainingOverlapTests : IDisposable
{
    private readonly string _tmp = Directory.CreateTempSubdirectory("barriernet-overlap").FullName;
    public void Dispose() { try { Directory.Delete(_tmp, true); } catch (IOException) { } }

    private static string Band => ModelPaths.HeadDirectory(ModelPaths.DefaultHead);

    /// <summary>The published training split: $BARRIERNET_DATA, else ../shared/datasets beside the repository.</summary>
    private static string Train => Environment.GetEnvironmentVariable(DataPaths.EnvironmentVariable) is string env
        ? DataPaths.BarrierTrain(env)
        : DataPaths.BarrierTrain(Path.Combine(RepoPaths.RepoRoot, "..", "shared", "datasets"));

    [Fact]
    public void TheTrainingFileItselfIsAllSeen()
    {
        var train = Train;
        var entries = BarrierDataset.Load(train);
        var o = TrainingOverlap.Find(Band, train, entries);
        Assert.Equal(559, o.SeenCount);
        Assert.Contains("same SHA-256", o.Basis);
    }

    [Fact]
    public void ACopyOfSomeTrainingEntriesPlusANewOneCountsTheCopiesOnly()
    {
        var all = JsonNode.Parse(File.ReadAllText(Train))!.AsArray();
        var picked = new JsonArray();
        foreach (int i in new[] { 3, 100, 400 }) picked.Add(all[i]!.DeepClone());
        // A new hop: the same atoms moved by 0.01 in fractional x, renamed — not the training entry.
        var changed = all[7]!.DeepClone();
        changed["sys_name"] = "renamed";
        var coords = changed["atoms"]!["coords"]!.AsArray();
        coords[10]![0] = coords[10]![0]!.GetValue<double>() + 0.01;
        picked.Add(changed);
        // A renamed copy with another barrier is still an entry the model has seen.
        var renamed = all[200]!.DeepClone();
        renamed["sys_name"] = "other-name";
        renamed["target"] = 9.9;
        picked.Add(renamed);
        var file = Path.Combine(_tmp, "mixed.json");
        File.WriteAllText(file, picked.ToJsonString());
        var entries = BarrierDataset.Load(file);
        var o = TrainingOverlap.Find(Band, file, entries);
        Assert.Equal(new[] { true, true, true, false, true }, o.Seen);
        Assert.Contains("matched by their atoms", o.Basis);
    }

    [Fact]
    public void AModelWithoutHashesCannotTell()
    {
        var dir = Path.Combine(_tmp, "model");
        Directory.CreateDirectory(dir);
        new ModelManifest { Kind = "x" }.Write(dir);
        var file = Path.Combine(_tmp, "one.json");
        File.WriteAllText(file, "[]");
        var o = TrainingOverlap.Find(dir, file, Array.Empty<BarrierEntry>());
        Assert.Null(o.SeenCount);
    }
}
