namespace BarrierNet.Core.Landscape;

/// <summary>A lattice translation in whole cells.</summary>
internal readonly record struct Translation(long A, long B, long C)
{
    public static Translation operator +(Translation x, Translation y) => new(x.A + y.A, x.B + y.B, x.C + y.C);
    public static Translation operator -(Translation x, Translation y) => new(x.A - y.A, x.B - y.B, x.C - y.C);
    public static Translation operator -(Translation x) => new(-x.A, -x.B, -x.C);
    public bool IsZero => A == 0 && B == 0 && C == 0;

    public Translation Cross(Translation y) => new(B * y.C - C * y.B, C * y.A - A * y.C, A * y.B - B * y.A);
    public long Dot(Translation y) => A * y.A + B * y.B + C * y.C;
}

/// <summary>
/// Union–find over the points of a periodic grid that also tracks, for each connected component, the lattice
/// translations that map it onto itself (the loops it closes through periodic images). Each point stores its cell
/// offset relative to its parent, so the offset of a point relative to its root is the sum along the path.
/// </summary>
internal sealed class TranslationForest
{
    private readonly int[] _parent;
    private readonly int[] _size;
    private readonly Translation[] _offset;
    private readonly Translation[][] _basis;

    public TranslationForest(int count)
    {
        _parent = new int[count];
        Array.Fill(_parent, -1);
        _size = new int[count];
        _offset = new Translation[count];
        _basis = new Translation[count][];
    }

    public bool Contains(int p) => _parent[p] >= 0;

    public void Add(int p)
    {
        _parent[p] = p; _size[p] = 1; _offset[p] = default; _basis[p] = Array.Empty<Translation>();
    }

    /// <summary>Number of independent translations (0–3) of the component holding <paramref name="p"/>.</summary>
    public int RankOf(int p) => _basis[Find(p).Root].Length;

    /// <summary>Links point <paramref name="u"/> in the home cell to point <paramref name="v"/> in cell <paramref name="t"/>.</summary>
    public void Join(int u, int v, Translation t)
    {
        var (ru, pu) = Find(u);
        var (rv, pv) = Find(v);
        var d = t + pu - pv;
        if (ru == rv)
        {
            if (!d.IsZero) _basis[ru] = Extend(_basis[ru], d);
            return;
        }
        if (_size[ru] < _size[rv]) { (ru, rv) = (rv, ru); d = -d; }
        _parent[rv] = ru;
        _offset[rv] = d;
        _size[ru] += _size[rv];
        foreach (var x in _basis[rv]) _basis[ru] = Extend(_basis[ru], x);
        _basis[rv] = Array.Empty<Translation>();
    }

    /// <summary>The root of <paramref name="p"/> and the cell offset of <paramref name="p"/> relative to it (with path compression).</summary>
    private (int Root, Translation Offset) Find(int p)
    {
        int x = p;
        var total = default(Translation);
        while (_parent[x] != x) { total += _offset[x]; x = _parent[x]; }
        int root = x;
        // Second walk: point every node on the path straight at the root, with its offset relative to the root.
        x = p;
        var remaining = total;
        while (x != root && _parent[x] != root)
        {
            int next = _parent[x];
            var own = _offset[x];
            _offset[x] = remaining;
            _parent[x] = root;
            remaining -= own;
            x = next;
        }
        return (root, total);
    }

    private static Translation[] Extend(Translation[] basis, Translation v)
    {
        bool independent = basis.Length switch
        {
            0 => !v.IsZero,
            1 => !basis[0].Cross(v).IsZero,
            2 => basis[0].Cross(basis[1]).Dot(v) != 0,
            _ => false,
        };
        return independent ? [.. basis, v] : basis;
    }
}
