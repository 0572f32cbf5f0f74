using BarrierNet.Core.IO;

namespace BarrierNet.Cli.Commands;

/// <summary>
/// Exit codes and the one-line error form: every failure a user can cause is reported as
/// "error: FILE: line N: reason" on stderr, never as a stack trace.
/// </summary>
internal static class CliErrors
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    public static void Report(string message) => Console.Error.WriteLine("error: " + message);

    public static void Report(StructureFormatException e, string? file = null) =>
        Report(file is not null && e.File is null ? e.WithFile(file).OneLine : e.OneLine);

    /// <summary>Runs a command body, turning expected failures into one line and exit code 2.</summary>
    public static int Guard(Func<int> body)
    {
        try { return body(); }
        catch (StructureFormatException e) { Report(e); return BadInput; }
        catch (IOException e) { Report(e.Message); return BadInput; }
        catch (UnauthorizedAccessException e) { Report(e.Message); return BadInput; }
        catch (ArgumentException e) { Report(e.Message); return BadInput; }
        catch (InvalidOperationException e) { Report(e.Message); return Failure; }
        // libtorch errors: one line, and training commands resume from their checkpoints when re-run.
        catch (System.Runtime.InteropServices.ExternalException e) { Report("libtorch: " + e.Message.Split('\n')[0].Trim() + " (re-run the same command to resume)"); return Failure; }
    }
}
