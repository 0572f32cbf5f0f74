using BarrierNet.Core.Migration;

namespace BarrierNet.Core.Pretraining;

/// <summary>
/// Which hops of a structure are labelled for migration pretraining: its symmetry-distinct hops of the mobile ion
/// up to <see cref="MaxHop"/> Å, shortest first, at most <see cref="HopsPerStructure"/> of them, each as a band of the
/// training data's form (<see cref="BandBuilder"/>). Part of every cache key, so a changed setting never reuses a label.
/// </summary>
internal sealed record MigrationLabelOptions
{
    /// <summary>Longest ion–ion distance (Å) labelled as a hop (the `hops` default).</summary>
    public double MaxHop { get; init; } = 5.0;
    /// <summary>The shortest hops of each structure kept; the longer ones are mostly through host atoms.</summary>
    public int HopsPerStructure { get; init; } = 3;
    /// <summary>Smallest perpendicular width of a band's supercell, Å (as for the DFT bands).</summary>
    public double BandWidth { get; init; } = BandSupercell.DefaultMinimumWidth;
    /// <summary>Primitive cells larger than this are skipped (time: a band of a big cell is a big graph).</summary>
    public int MaxAtoms { get; init; } = 200;

    /// <summary>The settings as one line: part of each cache key and of the label set's manifest.</summary>
    public string Key => FormattableString.Invariant(
        $"bvse-hop-labels v1; max_hop {MaxHop:R}; hops_per_structure {HopsPerStructure}; band_width {BandWidth:R}; max_atoms {MaxAtoms}");

    public void Validate()
    {
        if (!(MaxHop > 0) || MaxHop > 20) throw new ArgumentException("--max-hop must be a distance in Å between 0 and 20");
        if (HopsPerStructure < 1) throw new ArgumentException("--hops-per-structure must be at least 1");
        if (!(BandWidth > 0) || BandWidth > 50) throw new ArgumentException("--band-width must be a width in Å between 0 and 50");
        if (MaxAtoms < 1) throw new ArgumentException("--max-atoms must be at least 1");
    }
}
