using System.Text.Json;
using BarrierNet.Core;
using BarrierNet.Core.IO;
using BarrierNet.Core.Landscape;
using Xunit;

namespace BarrierNet.Tests.Landscape;

/// <summary>
/// Percolation barriers BVlain (github.com/dembart/BVlain) computed for the example structures and that ours matched
/// within 0.1 eV with the same valences (scripts/oracle/bvse_oracle.py, bvse_compare.py); frozen here so the suite needs no Python.
/// </summary>
public class BvlainOracleTests
{
    public static IEnumerable<object[]> Examples()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixture("landscape", "bvlain-oracle.json")));
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            var cif = Path.ChangeExtension(e.GetProperty("file").GetString()!, ".cif");
            if (!File.Exists(RepoPaths.Example(cif))) continue;
            var b = e.GetProperty("bvlain");
            // NaN stands for "no network" (xunit data cannot hold null doubles).
            double D(string d) => b.GetProperty(d).ValueKind == JsonValueKind.Number ? b.GetProperty(d).GetDouble() : double.NaN;
            yield return new object[] { cif, e.GetProperty("ion").GetString()!, D("1d"), D("2d"), D("3d") };
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void PercolationBarriersAgreeWithBvlain(string cif, string ion, double oneD, double twoD, double threeD)
    {
        var s = StructureReader.Read(RepoPaths.Example(cif));
        var r = LandscapeAnalysis.PercolationOf(s, Elements.BySymbol(ion));
        // BVlain searches up to 10 eV: above that it reports no network.
        static double? Capped(double? e) => e is double x && x <= 10 ? x : null;
        foreach (var (ours, theirs) in new[] { (r.OneD, oneD), (r.TwoD, twoD), (r.ThreeD, threeD) })
        {
            Assert.Equal(double.IsNaN(theirs), Capped(ours) is null);
            if (!double.IsNaN(theirs)) Assert.InRange(ours!.Value, theirs - 0.1, theirs + 0.1);
        }
    }
}
