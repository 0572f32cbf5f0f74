namespace BarrierNet.Core.Descriptors;

/// <summary>
/// A named group of hop descriptors: their names, in the order they appear in the descriptor vector, and how their
/// values follow from a band's <see cref="HopGeometry"/>. <see cref="HopDescriptors"/> is the concatenation of its
/// groups, so a new kind of descriptor is a new group appended at the end (trained models read a prefix).
/// </summary>
internal sealed class DescriptorGroup
{
    private readonly Action<HopGeometry, Action<string, double>> _set;
    private readonly Dictionary<string, int> _indexOf;

    /// <param name="name">What the group describes, for readers and reports.</param>
    /// <param name="names">The descriptor names, in vector order.</param>
    /// <param name="set">Sets every named value from the geometry, by name.</param>
    public DescriptorGroup(string name, IReadOnlyList<string> names, Action<HopGeometry, Action<string, double>> set)
    {
        Name = name;
        Names = names;
        _set = set;
        _indexOf = names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i);
    }

    /// <summary>What the group describes.</summary>
    public string Name { get; }

    /// <summary>The descriptor names, in vector order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The group's values for one hop, in the order of <see cref="Names"/>; a value the group failed to set is NaN.</summary>
    public double[] Values(HopGeometry geometry)
    {
        var values = new double[Names.Count];
        Array.Fill(values, double.NaN);
        _set(geometry, (name, value) => values[_indexOf[name]] = value);
        return values;
    }
}
