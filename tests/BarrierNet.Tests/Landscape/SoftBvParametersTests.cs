using System.Text.Json;
using BarrierNet.Core.Landscape;
using Xunit;

namespace BarrierNet.Tests.Landscape;

/// <summary>The table as read (one pass of a JSON reader) holds every row of the embedded file, as a document tree reads it.</summary>
public class SoftBvParametersTests
{
    [Fact]
    public void EveryRowOfTheEmbeddedFileIsReadAsItIs()
    {
        const string name = "BarrierNet.Core.Landscape.softbv-parameters.json";
        using var stream = typeof(SoftBvParameters).Assembly.GetManifestResourceStream(name)!;
        using var doc = JsonDocument.Parse(stream);
        var root = doc.RootElement;
        Assert.Equal(root.GetProperty("source").GetString(), SoftBvParameters.Source);
        var charges = new Dictionary<string, SortedSet<int>>();
        int rows = 0;
        foreach (var row in root.GetProperty("pairs").EnumerateArray())
        {
            string cation = row[0].GetString()!, anion = row[2].GetString()!;
            int qc = row[1].GetInt32(), qa = row[3].GetInt32();
            Assert.Equal(new SoftBvPair(row[4].GetDouble(), row[5].GetDouble(), row[6].GetDouble(), row[7].GetDouble()), SoftBvParameters.Pair(cation, qc, anion, qa));
            Assert.True(SoftBvParameters.HasSpecies(cation, qc) && SoftBvParameters.HasSpecies(anion, qa));
            foreach (var (element, q) in new[] { (cation, qc), (anion, qa) })
                (charges.TryGetValue(element, out var set) ? set : charges[element] = new SortedSet<int>()).Add(q);
            rows++;
        }
        Assert.Equal(591, rows);
        foreach (var (element, set) in charges) Assert.Equal(set.ToArray(), SoftBvParameters.Charges(element));
        foreach (var p in root.GetProperty("principal_quantum_number").EnumerateObject())
            Assert.Equal(p.Value.GetInt32(), SoftBvParameters.PrincipalQuantumNumber(p.Name));
        Assert.Null(SoftBvParameters.Pair("Li", 1, "Xx", -2));
        Assert.Empty(SoftBvParameters.Charges("Xx"));
    }
}
