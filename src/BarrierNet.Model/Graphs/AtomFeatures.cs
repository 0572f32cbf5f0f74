using BarrierNet.Core;

namespace BarrierNet.Model.Graphs;

/// <summary>
/// A fixed, CGCNN-style one-hot description of each element: group, period, electronegativity, covalent radius,
/// valence electrons, first ionisation energy, electron affinity, block and atomic volume, each binned over a fixed
/// range. Fixed (not learned) so that an element unseen in training still gets a sensible vector from its neighbours
/// in the periodic table. A property the table lacks (e.g. electronegativity of a noble gas) leaves its block zero.
/// </summary>
internal static class AtomFeatures
{
    private static readonly (string Name, int Bins)[] Blocks =
    {
        ("group", 18), ("period", 7), ("electronegativity", 10), ("covalent radius", 10), ("valence electrons", 12),
        ("first ionisation energy", 10), ("electron affinity", 10), ("block", 4), ("atomic volume", 11),
    };

    /// <summary>Length of one atom's feature vector (92, as in CGCNN).</summary>
    public static int Length { get; } = Blocks.Sum(b => b.Bins);

    /// <summary>Largest atomic number in the table; rows of <see cref="Table"/> are indexed by Z (row 0 unused).</summary>
    public const int MaxZ = 103;

    private static readonly Lazy<float[]> LazyTable = new(BuildTable);

    /// <summary>Row-major [MaxZ + 1, Length] table of features, row Z for element Z.</summary>
    public static float[] Table => LazyTable.Value;

    public static float[] Of(Element e)
    {
        var v = new float[Length];
        int o = 0;
        void Hot(int bins, int index) { if (index >= 0) v[o + Math.Clamp(index, 0, bins - 1)] = 1f; o += bins; }
        static int Bin(double? x, double lo, double hi, int bins) =>
            x is double d && double.IsFinite(d) ? (int)Math.Floor((d - lo) / (hi - lo) * bins) : -1;
        Hot(18, e.Group - 1);
        Hot(7, e.Period - 1);
        Hot(10, Bin(e.Electronegativity, 0.7, 4.0, 10));
        Hot(10, Bin(e.CovalentRadius, 0.25, 2.5, 10));
        Hot(12, e.ValenceElectrons - 1);
        Hot(10, Bin(e.FirstIonization, 3.5, 25.0, 10));
        Hot(10, Bin(e.ElectronAffinity, -3.0, 3.7, 10));
        Hot(4, e.Block switch { 's' => 0, 'p' => 1, 'd' => 2, 'f' => 3, _ => -1 });
        Hot(11, e.AtomicVolume is double vol && vol > 0 ? Bin(Math.Log(vol), Math.Log(1.5), Math.Log(75.0), 11) : -1);
        return v;
    }

    private static float[] BuildTable()
    {
        var t = new float[(MaxZ + 1) * Length];
        foreach (var e in Elements.All)
        {
            if (e.Z > MaxZ) continue;
            Array.Copy(Of(e), 0, t, e.Z * Length, Length);
        }
        return t;
    }
}
