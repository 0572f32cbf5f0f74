namespace BarrierNet.Core.Migration;

/// <summary>
/// A structure for which hops cannot be listed as asked (no such ion, several candidate ions, disorder refused by
/// the strict policy). The message is one line meant for the user; the CLI prefixes the file name.
/// </summary>
public sealed class HopException : Exception
{
    /// <summary>A failure explained in one line.</summary>
    /// <param name="message">The line the user sees.</param>
    public HopException(string message) : base(message) { }
}
