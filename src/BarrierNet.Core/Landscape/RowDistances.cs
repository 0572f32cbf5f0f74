namespace BarrierNet.Core.Landscape;

/// <summary>
/// Squared distances from one atom to the points of one grid row: point k of the row lies at
/// r²(k) = <see cref="AtZero"/> + k·(<see cref="Linear"/> + k·<see cref="Quadratic"/>), a quadratic in k because the
/// points are evenly spaced along a straight line. Every point's r² is evaluated by this one expression, in this
/// order, so a point's energy does not depend on how many points are computed at once.
/// </summary>
internal readonly record struct RowDistances(double AtZero, double Linear, double Quadratic)
{
    public double At(int k) => AtZero + k * (Linear + k * Quadratic);
}
