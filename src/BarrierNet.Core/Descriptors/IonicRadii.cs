namespace BarrierNet.Core.Descriptors;

/// <summary>
/// Nominal charges and Shannon effective ionic radii (Å) of the mobile ions and of common anions.
/// Source: R. D. Shannon, "Revised effective ionic radii and systematic studies of interatomic distances in halides
/// and chalcogenides", Acta Cryst. A32 (1976) 751–767. Cations are given in six-fold coordination (the usual
/// octahedral site of an intercalation host); anions in six-fold coordination except N³⁻ (four-fold, the only value
/// Shannon lists). P³⁻ is not in Shannon's table; 2.12 Å is Pauling's crystal radius (The Nature of the Chemical Bond,
/// 3rd ed., 1960), the conventional stand-in for phosphides.
/// </summary>
internal static class IonicRadii
{
    /// <summary>The mobile ions the descriptors know, in the order of their one-hot columns.</summary>
    public static readonly IReadOnlyList<string> MobileIons = new[] { "Li", "Na", "K", "Rb", "Cs", "Mg", "Ca", "Sr", "Zn", "Al" };

    private static readonly Dictionary<string, (int Charge, double Radius)> Cations = new(StringComparer.Ordinal)
    {
        ["Li"] = (1, 0.76), ["Na"] = (1, 1.02), ["K"] = (1, 1.38), ["Rb"] = (1, 1.52), ["Cs"] = (1, 1.67),
        ["Mg"] = (2, 0.72), ["Ca"] = (2, 1.00), ["Sr"] = (2, 1.18), ["Zn"] = (2, 0.74), ["Al"] = (3, 0.535),
    };

    private static readonly Dictionary<string, double> Anions = new(StringComparer.Ordinal)
    {
        ["O"] = 1.40, ["S"] = 1.84, ["Se"] = 1.98, ["Te"] = 2.21, ["F"] = 1.33, ["Cl"] = 1.81, ["Br"] = 1.96,
        ["I"] = 2.20, ["N"] = 1.46, ["P"] = 2.12,
    };

    public static bool IsKnownMobileIon(string element) => Cations.ContainsKey(element);

    /// <summary>Nominal charge and six-fold Shannon radius of a mobile ion; throws for an ion the table lacks.</summary>
    public static (int Charge, double Radius) MobileIon(string element) =>
        Cations.TryGetValue(element, out var v)
            ? v
            : throw new ArgumentException($"mobile ion '{element}' is not supported (known: {string.Join(", ", MobileIons)})");

    /// <summary>Anion radius; for an element Shannon gives no anion radius for, its covalent radius (an honest lower bound).</summary>
    public static double Anion(string element) =>
        Anions.TryGetValue(element, out var r) ? r : Elements.BySymbol(element).CovalentRadius;
}
