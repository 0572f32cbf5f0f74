using BarrierNet.Core.Crystal;
using BarrierNet.Core.Migration;
using Xunit;

namespace BarrierNet.Tests.Migration;

public class IonChoiceTests
{
    private static Structure Olivine => HopFixtures.Load("olivine").Structure;

    [Fact]
    public void DefaultIonIsTheOneMobileIonPresent() => Assert.Equal("Li", IonChoice.Resolve(Olivine, null));

    [Fact]
    public void ExplicitIonAbsentGivesClearError()
    {
        var e = Assert.Throws<HopException>(() => HopAnalysis.Analyze(Olivine, new HopOptions(Ion: "Na")));
        Assert.Equal("structure contains no Na", e.Message);
    }

    [Fact]
    public void ExplicitIonCaseForgivingUnknownRejected()
    {
        Assert.Equal("Li", IonChoice.Resolve(Olivine, "li"));
        Assert.Contains("unknown element 'Xx'", Assert.Throws<HopException>(() => IonChoice.Resolve(Olivine, "Xx")).Message);
    }

    [Fact]
    public void NoMobileIonGivesClearError()
    {
        var s = Olivine;
        var fePo4 = s.WithSites(s.Sites.Where(x => x.Element != "Li").ToList());
        var e = Assert.Throws<HopException>(() => HopAnalysis.Analyze(fePo4));
        Assert.StartsWith("structure contains no mobile ion (looked for Li, Na", e.Message);
    }

    [Fact]
    public void SeveralMobileIonsListsCandidates()
    {
        var s = Olivine;
        int k = 0;
        var mixed = s.WithSites(s.Sites.Select(x => x.Element == "Li" && k++ % 2 == 0 ? x with { Element = "Na" } : x).ToList());
        var e = Assert.Throws<HopException>(() => IonChoice.Resolve(mixed, null));
        Assert.Equal("several mobile ions present (Li, Na); choose one with --ion", e.Message);
        Assert.Equal("Na", IonChoice.Resolve(mixed, "Na"));
    }

    [Fact]
    public void MinorityDopantOnIonSiteDoesNotMakeChoiceAmbiguous()
    {
        // Al at 5 % on each Li site (as in Al-doped garnets) is a dopant, not a second working ion.
        var s = Olivine;
        var sites = new List<Site>();
        foreach (var x in s.Sites)
        {
            if (x.Element == "Li") { sites.Add(x with { Occupancy = 0.9 }); sites.Add(new Site("Al", x.Frac, 0.05)); }
            else sites.Add(x);
        }
        var doped = s.WithSites(sites);
        Assert.Equal("Li", IonChoice.Resolve(doped, null));
        var a = HopAnalysis.Analyze(doped);
        Assert.Equal(4, a.IonSites.Count);
        Assert.Contains(a.Framework.Notes, n => n.Contains("minority co-occupants"));
    }
}
