namespace BarrierNet.Core.Symmetry;

/// <summary>
/// Equality of integer rotation matrices entry by entry, so that operations can be grouped by their rotation (one coset
/// per rotation) without writing each matrix out as text.
/// </summary>
internal sealed class RotationComparer : IEqualityComparer<int[,]>
{
    public static RotationComparer Instance { get; } = new();

    public bool Equals(int[,]? a, int[,]? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null || a.GetLength(0) != b.GetLength(0) || a.GetLength(1) != b.GetLength(1)) return false;
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++)
                if (a[i, j] != b[i, j]) return false;
        return true;
    }

    public int GetHashCode(int[,] r)
    {
        var hash = new HashCode();
        foreach (int v in r) hash.Add(v);
        return hash.ToHashCode();
    }
}
