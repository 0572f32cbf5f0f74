namespace BarrierNet.Core.Landscape;

/// <summary>
/// Settings of a bond-valence site-energy landscape. <see cref="Resolution"/> is the largest grid spacing along each
/// cell edge (Å). <see cref="PairTolerance"/> sets where each pair interaction is cut off: at the distance beyond which
/// it stays below this many eV; <see cref="ScreeningFactor"/> is softBV's f in the Coulomb screening length
/// f·(r_cov,ion + r_cov,cation).
/// </summary>
public sealed record BvseOptions(double Resolution = BvseOptions.DefaultResolution, double PairTolerance = 1e-4, double ScreeningFactor = 0.74)
{
    /// <summary>Default grid spacing, Å: fine enough for percolation barriers within about 0.02 eV of a finer grid.</summary>
    public const double DefaultResolution = 0.2;
}
