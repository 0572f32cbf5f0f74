using BarrierNet.Core.Crystal;

namespace BarrierNet.Tests.Fixtures;

/// <summary>Small crystals built in code for the GNN tests.</summary>
public static class GnnFixtures
{
    /// <summary>Rock-salt NaCl, conventional cell (8 atoms, a = 5.64 Å): many exactly tied distances.</summary>
    public static Structure RockSalt()
    {
        var lat = new Lattice(new Vec3(5.64, 0, 0), new Vec3(0, 5.64, 0), new Vec3(0, 0, 5.64));
        var sites = new List<Site>();
        foreach (var f in new[] { (0.0, 0.0, 0.0), (0.5, 0.5, 0.0), (0.5, 0.0, 0.5), (0.0, 0.5, 0.5) })
        {
            sites.Add(new Site("Na", new Vec3(f.Item1, f.Item2, f.Item3)));
            sites.Add(new Site("Cl", new Vec3((f.Item1 + 0.5) % 1, f.Item2, f.Item3)));
        }
        return new Structure(lat, sites);
    }

    /// <summary>A skewed triclinic cell with five atoms at pseudo-random positions (no symmetry, no ties).</summary>
    public static Structure Triclinic(int seed = 7)
    {
        var rng = new Random(seed);
        var lat = new Lattice(new Vec3(4.1, 0, 0), new Vec3(1.3, 3.9, 0), new Vec3(-0.8, 0.9, 5.2));
        var els = new[] { "Li", "Fe", "P", "O", "O" };
        var sites = els.Select(e => new Site(e, new Vec3(rng.NextDouble(), rng.NextDouble(), rng.NextDouble()))).ToList();
        return new Structure(lat, sites);
    }

    public static Structure Permuted(Structure s, int[] order) => new(s.Lattice, order.Select(i => s.Sites[i]).ToList());

    public static Structure Translated(Structure s, Vec3 shift) =>
        new(s.Lattice, s.Sites.Select(x => x with { Frac = x.Frac + shift }).ToList());

    /// <summary>The same crystal described by an na×1×1 supercell.</summary>
    public static Structure SupercellA(Structure s, int na)
    {
        var sites = new List<Site>();
        for (int k = 0; k < na; k++)
            foreach (var x in s.Sites)
                sites.Add(x with { Frac = new Vec3((x.Frac.X + k) / na, x.Frac.Y, x.Frac.Z) });
        return new Structure(s.Lattice.Supercell(na, 1, 1), sites);
    }
}
