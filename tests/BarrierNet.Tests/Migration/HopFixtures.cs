using System.Text.Json;
using BarrierNet.Core.Crystal;

namespace BarrierNet.Tests.Migration;

/// <summary>
/// Loads the frozen oracle fixtures written by scripts/oracle/hops_oracle.py (pymatgen): a structure, its space-group
/// operations, and the expected symmetry-distinct hops (length, multiplicity).
/// </summary>
public static class HopFixtures
{
    public sealed record Fixture(string Name, string Ion, double MaxHop, Structure Structure, IReadOnlyList<SymmetryOperation> Operations,
        int SpaceGroupNumber, int IonSiteCount, IReadOnlyList<(double Length, int Multiplicity)> Hops, IReadOnlyList<double?> Bottlenecks, string? Cif, JsonElement Root);

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BarrierNet.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Directory => Path.Combine(RepoRoot, "tests", "BarrierNet.Tests", "Fixtures", "hops");

    public static IEnumerable<object[]> Names() =>
        System.IO.Directory.GetFiles(Directory, "*.json").Select(f => new object[] { Path.GetFileNameWithoutExtension(f) }).OrderBy(x => (string)x[0]);

    public static Fixture Load(string name)
    {
        var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, name + ".json")));
        var r = doc.RootElement;
        var lat = r.GetProperty("lattice").EnumerateArray().Select(Vec).ToArray();
        var sites = r.GetProperty("sites").EnumerateArray().Select(s => new Site(
            s.GetProperty("el").GetString()!, Vec(s.GetProperty("frac")), s.GetProperty("occ").GetDouble(),
            s.TryGetProperty("label", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null)).ToList();
        var ops = r.GetProperty("operations").EnumerateArray().Select(o => SymmetryOperation.Parse(o.GetString()!)).ToList();
        var hops = r.GetProperty("hops").EnumerateArray().Select(h => (h.GetProperty("length").GetDouble(), h.GetProperty("multiplicity").GetInt32())).ToList();
        var bottlenecks = r.GetProperty("hops").EnumerateArray()
            .Select(h => h.TryGetProperty("bottleneck", out var b) ? b.GetDouble() : (double?)null).ToList();
        string? cif = r.TryGetProperty("cif", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        return new Fixture(name, r.GetProperty("ion").GetString()!, r.GetProperty("max_hop").GetDouble(),
            new Structure(new Lattice(lat[0], lat[1], lat[2]), sites, name: name), ops,
            r.GetProperty("spacegroup").GetProperty("number").GetInt32(), r.GetProperty("n_ion_sites").GetInt32(), hops, bottlenecks, cif, r.Clone());
    }

    private static Vec3 Vec(JsonElement e)
    {
        var a = e.EnumerateArray().Select(x => x.GetDouble()).ToArray();
        return new Vec3(a[0], a[1], a[2]);
    }
}
