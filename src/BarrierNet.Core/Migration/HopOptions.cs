namespace BarrierNet.Core.Migration;

/// <summary>Settings of a hop analysis, mirroring the CLI options of `barriernet hops`.</summary>
/// <param name="Ion">Migrating element, or null to take the one mobile ion present.</param>
/// <param name="MaxHop">Longest ion-ion distance (Å) listed as a hop.</param>
/// <param name="SymmetryTolerance">Å; used for finding space-group operations and for mapping ion sites.</param>
/// <param name="Disorder">How partial occupancy is ordered; null for <see cref="DisorderPolicy.Majority"/>.</param>
public sealed record HopOptions(string? Ion = null, double MaxHop = 5.0, double SymmetryTolerance = 0.1, DisorderPolicy? Disorder = null)
{
    /// <summary>The policy in effect: <c>Disorder</c>, or <see cref="DisorderPolicy.Majority"/> when that is null.</summary>
    public DisorderPolicy DisorderPolicy => Disorder ?? DisorderPolicy.Majority;
}
