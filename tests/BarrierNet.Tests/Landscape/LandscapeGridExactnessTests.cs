using BarrierNet.Core;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.IO;
using BarrierNet.Core.Landscape;
using Xunit;

namespace BarrierNet.Tests.Landscape;

/// <summary>
/// The grid adds several points of a row at once; every point must still get the same sum, bit for bit, as the
/// one-point-at-a-time loop it replaced (<see cref="ReferenceLandscapeGrid"/>), since paths, barriers and every
/// output downstream are compared byte for byte between versions.
/// </summary>
public class LandscapeGridExactnessTests
{
    public static TheoryData<string, string> Examples() => new()
    {
        { "LiFePO4.cif", "Li" }, { "LiMn2O4.cif", "Li" }, { "Li3V2P3O12.cif", "Li" }, { "Li8Fe2NiCoO8.cif", "Li" },
        { "NaFePO4.cif", "Na" }, { "Li3GaPCO7.cif", "Li" }, { "Li4Fe3MnP4O16.cif", "Li" },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void DefaultGridOfEachExampleEqualsThePointByPointLoop(string file, string ion)
    {
        var landscape = BvseLandscape.For(StructureReader.Read(RepoPaths.Example(file)), Elements.BySymbol(ion));
        var grid = landscape.Grid();
        AssertBitwiseEqual(ReferenceLandscapeGrid.Grid(landscape, grid.Na, grid.Nb, grid.Nc), grid);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 5, 7)]     // rows shorter than four points, and ones that wrap within a block of four
    [InlineData(11, 9, 13)]
    [InlineData(8, 8, 64)]    // rows longer than the cutoff spheres: many runs start and stop inside a row
    public void AnyGridShapeEqualsThePointByPointLoop(int na, int nb, int nc)
    {
        var landscape = BvseLandscape.For(StructureReader.Read(RepoPaths.Example("LiFePO4.cif")), Elements.BySymbol("Li"));
        AssertBitwiseEqual(ReferenceLandscapeGrid.Grid(landscape, na, nb, nc), landscape.Grid(na, nb, nc));
    }

    [Fact]
    public void ObliqueCellsAndSharedSitesEqualThePointByPointLoop()
    {
        // A sheared triclinic cell (grid planes close together, rows cutting the spheres at a slant) and LLTO, whose
        // La shares the Li site and has the switched repulsion that goes through the exact function near the site.
        var s = StructureReader.Read(RepoPaths.Example("LiFePO4.cif"));
        var sheared = new Structure(Lattice.FromParameters(s.Lattice.Lengths.A, s.Lattice.Lengths.B, s.Lattice.Lengths.C, 63, 71, 58), s.Sites.ToList());
        var llto = StructureReader.Read(Migration.DisorderSamplingTests.Disordered("Li0.33La0.56TiO3-cubic.cif"));
        foreach (var structure in new[] { sheared, llto })
        {
            var landscape = BvseLandscape.For(structure, Elements.BySymbol("Li"));
            var grid = landscape.Grid();
            AssertBitwiseEqual(ReferenceLandscapeGrid.Grid(landscape, grid.Na, grid.Nb, grid.Nc), grid);
        }
    }

    private static void AssertBitwiseEqual(double[] expected, EnergyGrid grid)
    {
        Assert.Equal(expected.Length, grid.Count);
        for (int p = 0; p < expected.Length; p++)
            if (BitConverter.DoubleToInt64Bits(expected[p]) != BitConverter.DoubleToInt64Bits(grid[p]))
                Assert.Fail($"point {p} of {grid.Na}×{grid.Nb}×{grid.Nc}: {expected[p]:R} one at a time, {grid[p]:R} now");
    }
}
