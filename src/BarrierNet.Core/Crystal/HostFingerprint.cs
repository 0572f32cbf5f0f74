using System.Text.Json.Serialization;

namespace BarrierNet.Core.Crystal;

/// <summary>
/// What tells one host of a mobile ion from another, whatever cell, origin, atom order or supercell describes it and
/// however many of the ion's sites are filled: the ion, the framework's reduced formula (every atom but the ion's
/// element, as the composition family of grouped cross-validation) and the framework's volume per atom. Two hosts
/// match when ion and framework agree and their volumes per framework atom lie within a relative tolerance: relaxed
/// cells of one framework at different ion contents differ by a few per cent, polymorphs mostly by more.
/// </summary>
/// <param name="Ion">The mobile ion's element.</param>
/// <param name="Framework">Reduced formula of the atoms that are not the ion's element (the ion's symbol for a host made only of it).</param>
/// <param name="VolumePerAtom">Cell volume per framework atom, Å³ (per ion atom for a host made only of the ion).</param>
internal sealed record HostFingerprint(
    [property: JsonPropertyName("ion")] string Ion,
    [property: JsonPropertyName("framework")] string Framework,
    [property: JsonPropertyName("volume_per_atom")] double VolumePerAtom)
{
    /// <summary>Largest relative difference of the volumes per framework atom of matching hosts.</summary>
    public const double DefaultVolumeTolerance = 0.05;

    /// <summary>The fingerprint of <paramref name="host"/> for hops of <paramref name="ion"/> (occupancies summed).</summary>
    public static HostFingerprint Of(Structure host, string ion)
    {
        var framework = host.Sites.Where(s => s.Element != ion).ToList();
        var counted = framework.Count > 0 ? framework : host.Sites.ToList();
        double atoms = counted.Sum(s => s.Occupancy);
        string formula = framework.Count > 0 ? new Structure(host.Lattice, framework).ReducedFormula : ion;
        return new HostFingerprint(ion, formula, Math.Round(host.Lattice.Volume / Math.Max(atoms, 1e-9), 3));
    }

    /// <summary>Same ion, same framework formula and volumes per atom within <paramref name="tolerance"/> (relative).</summary>
    public bool Matches(HostFingerprint other, double tolerance = DefaultVolumeTolerance) =>
        Ion == other.Ion && Framework == other.Framework && VolumePerAtom > 0 && other.VolumePerAtom > 0
        && Math.Abs(Math.Log(VolumePerAtom / other.VolumePerAtom)) <= Math.Log(1 + tolerance);
}
