using BarrierNet.Model.Apps;
using Xunit;

namespace BarrierNet.Tests.Apps;

public class CsvJournalTests
{
    private static ScreenRow Row(string id, double e) => new(id, "LiFePO4", "Li", 3, e, e, null, null, 0.1, "good");

    [Fact]
    public void ResumeDropsATornLastRowAndKeepsFinishedOnes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"journal-{Guid.NewGuid():N}.csv");
        try
        {
            using (var j = CsvJournal<ScreenRow>.Create(path)) { j.Append(new[] { Row("mp-1", 0.3), Row("mp-2", 0.7) }); }
            File.AppendAllText(path, "mp-3,LiCoO2,Li,2,0.4"); // killed mid-row
            using (var j = CsvJournal<ScreenRow>.Resume(path, out var existing))
            {
                Assert.Equal(new[] { "mp-1", "mp-2" }, existing.Select(r => r.MaterialId));
                j.Append(new[] { Row("mp-3", 0.4) });
            }
            var lines = File.ReadAllLines(path);
            Assert.Equal(4, lines.Length);
            Assert.StartsWith("material_id,formula,ion,n_hops,min_barrier,percolation_1d,percolation_2d,percolation_3d,uncertainty,class,bvse_percolation_1d,bvse_percolation_2d,bvse_percolation_3d,n_blocked_hops", lines[0]);
            Assert.StartsWith("mp-3,", lines[3]);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void ResumingAFileWithOtherColumnsIsRefusedWithTheReasonAndLeavesItAlone()
    {
        var path = Path.Combine(Path.GetTempPath(), $"journal-{Guid.NewGuid():N}.csv");
        try
        {
            const string older = "material_id,formula,ion,n_hops,min_barrier\nmp-1,LiFePO4,Li,3,0.3\n";
            File.WriteAllText(path, older);
            var e = Assert.Throws<IOException>(() => CsvJournal<ScreenRow>.Resume(path, out _));
            Assert.Contains("other columns", e.Message);
            Assert.Equal(older, File.ReadAllText(path));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void ShardsPartitionAndKeepDuplicatesTogether()
    {
        var ids = Enumerable.Range(0, 500).Select(i => $"mp-{i}").ToList();
        var shards = Enumerable.Range(0, 4).Select(i => new ShardSpec(i, 4)).ToList();
        foreach (var id in ids)
            Assert.Equal(1, shards.Count(s => s.Includes(id, 0)));
        Assert.All(shards, s => Assert.InRange(ids.Count(id => s.Includes(id, 0)), 80, 170));
        Assert.Throws<ArgumentException>(() => ShardSpec.Parse("4/4"));
        Assert.Equal(new ShardSpec(1, 3), ShardSpec.Parse("1/3"));
    }
}
