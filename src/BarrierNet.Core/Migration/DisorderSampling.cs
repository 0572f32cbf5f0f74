namespace BarrierNet.Core.Migration;

/// <summary>
/// How many orderings of a disordered structure's partially occupied sublattices each hop is scored on, and the seed
/// of the first (ordering k uses seed + k; see <see cref="OrderingSampler"/>). Ordered structures are always scored
/// once. Count 1 gives the single deterministic snapshot of docs/disorder.md.
/// </summary>
public sealed record DisorderSampling(int Count = DisorderSampling.DefaultCount, int Seed = 0)
{
    /// <summary>Eight orderings: the spread of eight draws is within about 25 % of its true value (σ/√(2(n−1))), at eight times the model calls.</summary>
    public const int DefaultCount = 8;

    /// <summary>One deterministic ordering: the majority-species snapshot.</summary>
    public static DisorderSampling Single { get; } = new(1);
}
