namespace BarrierNet.Core.Crystal;

/// <summary>A 3-vector of doubles; a value type so that coordinate arithmetic allocates nothing.</summary>
public readonly record struct Vec3(double X, double Y, double Z)
{
    /// <summary>The zero vector.</summary>
    public static readonly Vec3 Zero = new(0, 0, 0);

    /// <summary>Component <paramref name="i"/>: 0 → X, 1 → Y, 2 → Z.</summary>
    /// <param name="i">0, 1 or 2.</param>
    /// <returns>The component, in the vector's own units.</returns>
    public double this[int i] => i switch { 0 => X, 1 => Y, 2 => Z, _ => throw new ArgumentOutOfRangeException(nameof(i)) };

    /// <summary>Componentwise sum.</summary>
    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
    /// <summary>Componentwise difference <paramref name="a"/> − <paramref name="b"/>.</summary>
    public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    /// <summary>The opposite vector.</summary>
    public static Vec3 operator -(Vec3 a) => new(-a.X, -a.Y, -a.Z);
    /// <summary>The vector scaled by <paramref name="s"/>.</summary>
    public static Vec3 operator *(double s, Vec3 a) => new(s * a.X, s * a.Y, s * a.Z);
    /// <summary>The vector scaled by <paramref name="s"/>.</summary>
    public static Vec3 operator *(Vec3 a, double s) => new(s * a.X, s * a.Y, s * a.Z);
    /// <summary>The vector divided by <paramref name="s"/>.</summary>
    public static Vec3 operator /(Vec3 a, double s) => new(a.X / s, a.Y / s, a.Z / s);

    /// <summary>Dot product. Only meaningful in Cartesian coordinates (Å²) or between a fractional and a reciprocal vector.</summary>
    /// <param name="b">The other vector.</param>
    /// <returns>X·b.X + Y·b.Y + Z·b.Z.</returns>
    public double Dot(Vec3 b) => X * b.X + Y * b.Y + Z * b.Z;
    /// <summary>Cross product (right-handed), for Cartesian vectors.</summary>
    /// <param name="b">The right-hand factor.</param>
    /// <returns>this × <paramref name="b"/>.</returns>
    public Vec3 Cross(Vec3 b) => new(Y * b.Z - Z * b.Y, Z * b.X - X * b.Z, X * b.Y - Y * b.X);
    /// <summary>Euclidean length; in Å for a Cartesian vector (for fractional coordinates use <see cref="Lattice.ToCartesian"/> first).</summary>
    public double Norm => Math.Sqrt(X * X + Y * Y + Z * Z);
    /// <summary>Squared Euclidean length, without the square root.</summary>
    public double NormSquared => X * X + Y * Y + Z * Z;

    /// <summary>Componentwise floor; used to split fractional coordinates into cell and remainder.</summary>
    public Vec3 Floor() => new(Math.Floor(X), Math.Floor(Y), Math.Floor(Z));
    /// <summary>Componentwise rounding to the nearest integer (banker's rounding at .5, like <see cref="Math.Round(double)"/>).</summary>
    public Vec3 Round() => new(Math.Round(X), Math.Round(Y), Math.Round(Z));

    /// <summary>Wraps fractional coordinates into [0, 1).</summary>
    public Vec3 Wrap()
    {
        static double W(double v) { var r = v - Math.Floor(v); return r >= 1.0 ? 0.0 : r; }
        return new(W(X), W(Y), W(Z));
    }

    /// <summary>True when no component is NaN or infinite.</summary>
    public bool IsFinite => double.IsFinite(X) && double.IsFinite(Y) && double.IsFinite(Z);

    /// <inheritdoc/>
    public override string ToString() => FormattableString.Invariant($"({X:F6}, {Y:F6}, {Z:F6})");
}
