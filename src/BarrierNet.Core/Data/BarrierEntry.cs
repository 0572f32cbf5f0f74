using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Data;

/// <summary>
/// One published migration barrier. <see cref="Band"/> holds the five images as atoms 0–4 followed by the host;
/// entries published in the endpoint form carry <see cref="Initial"/> and <see cref="Final"/> (ion = atom 0) instead,
/// and band entries derive them (initial = image 0 + host, final = image 4 + host).
/// </summary>
/// <param name="SysName">The entry's name; hops of one system share it up to a trailing "_N".</param>
/// <param name="Class">The published good/bad label, or null.</param>
/// <param name="Formula">Reduced formula, or null.</param>
/// <param name="Target">The published barrier, eV, or null for a structure to predict.</param>
/// <param name="Band">Images 0–4 of the ion then the host, or null for an endpoint-form entry.</param>
/// <param name="Initial">The ion at the from-site (atom 0) and the host.</param>
/// <param name="Final">The ion at the to-site (atom 0) and the host.</param>
public sealed record BarrierEntry(string SysName, string? Class, string? Formula, double? Target, Structure? Band, Structure Initial, Structure Final)
{
    /// <summary>Number of leading atoms of <see cref="Band"/> that are images of the moving ion.</summary>
    public const int ImageCount = 5;

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

    /// <summary>Endpoints from a band: image 0 (or 4) followed by the host atoms.</summary>
    public static (Structure Initial, Structure Final) EndpointsFromBand(Structure band)
    {
        if (band.Count <= ImageCount) throw new ArgumentException("a band needs the five images and a host");
        var host = band.Sites.Skip(ImageCount).ToList();
        var ini = new List<Site> { band.Sites[0] }; ini.AddRange(host);
        var fin = new List<Site> { band.Sites[ImageCount - 1] }; fin.AddRange(host);
        return (new Structure(band.Lattice, ini, name: band.Name), new Structure(band.Lattice, fin, name: band.Name));
    }
}
