namespace BarrierNet.Core.Migration;

/// <summary>Where hop endpoints come from (docs/landscape.md, "Sites from the landscape").</summary>
public enum SiteSource
{
    /// <summary>The file's ion sites; landscape minima are added only when those give no hop within the maximum hop length.</summary>
    Auto,

    /// <summary>The file's ion sites only (and the sites the ion shares, when it is nowhere the majority).</summary>
    Listed,

    /// <summary>The file's ion sites plus every low-lying minimum of the ion's BVSE landscape.</summary>
    Landscape,
}
