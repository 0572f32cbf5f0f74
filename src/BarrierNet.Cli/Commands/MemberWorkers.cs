using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using BarrierNet.Model.Heads;
using BarrierNet.Model.Training;

namespace BarrierNet.Cli.Commands;

/// <summary>
/// `finetune --jobs N`: the ensemble's members are trained by N copies of this program, worker w taking members
/// w, w + N, … (`--worker-members`). Each member's training depends only on the seed, its index and the data (torch's
/// generator is reseeded every epoch), so the weights are those a single process writes; torch's generator is global
/// to a process, which is why the workers are processes and not threads. The parent follows the members' checkpoints,
/// then fits the descriptor models, the blend and the calibration itself as before.
/// </summary>
internal static class MemberWorkers
{
    /// <summary>The hidden option a worker is started with.</summary>
    public const string WorkerOption = "--worker-members";

    /// <summary>
    /// This invocation's arguments with --jobs removed and the worker's members added (the worker must see exactly
    /// the parent's settings).
    /// </summary>
    public static List<string> WorkerArguments(IReadOnlyList<string> args, IReadOnlyList<int> members)
    {
        var list = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == "--jobs") { i++; continue; }
            if (args[i].StartsWith("--jobs=", StringComparison.Ordinal) || args[i].StartsWith("--jobs:", StringComparison.Ordinal)) continue;
            list.Add(args[i]);
        }
        list.Add(WorkerOption);
        list.Add(string.Join(',', members.Select(m => m.ToString(CultureInfo.InvariantCulture))));
        return list;
    }

    /// <summary>Parses --worker-members ("0,2,4").</summary>
    public static int[] ParseMembers(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
                : throw new ArgumentException($"{WorkerOption}: '{p}' is not a member index")).ToArray();

    /// <summary>
    /// Starts the workers for the members not yet finished, waits for them while reporting progress (epochs done of all
    /// members, every poll), and returns null when all succeeded or the one-line reason the first failed one gave.
    /// Each worker's output goes to members/worker-w.log in the output directory, kept only if a worker fails.
    /// </summary>
    public static string? Run(FinetuneOptions o, int jobs, IReadOnlyList<string> args, Action<long, long, string>? progress, Action<string> log)
    {
        int epochs = HeadFinetuner.EpochsPerMember(o);
        int members = o.Recipe.Ensemble;
        var logDir = Path.Combine(o.OutputDirectory, GnnEnsemble.DirectoryName);
        Directory.CreateDirectory(logDir);
        var todo = Enumerable.Range(0, members).Where(m => MemberTraining.CompletedEpochs(o.OutputDirectory, m, epochs) < epochs).ToArray();
        var running = new List<(Process Process, StreamWriter Writer, string Log, int[] Members)>();
        void KillAll(object? sender, EventArgs e)
        {
            foreach (var (p, _, _, _) in running) { try { if (!p.HasExited) p.Kill(true); } catch (InvalidOperationException) { } }
        }
        AppDomain.CurrentDomain.ProcessExit += KillAll;
        Console.CancelKeyPress += KillAll;
        bool succeeded = false;
        try
        {
            for (int w = 0; w < jobs; w++)
            {
                var mine = todo.Where((_, j) => j % jobs == w).ToArray();
                if (mine.Length == 0) continue;
                var logFile = Path.Combine(logDir, $"worker-{w}.log");
                var (process, writer) = Start(WorkerArguments(args, mine), logFile);
                running.Add((process, writer, logFile, mine));
                log($"worker {w + 1}: members {string.Join(", ", mine)} (log: {logFile})");
            }
            long total = (long)members * epochs;
            var reported = new HashSet<int>();
            while (true)
            {
                bool finished = running.All(r => r.Process.HasExited);
                var done = Enumerable.Range(0, members).Select(m => MemberTraining.CompletedEpochs(o.OutputDirectory, m, epochs)).ToArray();
                progress?.Invoke(done.Sum(), total, $"{running.Count(r => !r.Process.HasExited)} workers, {done.Count(d => d == epochs)}/{members} members done");
                foreach (var m in todo.Where(m => done[m] == epochs && reported.Add(m)))
                    log($"member {m + 1}/{members} done");
                if (finished) break;
                Thread.Sleep(1000);
            }
            foreach (var (p, writer, _, _) in running)
            {
                p.WaitForExit(); // the last lines of output reach the log
                lock (writer) writer.Flush();
            }
            foreach (var (p, _, logFile, mine) in running.Where(r => r.Process.ExitCode != 0))
            {
                var lines = File.ReadAllLines(logFile);
                var last = lines.LastOrDefault(l => l.StartsWith("error:", StringComparison.Ordinal))
                           ?? lines.LastOrDefault(l => l.Trim().Length > 0) ?? "no output";
                return $"the worker training members {string.Join(", ", mine)} exited with code {p.ExitCode}: {last.Trim()} (see {logFile}; finished members are kept, re-run the same command to resume)";
            }
            succeeded = true;
            return null;
        }
        finally
        {
            KillAll(null, EventArgs.Empty);
            AppDomain.CurrentDomain.ProcessExit -= KillAll;
            Console.CancelKeyPress -= KillAll;
            foreach (var (p, writer, _, _) in running) { p.Dispose(); lock (writer) writer.Dispose(); }
            // The logs matter when a worker fails; after success they would only become files of the model.
            if (succeeded) foreach (var (_, _, logFile, _) in running) File.Delete(logFile);
        }
    }

    /// <summary>This program again (through the dotnet host when it runs as barriernet.dll), output to a log file.</summary>
    private static (Process, StreamWriter) Start(IEnumerable<string> args, string logFile)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which program to start the workers with");
        var psi = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") psi.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var a in args) psi.ArgumentList.Add(a);
        var writer = new StreamWriter(logFile, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = psi };
        void Write(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (writer) { try { writer.WriteLine(e.Data); } catch (ObjectDisposedException) { } } // a killed worker's last words
        }
        process.OutputDataReceived += Write;
        process.ErrorDataReceived += Write;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, writer);
    }
}
