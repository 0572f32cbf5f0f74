using BarrierNet.Core.Crystal;
using BarrierNet.Core.Migration;

namespace BarrierNet.Core.Data;

/// <summary>
/// One published migration barrier. Band entries carry the <see cref="Band"/> (the ion's images and the host) and its
/// endpoints (initial = image 0 + host, final = last image + host); entries published in the endpoint form carry only
/// <see cref="Initial"/> and <see cref="Final"/> (ion = atom 0).
/// </summary>
/// <param name="SysName">The entry's name; hops of one system share it up to a trailing "_N".</param>
/// <param name="Class">The published good/bad label, or null.</param>
/// <param name="Formula">Reduced formula, or null.</param>
/// <param name="Target">The published barrier, eV, or null for a structure to predict.</param>
/// <param name="Band">The band, or null for an endpoint-form entry.</param>
/// <param name="Initial">The ion at the from-site (atom 0) and the host.</param>
/// <param name="Final">The ion at the to-site (atom 0) and the host.</param>
public sealed record BarrierEntry(string SysName, string? Class, string? Formula, double? Target, Band? Band, Structure Initial, Structure Final)
{
    /// <summary>A band entry, its endpoints taken from the band.</summary>
    /// <param name="sysName">The entry's name.</param>
    /// <param name="structuralClass">The published good/bad label, or null.</param>
    /// <param name="formula">Reduced formula, or null.</param>
    /// <param name="target">The barrier, eV, or null.</param>
    /// <param name="band">The band.</param>
    /// <returns>The entry.</returns>
    public static BarrierEntry OfBand(string sysName, string? structuralClass, string? formula, double? target, Band band) =>
        new(sysName, structuralClass, formula, target, band, band.InitialStructure(), band.FinalStructure());

    /// <summary>The migrating element (atom 0 of the initial structure).</summary>
    public string Ion => Initial.Sites[0].Element;

    /// <summary>Cross-validation group: the system name without a trailing "_N", so hops of one system never straddle a split.</summary>
    public string Group
    {
        get
        {
            int u = SysName.LastIndexOf('_');
            return u > 0 && u < SysName.Length - 1 && SysName[(u + 1)..].All(char.IsDigit) ? SysName[..u] : SysName;
        }
    }

    /// <summary>The entry as a band: its own, or for an endpoint-form entry the straight band between the endpoints.</summary>
    /// <returns>The band.</returns>
    /// <exception cref="ArgumentException">The endpoints do not make a band (see <see cref="Band.StraightBetween"/>).</exception>
    public Band AsBand() => Band ?? Migration.Band.StraightBetween(Initial, Final);
}
