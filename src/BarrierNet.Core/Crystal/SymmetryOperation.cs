using System.Globalization;
using System.Text;

namespace BarrierNet.Core.Crystal;

/// <summary>
/// A space-group operation in fractional coordinates, x' = R·x + t, as written in CIF files ("-x+1/2, y, z").
/// </summary>
public sealed class SymmetryOperation : IEquatable<SymmetryOperation>
{
    /// <summary>The operation x' = R·x + t in fractional coordinates.</summary>
    /// <param name="rotation">Integer 3×3 matrix R acting on fractional coordinates (copied).</param>
    /// <param name="translation">Translation t, fractional.</param>
    public SymmetryOperation(int[,] rotation, Vec3 translation)
    {
        Rotation = (int[,])rotation.Clone();
        Translation = translation;
    }

    /// <summary>The integer matrix R acting on fractional coordinates.</summary>
    public int[,] Rotation { get; }
    /// <summary>The translation t, fractional.</summary>
    public Vec3 Translation { get; }

    /// <summary>x, y, z.</summary>
    public static SymmetryOperation Identity { get; } = new(new[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }, Vec3.Zero);

    /// <summary>Applies the operation to a point.</summary>
    /// <param name="f">Fractional coordinates.</param>
    /// <returns>R·f + t, fractional (not wrapped).</returns>
    public Vec3 Apply(Vec3 f) => RotateOnly(f) + Translation;

    /// <summary>Applies only the rotation part, as to a difference vector.</summary>
    /// <param name="f">Fractional vector.</param>
    /// <returns>R·f, fractional.</returns>
    public Vec3 RotateOnly(Vec3 f) => new(
        Rotation[0, 0] * f.X + Rotation[0, 1] * f.Y + Rotation[0, 2] * f.Z,
        Rotation[1, 0] * f.X + Rotation[1, 1] * f.Y + Rotation[1, 2] * f.Z,
        Rotation[2, 0] * f.X + Rotation[2, 1] * f.Y + Rotation[2, 2] * f.Z);

    /// <summary>this ∘ other: apply <paramref name="other"/> first.</summary>
    public SymmetryOperation Compose(SymmetryOperation other)
    {
        var r = new int[3, 3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 3; k++)
                    r[i, j] += Rotation[i, k] * other.Rotation[k, j];
        return new SymmetryOperation(r, RotateOnly(other.Translation) + Translation);
    }

    /// <summary>Parses one operation such as "x, y, z", "-y+1/2,x-y,z+0.25" or "'x+1/2, -z, y'".</summary>
    public static SymmetryOperation Parse(string text)
    {
        var s = text.Trim().Trim('\'', '"').Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        var parts = s.Split(',');
        if (parts.Length != 3) throw new FormatException($"symmetry operation '{text}' does not have three components");
        var r = new int[3, 3];
        var t = new double[3];
        for (int row = 0; row < 3; row++)
        {
            var p = parts[row];
            if (p.Length == 0) throw new FormatException($"symmetry operation '{text}' has an empty component");
            int i = 0;
            while (i < p.Length)
            {
                int sign = 1;
                if (p[i] == '+') { i++; }
                else if (p[i] == '-') { sign = -1; i++; }
                if (i >= p.Length) throw new FormatException($"symmetry operation '{text}' ends with a sign");
                char ch = p[i];
                if (ch is 'x' or 'y' or 'z')
                {
                    r[row, ch - 'x'] += sign; i++;
                }
                else if (char.IsDigit(ch) || ch == '.')
                {
                    int start = i;
                    while (i < p.Length && (char.IsDigit(p[i]) || p[i] == '.')) i++;
                    double num = double.Parse(p[start..i], CultureInfo.InvariantCulture);
                    if (i < p.Length && p[i] == '/')
                    {
                        i++; int ds = i;
                        while (i < p.Length && (char.IsDigit(p[i]) || p[i] == '.')) i++;
                        if (ds == i) throw new FormatException($"symmetry operation '{text}' has a fraction without denominator");
                        num /= double.Parse(p[ds..i], CultureInfo.InvariantCulture);
                    }
                    if (i < p.Length && p[i] == '*') // "2*x" style, rare
                    {
                        i++;
                        if (i < p.Length && p[i] is 'x' or 'y' or 'z') { r[row, p[i] - 'x'] += sign * (int)num; i++; continue; }
                        throw new FormatException($"symmetry operation '{text}' has an unexpected '*'");
                    }
                    if (i < p.Length && p[i] is 'x' or 'y' or 'z') { r[row, p[i] - 'x'] += sign * (int)num; i++; continue; }
                    t[row] += sign * num;
                }
                else throw new FormatException($"symmetry operation '{text}' has an unexpected character '{ch}'");
            }
        }
        int det = r[0, 0] * (r[1, 1] * r[2, 2] - r[1, 2] * r[2, 1]) - r[0, 1] * (r[1, 0] * r[2, 2] - r[1, 2] * r[2, 0]) + r[0, 2] * (r[1, 0] * r[2, 1] - r[1, 1] * r[2, 0]);
        if (Math.Abs(det) != 1) throw new FormatException($"symmetry operation '{text}' is not a valid rotation (determinant {det})");
        return new SymmetryOperation(r, new Vec3(t[0], t[1], t[2]));
    }

    /// <summary>Writes the operation in CIF's xyz form, translations as fractions of 12 where possible.</summary>
    public string ToXyz()
    {
        var sb = new StringBuilder();
        for (int row = 0; row < 3; row++)
        {
            if (row > 0) sb.Append(',');
            var term = new StringBuilder();
            for (int c = 0; c < 3; c++)
            {
                int v = Rotation[row, c];
                if (v == 0) continue;
                if (v < 0) term.Append('-'); else if (term.Length > 0) term.Append('+');
                if (Math.Abs(v) != 1) term.Append(Math.Abs(v));
                term.Append((char)('x' + c));
            }
            double tv = Translation[row] - Math.Floor(Translation[row]);
            if (tv > 1e-8 && tv < 1 - 1e-8)
            {
                term.Append('+');
                double twelfths = tv * 12;
                if (Math.Abs(twelfths - Math.Round(twelfths)) < 1e-6)
                {
                    int n = (int)Math.Round(twelfths), d = 12, g = Gcd(n, d);
                    term.Append(n / g).Append('/').Append(d / g);
                }
                else term.Append(tv.ToString("0.########", CultureInfo.InvariantCulture));
            }
            sb.Append(term);
        }
        return sb.ToString();
    }

    /// <summary>Equality of rotation and of translation modulo lattice vectors.</summary>
    public bool Equals(SymmetryOperation? other)
    {
        if (other is null) return false;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                if (Rotation[i, j] != other.Rotation[i, j]) return false;
        var d = Translation - other.Translation;
        d -= d.Round();
        return Math.Abs(d.X) < 1e-5 && Math.Abs(d.Y) < 1e-5 && Math.Abs(d.Z) < 1e-5;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SymmetryOperation o && Equals(o);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var v in Rotation) h.Add(v);
        return h.ToHashCode();
    }

    /// <summary>The operation in CIF's xyz form, e.g. "-x+1/2, y, z".</summary>
    public override string ToString() => ToXyz();

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
