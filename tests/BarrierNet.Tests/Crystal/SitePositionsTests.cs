using BarrierNet.Core.Crystal;
using Xunit;

namespace BarrierNet.Tests.Crystal;

public class SitePositionsTests
{
    [Fact]
    public void GroupsMixedSitesAcrossTheCellBoundaryButNotSplitSites()
    {
        var lat = Lattice.FromParameters(100, 7, 8, 70, 100, 115); // long axis: 1e-3 fractional would be 0.1 Å
        var f = new[]
        {
            new Vec3(0, 0.5, 0.5), new Vec3(0.99999999, 0.5, 0.5), // same point across a = 0 | 1
            new Vec3(0.5, 0.2, 0.2), new Vec3(0.5005, 0.2, 0.2),  // 0.05 Å apart along a: distinct
            new Vec3(0.3, 0.3, 0.3), new Vec3(1.3, -0.7, 2.3),    // same point, other image
        };
        var groups = SitePositions.Group(lat, f);
        Assert.Equal(new[] { new[] { 0, 1 }, new[] { 2 }, new[] { 3 }, new[] { 4, 5 } }, groups.Select(g => g.ToArray()));
    }
}
