namespace BarrierNet.Core.IO;

/// <summary>
/// A structure file that cannot be read. Carries the file and line so the CLI can print
/// "error: FILE: line N: reason" without a stack trace.
/// </summary>
public sealed class StructureFormatException : Exception
{
    public StructureFormatException(string reason, string? file = null, int? line = null, Exception? inner = null)
        : base(reason, inner)
    {
        Reason = reason; File = file; Line = line;
    }

    public string Reason { get; }
    public string? File { get; }
    public int? Line { get; }

    public StructureFormatException WithFile(string file) => new(Reason, file, Line, InnerException);

    /// <summary>The one-line form the CLI prints: "FILE: line N: reason".</summary>
    public string OneLine => (File is null ? "" : File + ": ") + (Line is int l ? $"line {l}: " : "") + Reason;
}
