using BarrierNet.Core.Data;
using BarrierNet.Model.Evaluation;
using BarrierNet.Tests.Fixtures;
using Xunit;

namespace BarrierNet.Tests.Evaluation;

public class GroupedFoldsTests
{
    private static readonly IReadOnlyList<BarrierEntry> Bands = BarrierDataset.Load(FixturePaths.HopBands);

    /// <summary>40 entries: 20 systems of two hops each, spread over the fixture frameworks (families shared across systems).</summary>
    private static List<BarrierEntry> Many() =>
        Enumerable.Range(0, 40).Select(i => Bands[(i / 2) % Bands.Count] with { SysName = $"SYS{i / 2}_{i % 2 + 1}" }).ToList();

    [Fact]
    public void CompositionFamilyIsTheFrameworkWithoutTheIonElement()
    {
        string Family(string name) => GroupedFolds.CompositionFamily(Bands.Single(b => b.SysName == name));
        Assert.Equal("Co5O8", Family("RS-CoO_Li_1"));     // host Li removed with the moving Li
        Assert.Equal("Co5O8", Family("RS-CoO_Mg"));       // host Mg removed with the moving Mg: same framework
        Assert.Equal("TiS2", Family("HEX-MgTiS2_1"));
        Assert.Equal("MgTiS2", Family("HEX-ZnTiS2"));     // Mg is not the moving ion here, so it stays
    }

    [Fact]
    public void NoSystemAndNoFamilyOnBothSides()
    {
        var entries = Many();
        foreach (int seed in new[] { 0, 1, 2 })
        {
            var splits = GroupedFolds.Splits(entries, 4, seed);
            Assert.Equal(4, splits.Count);
            Assert.Equal(entries.Count, splits.Sum(s => s.Test.Length));
            Assert.Equal(Enumerable.Range(0, entries.Count), splits.SelectMany(s => s.Test).OrderBy(i => i));
            foreach (var (train, test) in splits)
            {
                Assert.NotEmpty(test);
                Assert.Empty(train.Intersect(test));
                var trainGroups = train.Select(i => entries[i].Group).ToHashSet();
                var trainFamilies = train.Select(i => GroupedFolds.CompositionFamily(entries[i])).ToHashSet();
                Assert.DoesNotContain(test, i => trainGroups.Contains(entries[i].Group));
                Assert.DoesNotContain(test, i => trainFamilies.Contains(GroupedFolds.CompositionFamily(entries[i])));
            }
        }
    }

    [Fact]
    public void SystemOnlyGroupingKeepsSystemsTogetherButMayShareFamilies()
    {
        var entries = Many();
        var fold = GroupedFolds.Assign(entries, 5, 0, GroupedFolds.Grouping.SystemOnly);
        foreach (var g in entries.Select((e, i) => (e.Group, Fold: fold[i])).GroupBy(x => x.Group))
            Assert.Single(g.Select(x => x.Fold).Distinct());
        // 20 systems over 6 families: with 5 folds some family must straddle (it cannot under the default grouping).
        Assert.Contains(entries.Select((e, i) => (F: GroupedFolds.CompositionFamily(e), Fold: fold[i])).GroupBy(x => x.F),
            g => g.Select(x => x.Fold).Distinct().Count() > 1);
    }

    [Fact]
    public void DeterministicForASeed()
    {
        var entries = Many();
        Assert.Equal(GroupedFolds.Assign(entries, 3, 7), GroupedFolds.Assign(entries, 3, 7));
        Assert.Equal(GroupedFolds.Assign(entries, 3, 7), GroupedFolds.Assign(Many(), 3, 7));
    }

    [Fact]
    public void TooFewIndependentGroupsIsAnError()
    {
        // The eight fixture bands form six families; seven folds cannot be made.
        Assert.Contains("cannot make", Assert.Throws<ArgumentException>(() => GroupedFolds.Assign(Bands, 7, 0)).Message);
        Assert.Throws<ArgumentException>(() => GroupedFolds.Assign(Bands, 1, 0));
    }
}

public class RandomFoldsTests
{
    private static readonly IReadOnlyList<BarrierEntry> Bands = BarrierDataset.Load(FixturePaths.HopBands);

    [Fact]
    public void RandomFoldsAreBalancedDeterministicAndSplitSystems()
    {
        var entries = Enumerable.Range(0, 40).Select(i => Bands[(i / 4) % Bands.Count] with { SysName = $"SYS{i / 4}_{i % 4 + 1}" }).ToList();
        var fold = GroupedFolds.Assign(entries, 5, 3, GroupedFolds.Grouping.Random);
        Assert.All(Enumerable.Range(0, 5), f => Assert.Equal(8, fold.Count(x => x == f)));
        Assert.Equal(fold, GroupedFolds.Assign(entries, 5, 3, GroupedFolds.Grouping.Random));
        Assert.NotEqual(fold, GroupedFolds.Assign(entries, 5, 4, GroupedFolds.Grouping.Random));
        // Ten systems of four hops over five folds: hops of one system land on both sides of some split.
        Assert.Contains(entries.Select((e, i) => (e.Group, Fold: fold[i])).GroupBy(x => x.Group), g => g.Select(x => x.Fold).Distinct().Count() > 1);
        Assert.Equal(GroupedFolds.Grouping.Random, GroupedFolds.ParseGrouping(GroupedFolds.GroupingName(GroupedFolds.Grouping.Random)));
        Assert.Throws<ArgumentException>(() => GroupedFolds.ParseGrouping("shuffled"));
    }
}
