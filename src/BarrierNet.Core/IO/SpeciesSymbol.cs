using System.Globalization;
using System.Text.RegularExpressions;

namespace BarrierNet.Core.IO;

/// <summary>
/// Splits the species strings structure files use ("Li", "Li1+", "O2-", "Fe3+", "Li+") and CIF site labels
/// ("Li1", "O2a", "Fe-1") into an element symbol and, when a sign is present, an oxidation state.
/// </summary>
internal static partial class SpeciesSymbol
{
    // Source-generated rather than RegexOptions.Compiled, which emits IL at first use (start-up time of every run).
    [GeneratedRegex(@"^([A-Za-z]{1,2})(\d+(?:\.\d+)?)?([+-])$")]
    private static partial Regex Charged();

    /// <summary>Element and oxidation state of a species string, or null when no element symbol can be found.</summary>
    public static (string Element, double? Oxidation)? Parse(string text)
    {
        var t = text.Trim();
        var m = Charged().Match(t);
        if (m.Success)
        {
            var el = Normalize(m.Groups[1].Value);
            if (el is null) return null;
            double mag = m.Groups[2].Success && m.Groups[2].Value.Length > 0
                ? double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : 1.0;
            return (el, m.Groups[3].Value == "-" ? -mag : mag);
        }
        var element = ElementOf(t);
        return element is null ? null : (element, null);
    }

    /// <summary>
    /// The element a label starts with: two letters when they form an element ("Co1" → Co), otherwise one ("O2a" → O).
    /// </summary>
    public static string? ElementOf(string label)
    {
        int n = 0;
        while (n < label.Length && n < 2 && char.IsLetter(label[n])) n++;
        if (n == 2 && Normalize(label[..2]) is { } two) return two;
        if (n >= 1 && Normalize(label[..1]) is { } one) return one;
        return null;
    }

    private static string? Normalize(string s)
    {
        var sym = s.Length == 1 ? s.ToUpperInvariant() : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant();
        return Elements.TryGet(sym, out _) ? sym : null;
    }
}
