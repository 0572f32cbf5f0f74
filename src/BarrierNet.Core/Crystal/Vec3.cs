namespace BarrierNet.Core.Crystal;

/// <summary>A 3-vector of doubles; a value type so that coordinate arithmetic allocates nothing.</summary>
public readonly record struct Vec3(double X, double Y, double Z)
{
    public static readonly Vec3 Zero = new(0, 0, 0);

    public double this[int i] => i switch { 0 => X, 1 => Y, 2 => Z, _ => throw new ArgumentOutOfRangeException(nameof(i)) };

    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
    public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    public static Vec3 operator -(Vec3 a) => new(-a.X, -a.Y, -a.Z);
    public static Vec3 operator *(double s, Vec3 a) => new(s * a.X, s * a.Y, s * a.Z);
    public static Vec3 operator *(Vec3 a, double s) => new(s * a.X, s * a.Y, s * a.Z);
    public static Vec3 operator /(Vec3 a, double s) => new(a.X / s, a.Y / s, a.Z / s);

    public double Dot(Vec3 b) => X * b.X + Y * b.Y + Z * b.Z;
    public Vec3 Cross(Vec3 b) => new(Y * b.Z - Z * b.Y, Z * b.X - X * b.Z, X * b.Y - Y * b.X);
    public double Norm => Math.Sqrt(X * X + Y * Y + Z * Z);
    public double NormSquared => X * X + Y * Y + Z * Z;

    /// <summary>Componentwise floor; used to split fractional coordinates into cell and remainder.</summary>
    public Vec3 Floor() => new(Math.Floor(X), Math.Floor(Y), Math.Floor(Z));
    public Vec3 Round() => new(Math.Round(X), Math.Round(Y), Math.Round(Z));

    /// <summary>Wraps fractional coordinates into [0, 1).</summary>
    public Vec3 Wrap()
    {
        static double W(double v) { var r = v - Math.Floor(v); return r >= 1.0 ? 0.0 : r; }
        return new(W(X), W(Y), W(Z));
    }

    public bool IsFinite => double.IsFinite(X) && double.IsFinite(Y) && double.IsFinite(Z);

    public override string ToString() => FormattableString.Invariant($"({X:F6}, {Y:F6}, {Z:F6})");
}
