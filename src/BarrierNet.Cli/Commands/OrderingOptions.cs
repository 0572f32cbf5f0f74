using System.CommandLine;
using BarrierNet.Core.Migration;

namespace BarrierNet.Cli.Commands;

/// <summary>`--orderings N` and `--ordering-seed S`: how a disordered structure's hops are scored (docs/disorder.md).</summary>
internal sealed class OrderingOptions
{
    public Option<int> Count { get; } = new("--orderings")
    {
        Description = "Orderings of a disordered structure's partial sublattices each hop is scored on; the barrier is their mean and their spread widens the interval (1: the single deterministic snapshot)",
        DefaultValueFactory = _ => DisorderSampling.DefaultCount,
    };

    public Option<int> Seed { get; } = new("--ordering-seed") { Description = "Seed of the first ordering (ordering k uses seed + k)", DefaultValueFactory = _ => 0 };

    public IEnumerable<Option> All => new Option[] { Count, Seed };

    public DisorderSampling Read(ParseResult parseResult)
    {
        int count = parseResult.GetValue(Count);
        if (count < 1 || count > 1000) throw new ArgumentException("--orderings must be between 1 and 1000");
        return new DisorderSampling(count, parseResult.GetValue(Seed));
    }
}
