using BarrierNet.Core.Data;
using BarrierNet.Model.Evaluation;

namespace BarrierNet.Model.Apps;

/// <summary>A hop that could be computed next with DFT-NEB, with what the model thinks of it now.</summary>
public sealed record HopCandidate(string File, string From, string To, double Length, BarrierEntry Entry, double Barrier, double Uncertainty)
{
    /// <summary>0-based number of the hop in its structure's list of distinct hops (shown 1-based as #).</summary>
    public int Index { get; init; }
}

/// <summary>A candidate chosen for the next batch, with the score it was ranked by.</summary>
/// <param name="Candidate">The hop.</param>
/// <param name="Score">Its <see cref="HopSuggester.Score"/> under the chosen strategy.</param>
public sealed record Suggestion(HopCandidate Candidate, double Score);

/// <summary>
/// Picks the next DFT-NEB calculations: the hops whose barriers would teach the model most. Strategies:
/// <list type="bullet">
/// <item>uncertainty — the largest predictive spread;</item>
/// <item>threshold — closest to the good/bad threshold relative to the spread, 1 / (1 + |Em − threshold| / σ): the
/// hops whose class the model cannot yet call;</item>
/// <item>ucb — lowest optimistic barrier, 1.645σ − Em: promising conductors worth confirming (upper confidence bound
/// on "how good", as in Bayesian optimisation).</item>
/// </list>
/// A batch is kept diverse by taking at most one hop per structure in each pass over the structures (round robin by
/// score), so K suggestions are not K copies of one system.
/// </summary>
public static class HopSuggester
{
    /// <summary>The strategy names <see cref="Score"/> and <see cref="Suggest"/> take.</summary>
    public static readonly IReadOnlyList<string> Strategies = new[] { "ucb", "uncertainty", "threshold" };

    /// <summary>
    /// The σ a hop is scored with. For a calibrated ensemble, the standard deviation whose Gaussian 90% interval is the
    /// one predict reports (upper half-width / 1.645; the lower end may be cut at 0 eV), so that ucb's Em − 1.645σ is
    /// that interval's lower end: the raw spread is in arbitrary units until the calibration scales it. The raw spread
    /// for a model without intervals; null without either.
    /// </summary>
    public static double? Sigma(BarrierPrediction p) => p.Upper90 is double hi ? (hi - p.Mean) / BarrierPrediction.Z90 : p.Uncertainty;

    /// <summary>The ranking score of one hop under a strategy; higher is suggested first.</summary>
    /// <param name="strategy">"ucb", "uncertainty" or "threshold".</param>
    /// <param name="barrier">Predicted barrier Em, eV.</param>
    /// <param name="sigma">Predictive spread σ, eV (floored at 0.001 eV).</param>
    /// <param name="threshold">Good/bad threshold, eV.</param>
    /// <returns>σ (uncertainty, eV), 1 / (1 + |Em − threshold| / σ) (threshold, unitless) or 1.645σ − Em (ucb, eV).</returns>
    /// <exception cref="ArgumentException">An unknown strategy.</exception>
    public static double Score(string strategy, double barrier, double sigma, double threshold)
    {
        double s = Math.Max(sigma, 1e-3);
        return strategy switch
        {
            "uncertainty" => s,
            "threshold" => 1.0 / (1.0 + Math.Abs(barrier - threshold) / s),
            "ucb" => BarrierPrediction.Z90 * s - barrier,
            _ => throw new ArgumentException($"unknown strategy '{strategy}' (ucb, uncertainty or threshold)"),
        };
    }

    /// <summary>The next hops to compute, at most one per structure per pass.</summary>
    /// <param name="candidates">Hops with their current predictions.</param>
    /// <param name="budget">How many to suggest (at least 1).</param>
    /// <param name="strategy">"ucb", "uncertainty" or "threshold".</param>
    /// <param name="threshold">Good/bad threshold, eV.</param>
    /// <returns>Up to <paramref name="budget"/> suggestions, best first within each pass.</returns>
    /// <exception cref="ArgumentException">A budget below 1 or an unknown strategy.</exception>
    public static IReadOnlyList<Suggestion> Suggest(IReadOnlyList<HopCandidate> candidates, int budget, string strategy, double threshold = BarrierClass.DefaultThreshold)
    {
        if (budget < 1) throw new ArgumentException("--budget must be at least 1");
        var byFile = candidates
            .Select(c => new Suggestion(c, Score(strategy, c.Barrier, c.Uncertainty, threshold)))
            .GroupBy(s => s.Candidate.File)
            .Select(g => new Queue<Suggestion>(g.OrderByDescending(s => s.Score).ThenBy(s => s.Candidate.Length)))
            .ToList();
        var chosen = new List<Suggestion>();
        while (chosen.Count < budget && byFile.Any(q => q.Count > 0))
        {
            // One pass: the best remaining hop of every structure, best structures first.
            var pass = byFile.Where(q => q.Count > 0).Select(q => q.Dequeue()).OrderByDescending(s => s.Score).ToList();
            chosen.AddRange(pass.Take(budget - chosen.Count));
        }
        return chosen;
    }
}
