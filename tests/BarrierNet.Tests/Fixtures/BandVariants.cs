using BarrierNet.Core.Crystal;
using BarrierNet.Core.Migration;

namespace BarrierNet.Tests.Fixtures;

/// <summary>The same hop written differently: what a descriptor of the hop must not notice.</summary>
public static class BandVariants
{
    /// <summary>The whole band moved by <paramref name="shift"/> (a lattice vector), each host atom by a random lattice vector of its own.</summary>
    public static Band MovedByLatticeVectors(Band band, Vec3 shift, int seed)
    {
        var rng = new Random(seed);
        var images = band.Images.Select(s => s with { Frac = s.Frac + shift }).ToList();
        var host = band.Host.Sites.Select(s => s with { Frac = s.Frac + new Vec3(rng.Next(-2, 3), rng.Next(-2, 3), rng.Next(-2, 3)) }).ToList();
        return Band.Create(band.Lattice, images, host, band.Name);
    }

    /// <summary>The same hop in a cell doubled along a: host atoms repeated, the images kept once.</summary>
    public static Band Supercell211(Band band)
    {
        var big = band.Lattice.Supercell(2, 1, 1);
        var images = band.Images.Select(s => s with { Frac = new Vec3(s.Frac.X / 2, s.Frac.Y, s.Frac.Z) }).ToList();
        var host = new List<Site>();
        foreach (var s in band.Host.Sites)
            for (int r = 0; r < 2; r++)
                host.Add(s with { Frac = new Vec3((s.Frac.X + r) / 2, s.Frac.Y, s.Frac.Z) });
        return Band.Create(big, images, host);
    }
}
