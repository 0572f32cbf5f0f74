using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Migration;

/// <summary>
/// The supercell a band is built in: the smallest diagonal repeat (na, nb, nc) of the input cell whose three
/// perpendicular widths all reach <see cref="DefaultMinimumWidth"/> Å. The value 7 Å was chosen from the training
/// bands (docs/bands.md): applied to the conventional or primitive cells of the 559 training systems it gives bands
/// of the training volume on geometric average (ratio 0.99 and 0.98), reproduces the exact training volume for 56 %
/// of them, and a smallest width of 7.2 / 9.6 / 12.7 Å (5th / 50th / 95th percentile) against 6.3 / 9.6 / 12.7 Å
/// in the training set.
/// </summary>
internal static class BandSupercell
{
    public const double DefaultMinimumWidth = 7.0;

    public static (int A, int B, int C) Repeats(Lattice cell, double minimumWidth = DefaultMinimumWidth)
    {
        if (!(minimumWidth > 0) || !double.IsFinite(minimumWidth)) throw new ArgumentException("minimum band width must be a positive number of Å");
        var w = cell.PerpendicularWidths;
        static int R(double width, double min) => Math.Max(1, (int)Math.Ceiling(min / width - 1e-9));
        var r = (R(w.X, minimumWidth), R(w.Y, minimumWidth), R(w.Z, minimumWidth));
        if ((long)r.Item1 * r.Item2 * r.Item3 > 1000) throw new ArgumentException($"the cell is too thin for a band ({r.Item1}×{r.Item2}×{r.Item3} repeats needed)");
        return r;
    }
}
