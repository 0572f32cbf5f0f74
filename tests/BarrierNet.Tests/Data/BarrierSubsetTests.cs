using System.Text.Json;
using BarrierNet.Core.Data;
using BarrierNet.Tests.Fixtures;
using Xunit;

namespace BarrierNet.Tests.Data;

/// <summary>Cutting a barrier file by class or ion keeps the published JSON of each entry unchanged.</summary>
public class BarrierSubsetTests
{
    private static string Temp() => Path.Combine(Path.GetTempPath(), $"subset-{Guid.NewGuid():N}.json");

    [Fact]
    public void ClassAndItsComplementPartitionTheFileAndCopyEntriesVerbatim()
    {
        string a = Temp(), b = Temp();
        try
        {
            var (kept, total) = new BarrierSubset { Classes = new[] { "rocksalt", "LAYERED" } }.Write(FixturePaths.HopBands, a);
            var (rest, total2) = new BarrierSubset { Classes = new[] { "rocksalt", "LAYERED" }, Invert = true }.Write(FixturePaths.HopBands, b);
            Assert.Equal((6, 8), (kept, total));
            Assert.Equal((2, 8), (rest, total2));
            var names = BarrierDataset.Load(a).Select(e => e.SysName).Concat(BarrierDataset.Load(b).Select(e => e.SysName)).OrderBy(x => x);
            Assert.Equal(BarrierDataset.Load(FixturePaths.HopBands).Select(e => e.SysName).OrderBy(x => x), names);
            // Verbatim: each written entry is the original JSON element, field for field.
            using var original = JsonDocument.Parse(File.ReadAllText(FixturePaths.HopBands));
            using var written = JsonDocument.Parse(File.ReadAllText(a));
            var byName = original.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("sys_name").GetString()!, e => e.GetRawText());
            foreach (var e in written.RootElement.EnumerateArray())
                Assert.Equal(JsonSerializer.Serialize(JsonDocument.Parse(byName[e.GetProperty("sys_name").GetString()!]).RootElement),
                             JsonSerializer.Serialize(e));
        }
        finally { File.Delete(a); File.Delete(b); }
    }

    [Fact]
    public void IonAndClassFiltersCombine()
    {
        string a = Temp();
        try
        {
            var (kept, _) = new BarrierSubset { Classes = new[] { "ROCKSALT" }, Ions = new[] { "Mg" } }.Write(FixturePaths.HopBands, a);
            Assert.Equal(1, kept);
            Assert.Equal("RS-CoO_Mg", BarrierDataset.Load(a).Single().SysName);
        }
        finally { File.Delete(a); }
    }
}
