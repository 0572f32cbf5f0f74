using Xunit;
using System.Diagnostics;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.Symmetry;
using static BarrierNet.Tests.Symmetry.KnownStructures;

namespace BarrierNet.Tests.Symmetry;

public class SymmetryFinderTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>
    /// Structure name, number of operations in its own cell, and in a 2×1×1 supercell of it. All values frozen from
    /// spglib 2.0.2 (symprec 0.1) on the same structures. A supercell keeps only the operations that map its own
    /// lattice onto itself (a cubic crystal in a 2×1×1 cell loses the axes that would swap a and b), plus the
    /// translation by half the doubled axis.
    /// </summary>
    public static TheoryData<string, int, int> Cases => new()
    {
        { "rocksalt", 192, 128 }, { "rocksalt-primitive", 48, 24 }, { "perovskite", 48, 32 }, { "spinel", 192, 128 },
        { "olivine", 8, 16 }, { "olivine-Pbnm", 8, 16 }, { "LiCoO2-hexagonal", 36, 24 }, { "LiCoO2-rhombohedral", 12, 8 },
        { "garnet", 96, 64 }, { "rocksalt-skewed-primitive", 48, 24 },
    };

    internal static Structure Build(string name) => name switch
    {
        "rocksalt" => RockSalt(),
        "rocksalt-primitive" => Transform(RockSalt(), FccPrimitive),
        // A valid but unreduced primitive cell (a+b, b, c): the lattice search must not assume a reduced cell.
        "rocksalt-skewed-primitive" => Transform(Transform(RockSalt(), FccPrimitive), new double[,] { { 1, 1, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }),
        "perovskite" => Perovskite(),
        "spinel" => Spinel(),
        "olivine" => Olivine(),
        "olivine-Pbnm" => Transform(Olivine(), PnmaToPbnm),
        "LiCoO2-hexagonal" => LayeredLiCoO2(),
        "LiCoO2-rhombohedral" => Transform(LayeredLiCoO2(), RhombohedralFromHexagonal),
        "garnet" => Garnet(),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void FindsAllOperations(string name, int expected, int _)
    {
        var s = Build(name);
        var ops = SymmetryFinder.FindOperations(s);
        Assert.Equal(expected, ops.Count);
        Assert.True(SymmetryFinder.AllMapOntoItself(s, ops, 1e-3), "found operations must map the atoms onto themselves tightly");
        Assert.True(ops[0].Equals(SymmetryOperation.Identity));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OperationCountIsInvariantToAtomOrderAndOrigin(string name, int expected, int _)
    {
        var s = Build(name);
        Assert.Equal(expected, SymmetryFinder.FindOperations(Shuffled(s, 7)).Count);
        Assert.Equal(expected, SymmetryFinder.FindOperations(OriginShifted(s, 11)).Count);
        Assert.Equal(expected, SymmetryFinder.FindOperations(Jittered(OriginShifted(Shuffled(s, 3), 5), 0.02, 13)).Count);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SupercellKeepsTheOperationsOfItsLattice(string name, int _, int expectedInSupercell)
    {
        var super = Supercell(Build(name), 2, 1, 1);
        var ops = SymmetryFinder.FindOperations(super);
        Assert.Equal(expectedInSupercell, ops.Count);
        // The extra operations are the pure translation by half the doubled axis.
        Assert.Contains(ops, o => o.Equals(new SymmetryOperation(SymmetryOperation.Identity.Rotation, new Vec3(0.5, 0, 0))));
    }

    /// <summary>Space-group type expected for each structure (spglib 2.0.2, symprec 0.1, on the same structures).</summary>
    public static TheoryData<string, int, string> Types => new()
    {
        { "rocksalt", 225, "Fm-3m" }, { "rocksalt-primitive", 225, "Fm-3m" }, { "rocksalt-skewed-primitive", 225, "Fm-3m" },
        { "perovskite", 221, "Pm-3m" }, { "spinel", 227, "Fd-3m" }, { "olivine", 62, "Pnma" }, { "olivine-Pbnm", 62, "Pnma" },
        { "LiCoO2-hexagonal", 166, "R-3m" }, { "LiCoO2-rhombohedral", 166, "R-3m" }, { "garnet", 230, "Ia-3d" },
    };

    [Theory]
    [MemberData(nameof(Types))]
    public void IdentifiesTheSpaceGroupInAnyCellOrderAndOrigin(string name, int number, string symbol)
    {
        var s = Build(name);
        foreach (var variant in new[] { s, Shuffled(s, 5), OriginShifted(Shuffled(s, 6), 8), Supercell(s, 2, 1, 1), Jittered(s, 0.02, 4),
                     Jittered(OriginShifted(s, 9), 0.03, 10), Jittered(Supercell(OriginShifted(s, 12), 2, 1, 1), 0.03, 14) })
        {
            var info = SymmetryFinder.Analyze(variant);
            Assert.Equal(number, info.Number);
            Assert.Equal(symbol, info.Symbol);
            Assert.Equal("found", info.Source);
            Assert.Equal($"{symbol} ({number})", info.ToString());
        }
    }

    [Fact]
    public void LoweredSymmetryIsIdentifiedToo()
    {
        // Rock salt with one Na replaced by K in the conventional cell: Pm-3m (221), as spglib finds.
        var s = RockSalt();
        var sites = s.Sites.ToList();
        sites[0] = sites[0] with { Element = "K" };
        Assert.Equal("Pm-3m (221)", SymmetryFinder.Analyze(s.WithSites(sites)).ToString());
        // A structure with no symmetry at all: P1.
        var rng = new Random(1);
        var random = new Structure(Lattice.FromParameters(5.1, 6.2, 7.3, 81, 97, 104),
            Enumerable.Range(0, 7).Select(i => new Site(i % 2 == 0 ? "Li" : "O", new Vec3(rng.NextDouble(), rng.NextDouble(), rng.NextDouble()))).ToList());
        Assert.Equal("P1 (1)", SymmetryFinder.Analyze(random).ToString());
    }

    [Fact]
    public void BreakingOneAtomLowersTheSymmetry()
    {
        var s = RockSalt();
        var sites = s.Sites.ToList();
        sites[0] = sites[0] with { Element = "K" };
        var ops = SymmetryFinder.FindOperations(s.WithSites(sites));
        Assert.Equal(48, ops.Count); // only the point group of the substituted atom survives (Pm-3m, primitive)
    }

    [Fact]
    public void OccupancyIsPartOfTheSpecies()
    {
        // Two Li sites in a rock-salt-like cell differing only in occupancy are not equivalent.
        var s = RockSalt();
        var sites = s.Sites.Select(x => x.Element == "Na" ? x with { Element = "Li", Occupancy = x.Frac.X < 0.25 && x.Frac.Y < 0.25 ? 0.5 : 1.0 } : x).ToList();
        var ops = SymmetryFinder.FindOperations(s.WithSites(sites));
        Assert.Equal(48, ops.Count);
    }

    [Fact]
    public void OlivineEquivalenceClasses()
    {
        var s = Shuffled(Olivine(), 1);
        var ops = SymmetryFinder.FindOperations(s);
        Assert.Equal(1, Classes(s, ops, "Li"));
        Assert.Equal(3, Classes(s, ops, "O"));
        Assert.Equal(1, Classes(s, ops, "Fe"));
        var all = SymmetryFinder.EquivalenceClasses(s, ops, Enumerable.Range(0, s.Count).ToList());
        Assert.Equal(6, all.Distinct().Count()); // Li, Fe, P, O1, O2, O3
        // Indices not asked for are -1.
        var liOnly = SymmetryFinder.EquivalenceClasses(s, ops, Indices(s, "Li"));
        Assert.All(Enumerable.Range(0, s.Count).Where(i => s[i].Element != "Li"), i => Assert.Equal(-1, liOnly[i]));
    }

    [Fact]
    public void GarnetLithiumHasTwoClassesAndLayeredOxygenOne()
    {
        var g = Garnet();
        Assert.Equal(2, Classes(g, SymmetryFinder.FindOperations(g), "Li"));
        var l = Transform(LayeredLiCoO2(), RhombohedralFromHexagonal);
        Assert.Equal(1, Classes(l, SymmetryFinder.FindOperations(l), "O"));
        // Without symmetry every site is its own class.
        Assert.Equal(8, Classes(g, new[] { SymmetryOperation.Identity }, "Zr") / 2);
    }

    [Fact]
    public void FileOperationsAreUsedWhenTheyFitAndReplacedWhenTheyDoNot()
    {
        var s = Olivine();
        var withFileOps = new Structure(s.Lattice, s.Sites, SpaceGroupTable.Get(62).Operations);
        var fromFile = SymmetryFinder.Analyze(withFileOps);
        Assert.Equal("cif", fromFile.Source);
        Assert.Equal("Pnma (62)", fromFile.ToString());
        // Operations of a different group (Pmmm mirrors through the origin) do not map olivine onto itself.
        var wrong = new Structure(s.Lattice, s.Sites, SpaceGroupTable.Get(47).Operations);
        var a = SymmetryFinder.Analyze(wrong);
        Assert.Equal("found", a.Source);
        Assert.Equal(8, a.Operations.Count);
        // A file listing a true but smaller group (only the inversion): the full group found from the atoms wins.
        var subgroup = new Structure(s.Lattice, s.Sites, SpaceGroupTable.Get(2).Operations);
        Assert.Equal(("found", 8), (SymmetryFinder.Analyze(subgroup).Source, SymmetryFinder.Analyze(subgroup).Operations.Count));
        // Centred cell with its file operations (centring translations included).
        var g = Garnet();
        var garnet = SymmetryFinder.Analyze(new Structure(g.Lattice, g.Sites, SpaceGroupTable.Get(230).Operations));
        Assert.Equal(("cif", 96, "Ia-3d (230)"), (garnet.Source, garnet.Operations.Count, garnet.ToString()));
        // A P1 file listing only x,y,z: its symmetry is found from the atoms.
        var p1 = new Structure(s.Lattice, s.Sites, new[] { SymmetryOperation.Identity });
        Assert.Equal("found", SymmetryFinder.Analyze(p1).Source);
    }

    [Fact]
    public void LargestStructureIsFast()
    {
        var s = Supercell(Garnet(), 2, 1, 1); // 512 sites, 64 operations compatible with the doubled cell
        SymmetryFinder.FindOperations(Garnet()); // warm up
        var sw = Stopwatch.StartNew();
        var ops = SymmetryFinder.FindOperations(Shuffled(s, 2));
        sw.Stop();
        Assert.Equal(512, s.Count);
        Assert.Equal(64, ops.Count);
        Assert.True(sw.Elapsed.TotalSeconds < 2.0, $"512-site garnet took {sw.Elapsed.TotalMilliseconds:F0} ms");
        output.WriteLine($"FindOperations, 512-site garnet 2x1x1: {sw.Elapsed.TotalMilliseconds:F0} ms");
        sw.Restart();
        var info = SymmetryFinder.Analyze(Garnet());
        output.WriteLine($"Analyze, 256-site garnet: {sw.Elapsed.TotalMilliseconds:F0} ms ({info})");
        sw.Restart();
        info = SymmetryFinder.Analyze(s);
        output.WriteLine($"Analyze, 512-site garnet 2x1x1 (via primitive cell): {sw.Elapsed.TotalMilliseconds:F0} ms ({info})");
        Assert.Equal(230, info.Number);
    }

    private static List<int> Indices(Structure s, string el) => Enumerable.Range(0, s.Count).Where(i => s[i].Element == el).ToList();

    private static int Classes(Structure s, IReadOnlyList<SymmetryOperation> ops, string el) =>
        SymmetryFinder.EquivalenceClasses(s, ops, Indices(s, el)).Where(c => c >= 0).Distinct().Count();
}
