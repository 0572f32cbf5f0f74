namespace BarrierNet.Core.Descriptors;

/// <summary>
/// Bond valences from the general parameters of O'Keeffe &amp; Brese (J. Am. Chem. Soc. 113, 3226, 1991; Brese &amp;
/// O'Keeffe, Acta Cryst. B47, 192, 1991): every element has a size r and a softness c, and a cation–anion pair gets
/// R0 = r_i + r_j − r_i r_j (√c_i − √c_j)² / (c_i r_i + c_j r_j), so a bond valence exp((R0 − d) / b) exists for any
/// pair, including ion–anion pairs no table lists. A mobile ion far from its valence along a path (under-bonded in a
/// wide gap, over-bonded in a tight window) is the classical bond-valence picture of a migration barrier.
/// The r, c values are the table pymatgen ships (analysis/bvparam_1991.yaml).
/// </summary>
internal static class BondValence
{
    /// <summary>The softness parameter b (Å) of O'Keeffe &amp; Brese.</summary>
    public const double DefaultB = 0.37;

    private static readonly Dictionary<string, (double R, double C)> Params = new()
    {
        ["Ag"] = (1.12, 1.42), ["Al"] = (1.13, 1.47), ["As"] = (1.21, 2.23), ["B"] = (0.79, 1.6),
        ["Ba"] = (1.88, 0.97), ["Be"] = (0.81, 1.47), ["Bi"] = (1.54, 1.67), ["Br"] = (1.13, 2.58),
        ["C"] = (0.78, 2.0), ["Ca"] = (1.5, 1.04), ["Cd"] = (1.28, 1.46), ["Ce"] = (1.68, 1.08),
        ["Cl"] = (0.99, 2.74), ["Co"] = (1.09, 1.7), ["Cr"] = (1.16, 1.56), ["Cs"] = (2.05, 0.86),
        ["Cu"] = (0.87, 1.75), ["Dy"] = (1.54, 1.1), ["Er"] = (1.51, 1.11), ["Eu"] = (1.62, 1.01),
        ["F"] = (0.58, 3.98), ["Fe"] = (1.16, 1.64), ["Ga"] = (1.14, 1.82), ["Gd"] = (1.58, 1.11),
        ["Ge"] = (1.21, 1.51), ["H"] = (0.38, 0.89), ["Hf"] = (1.42, 1.23), ["Hg"] = (1.32, 1.44),
        ["Ho"] = (1.53, 1.1), ["I"] = (1.33, 2.38), ["In"] = (1.34, 1.49), ["Ir"] = (1.37, 1.55),
        ["K"] = (1.73, 0.91), ["La"] = (1.71, 1.08), ["Li"] = (1.0, 0.97), ["Lu"] = (1.47, 1.14),
        ["Mg"] = (1.21, 1.23), ["Mn"] = (1.17, 1.6), ["Mo"] = (1.37, 1.3), ["N"] = (0.72, 2.61),
        ["Na"] = (1.36, 1.01), ["Nb"] = (1.4, 1.23), ["Nd"] = (1.64, 1.07), ["Ni"] = (1.04, 1.75),
        ["O"] = (0.63, 3.15), ["P"] = (1.09, 1.96), ["Pb"] = (1.53, 1.55), ["Pd"] = (1.11, 1.35),
        ["Pr"] = (1.66, 1.07), ["Rb"] = (1.84, 0.89), ["Re"] = (1.37, 1.46), ["Rh"] = (1.18, 1.54),
        ["Ru"] = (1.21, 1.42), ["S"] = (1.03, 2.35), ["Sb"] = (1.41, 1.72), ["Sc"] = (1.34, 1.2),
        ["Se"] = (1.18, 2.51), ["Si"] = (1.12, 1.58), ["Sm"] = (1.61, 1.07), ["Sn"] = (1.37, 1.72),
        ["Sr"] = (1.66, 0.99), ["Ta"] = (1.39, 1.33), ["Tb"] = (1.56, 1.1), ["Te"] = (1.4, 2.72),
        ["Th"] = (1.7, 1.11), ["Ti"] = (1.27, 1.32), ["Tl"] = (1.62, 1.44), ["Tm"] = (1.5, 1.11),
        ["U"] = (1.59, 1.22), ["V"] = (1.21, 1.45), ["W"] = (1.38, 1.4), ["Y"] = (1.52, 1.11), ["Yb"] = (1.49, 1.06),
        ["Zn"] = (1.07, 1.66), ["Zr"] = (1.43, 1.22),
    };

    /// <summary>Is there an (r, c) pair for this element?</summary>
    public static bool Has(string element) => Params.ContainsKey(element);

    /// <summary>R0 (Å) of the pair, or null when either element has no parameters.</summary>
    public static double? R0(string a, string b)
    {
        if (!Params.TryGetValue(a, out var p) || !Params.TryGetValue(b, out var q)) return null;
        double s = Math.Sqrt(p.C) - Math.Sqrt(q.C);
        return p.R + q.R - p.R * q.R * s * s / (p.C * p.R + q.C * q.R);
    }

    /// <summary>Valence of one bond of length <paramref name="distance"/> (Å) with bond-valence parameter R0.</summary>
    public static double Valence(double r0, double distance, double b = DefaultB) => Math.Exp((r0 - distance) / b);
}
