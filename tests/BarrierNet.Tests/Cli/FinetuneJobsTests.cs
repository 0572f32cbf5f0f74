using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using BarrierNet.Model.Evaluation;
using BarrierNet.Cli.Commands;
using BarrierNet.Model.Heads;
using BarrierNet.Model.Runtime;
using BarrierNet.Model.Training;
using BarrierNet.Tests.Fixtures;
using BarrierNet.Tests.Heads;
using Xunit;

namespace BarrierNet.Tests.Cli;

/// <summary>`finetune --jobs`: members trained by worker processes, run as a user runs it (the real program).</summary>
[Collection("torch")]
public class FinetuneJobsTests
{
    public FinetuneJobsTests() => TorchRuntime.EnsureLoadable();

    private static (int Code, string Out, string Err) Barriernet(params string[] args)
    {
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "barriernet.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    private static string[] Args(string dir, params string[] more) => new[]
    {
        "finetune", "--data", FixturePaths.HopBands, "--head", "band", "--from", "scratch", "--out", dir,
        "--ensemble", "3", "--epochs", "2", "--batch-size", "4", "--trees", "10",
    }.Concat(more).ToArray();

    private static string Sha(string file) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));

    [Fact]
    public void TwoWorkerProcessesWriteTheWeightsAndMetricsOneProcessWrites()
    {
        var one = HeadTestData.TempDir("jobs-1");
        var two = HeadTestData.TempDir("jobs-2");
        try
        {
            new HeadFinetuner(new FinetuneOptions
            {
                DataFile = FixturePaths.HopBands, OutputDirectory = one, Recipe = new HeadRecipe { From = HeadRecipe.Scratch, Ensemble = 3, Epochs = 2, BatchSize = 4, Trees = 10 },
            }).Run();
            var (code, stdout, stderr) = Barriernet(Args(two, "--jobs", "2"));
            Assert.True(code == 0, stderr);
            Assert.Contains("worker 2: members 1", stdout);
            for (int m = 0; m < 3; m++)
            {
                Assert.Equal(Sha(Path.Combine(GnnEnsemble.MemberDirectory(one, m), HeadTrainer.WeightsFile)),
                    Sha(Path.Combine(GnnEnsemble.MemberDirectory(two, m), HeadTrainer.WeightsFile)));
                Assert.Equal(Sha(Path.Combine(DescriptorEnsemble.ModelDirectory(one, m), "trees.bin")), Sha(Path.Combine(DescriptorEnsemble.ModelDirectory(two, m), "trees.bin")));
            }
            foreach (var f in new[] { "cv-metrics.json", "oof-predictions.csv" })
                Assert.Equal(File.ReadAllText(Path.Combine(one, f)), File.ReadAllText(Path.Combine(two, f)));
            // model.json too, but for when it was written, the output directory in the command, and the log's hash.
            static string Parts(string dir)
            {
                var m = ModelManifest.Read(dir);
                return JsonSerializer.Serialize(m with { Provenance = null, Files = m.Files.Where(f => f.Path != "train-log.csv" && !f.Path.EndsWith("member.json")).ToList() }, ModelJson.Options);
            }
            Assert.Equal(Parts(one), Parts(two));
            // The training log too, but for the seconds each epoch took.
            static IEnumerable<string> NoSeconds(string dir) => File.ReadLines(Path.Combine(dir, "train-log.csv"))
                .Select(l => l.Split(',')).Select(c => string.Join(',', c.Where((_, i) => i != 2)));
            Assert.Equal(NoSeconds(one), NoSeconds(two));
            Assert.Equal(7, NoSeconds(two).Count());
            Assert.DoesNotContain("--jobs", ModelManifest.Read(two).Provenance!.Command); // a run setting, not the recipe
        }
        finally { Directory.Delete(one, true); Directory.Delete(two, true); }
    }

    [Fact]
    public void AFailingWorkerIsOneLineNamingItsMembersAndTheOthersWorkIsKept()
    {
        var dir = HeadTestData.TempDir("jobs-fail");
        try
        {
            // Member 1's checkpoint was made for another schedule: its worker stops with a clear error.
            var ckpt = Path.Combine(GnnEnsemble.MemberDirectory(dir, 1), "checkpoint");
            Directory.CreateDirectory(ckpt);
            File.WriteAllText(Path.Combine(ckpt, "state.json"), "{\"Epochs\": 5, \"CompletedEpochs\": 1}");
            var (code, _, stderr) = Barriernet(Args(dir, "--jobs", "2"));
            Assert.NotEqual(0, code);
            var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Single(lines);
            Assert.StartsWith("error: the worker training members 1 exited with code 2:", lines[0]);
            Assert.Contains("made for 5 epochs, not 2", lines[0]);
            Assert.Contains("worker-1.log", lines[0]);
            Assert.True(File.Exists(Path.Combine(GnnEnsemble.MemberDirectory(dir, 0), "member.json")));
            Assert.True(File.Exists(Path.Combine(GnnEnsemble.MemberDirectory(dir, 2), "member.json")));
            Assert.False(File.Exists(Path.Combine(dir, "cv-metrics.json")));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void WorkerArgumentsDropJobsAndNameTheMembers()
    {
        var args = MemberWorkers.WorkerArguments(new[] { "finetune", "--jobs", "3", "--out", "x", "--jobs=3" }, new[] { 1, 4, 7 });
        Assert.Equal(new[] { "finetune", "--out", "x", MemberWorkers.WorkerOption, "1,4,7" }, args);
        Assert.Equal(new[] { 1, 4, 7 }, MemberWorkers.ParseMembers("1,4,7"));
        Assert.Throws<ArgumentException>(() => MemberWorkers.ParseMembers("1,x"));
    }
}
