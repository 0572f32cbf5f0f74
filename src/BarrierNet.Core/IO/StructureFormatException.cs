namespace BarrierNet.Core.IO;

/// <summary>
/// A structure file that cannot be read. Carries the file and line so the CLI can print
/// "error: FILE: line N: reason" without a stack trace.
/// </summary>
public sealed class StructureFormatException : Exception
{
    /// <summary>A read failure.</summary>
    /// <param name="reason">What is wrong, one line for the user.</param>
    /// <param name="file">The file, when known.</param>
    /// <param name="line">The 1-based line, when known.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public StructureFormatException(string reason, string? file = null, int? line = null, Exception? inner = null)
        : base(reason, inner)
    {
        Reason = reason; File = file; Line = line;
    }

    /// <summary>What is wrong, without file or line.</summary>
    public string Reason { get; }
    /// <summary>The file that failed, when known.</summary>
    public string? File { get; }
    /// <summary>The 1-based line of the problem, when known.</summary>
    public int? Line { get; }

    /// <summary>The same failure attributed to a file.</summary>
    /// <param name="file">The file's path.</param>
    /// <returns>A new exception with <see cref="File"/> set.</returns>
    public StructureFormatException WithFile(string file) => new(Reason, file, Line, InnerException);

    /// <summary>The one-line form the CLI prints: "FILE: line N: reason".</summary>
    public string OneLine => (File is null ? "" : File + ": ") + (Line is int l ? $"line {l}: " : "") + Reason;
}
