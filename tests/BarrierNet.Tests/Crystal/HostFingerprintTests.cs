using BarrierNet.Core.Crystal;
using BarrierNet.Tests.Fixtures;
using Xunit;

namespace BarrierNet.Tests.Crystal;

public class HostFingerprintTests
{
    /// <summary>A Li host with a LiFePO4-like framework in a skewed cell: two Li, one Fe, one P, four O.</summary>
    private static Structure Host()
    {
        var lat = new Lattice(new Vec3(6.0, 0, 0), new Vec3(1.1, 4.7, 0), new Vec3(-0.6, 0.8, 10.3));
        var sites = new (string El, double X, double Y, double Z)[]
        {
            ("Li", 0.0, 0.0, 0.0), ("Li", 0.5, 0.5, 0.5), ("Fe", 0.28, 0.25, 0.97), ("P", 0.09, 0.25, 0.42),
            ("O", 0.10, 0.25, 0.74), ("O", 0.46, 0.25, 0.21), ("O", 0.17, 0.05, 0.28), ("O", 0.83, 0.55, 0.61),
        };
        return new Structure(lat, sites.Select(s => new Site(s.El, new Vec3(s.X, s.Y, s.Z))).ToList());
    }

    [Fact]
    public void AHostMatchesItsShuffledShiftedPerturbedAndSupercellCopies()
    {
        var host = Host();
        var print = HostFingerprint.Of(host, "Li");
        Assert.Equal(new HostFingerprint("Li", "FePO4", Math.Round(host.Lattice.Volume / 6, 3)), print);

        var rng = new Random(3);
        var perturbed = new Structure(host.Lattice, host.Sites.Select(s => s with
        {
            Frac = s.Frac + new Vec3(0.01 * (rng.NextDouble() - 0.5), 0.01 * (rng.NextDouble() - 0.5), 0.01 * (rng.NextDouble() - 0.5)),
        }).ToList());
        var copies = new[]
        {
            GnnFixtures.Permuted(host, new[] { 7, 3, 0, 5, 1, 6, 2, 4 }),
            GnnFixtures.Translated(host, new Vec3(0.31, -0.2, 0.77)),
            GnnFixtures.SupercellA(host, 3),
            perturbed,
            // one Li fewer (a vacancy, as in a band's host) and a cell 3% larger (relaxed at another Li content)
            new Structure(new Lattice(host.Lattice[0] * 1.01, host.Lattice[1] * 1.01, host.Lattice[2] * 1.01), host.Sites.Skip(1).ToList()),
        };
        foreach (var copy in copies) Assert.True(HostFingerprint.Of(copy, "Li").Matches(print), copy.Formula);
    }

    [Fact]
    public void AnotherIonFrameworkOrDensityIsNotTheSameHost()
    {
        var host = Host();
        var print = HostFingerprint.Of(host, "Li");
        var sodium = new Structure(host.Lattice, host.Sites.Select(s => s.Element == "Li" ? s with { Element = "Na" } : s).ToList());
        var manganese = new Structure(host.Lattice, host.Sites.Select(s => s.Element == "Fe" ? s with { Element = "Mn" } : s).ToList());
        var expanded = new Structure(new Lattice(host.Lattice[0] * 1.05, host.Lattice[1] * 1.05, host.Lattice[2] * 1.05), host.Sites);
        Assert.False(HostFingerprint.Of(sodium, "Na").Matches(print));
        Assert.False(HostFingerprint.Of(manganese, "Li").Matches(print));
        Assert.False(HostFingerprint.Of(expanded, "Li").Matches(print)); // 16% more volume: another polymorph or compound
        Assert.False(HostFingerprint.Of(GnnFixtures.RockSalt(), "Na").Matches(print));
    }

    [Fact]
    public void AHostOfOnlyTheIonIsItsOwnFramework()
    {
        var lat = new Lattice(new Vec3(3.5, 0, 0), new Vec3(0, 3.5, 0), new Vec3(0, 0, 3.5));
        var metal = new Structure(lat, new[] { new Site("Li", new Vec3(0, 0, 0)), new Site("Li", new Vec3(0.5, 0.5, 0.5)) });
        var print = HostFingerprint.Of(metal, "Li");
        Assert.Equal("Li", print.Framework);
        Assert.Equal(Math.Round(3.5 * 3.5 * 3.5 / 2, 3), print.VolumePerAtom);
        Assert.True(HostFingerprint.Of(GnnFixtures.SupercellA(metal, 2), "Li").Matches(print));
    }
}
