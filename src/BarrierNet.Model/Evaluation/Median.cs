namespace BarrierNet.Model.Evaluation;

/// <summary>
/// The median as this project uses it everywhere (target shift, blend novelty, the trees' vote): the middle value,
/// or the mean of the middle two for an even count.
/// </summary>
internal static class Median
{
    /// <summary>The median of values already in ascending order.</summary>
    public static double OfSorted(IReadOnlyList<double> sorted)
    {
        int n = sorted.Count;
        if (n == 0) throw new ArgumentException("the median of no values is undefined");
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    /// <summary>The median of <paramref name="values"/> in any order.</summary>
    public static double Of(IEnumerable<double> values) => OfSorted(values.Order().ToArray());
}
