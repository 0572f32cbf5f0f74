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

    /// <summary>
    /// Parses and runs a command line. Parse errors are System.CommandLine's short messages; anything that escapes a
    /// command is one line too, never a stack trace (the default handler would print one).
    /// </summary>
    public static int Invoke(System.CommandLine.RootCommand root, string[] args)
    {
        try { return root.Parse(args).Invoke(new System.CommandLine.InvocationConfiguration { EnableDefaultExceptionHandler = false }); }
        catch (Exception e) when (e is not OutOfMemoryException) { Report($"internal error ({e.GetType().Name}): {e.Message.Split('\n')[0]}"); return Failure; }
    }

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
        catch (AggregateException e) when (e.Flatten().InnerExceptions.Count > 0)
        {
            var inner = e.Flatten().InnerExceptions[0];
            Report(inner.Message.Split('\n')[0]);
            return inner is InvalidOperationException ? Failure : BadInput;
        }
        // Anything else is a fault of the tool, not of the input: still one line, never a stack trace.
        catch (Exception e) when (e is not OutOfMemoryException) { Report($"internal error ({e.GetType().Name}): {e.Message.Split('\n')[0]}"); return Failure; }
    }
}
