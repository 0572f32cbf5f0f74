using BarrierNet.Core.Crystal;
using BarrierNet.Core.Data;

namespace BarrierNet.Model.Evaluation;

/// <summary>
/// Grouped k-fold cross-validation for barriers. Two entries must fall in the same fold when they share a system
/// (<see cref="BarrierEntry.Group"/>: the sys_name without its trailing _N, i.e. several hops of one material) OR a
/// composition family. The composition family is the reduced formula of the host framework: the host (every atom
/// but the moving ion) with every atom of the ion's element removed as well, e.g. LiCoO2, NaCoO2 and Li0.5CoO2 hops
/// all have family "CoO2", and Li/Mg/Ca in a Mn2O4 spinel and in layered MnO2 share "MnO2". The framework is what a
/// model could memorise across a split; the ion and its concentration are what a user varies. A host made only of
/// the ion's element (a metal) has the ion's symbol as its family.
/// The union of both relations gives connected components; components are shuffled with the seed, ordered by size
/// (largest first, a stable sort so the shuffle breaks ties) and each is put in the fold with the fewest entries so
/// far. Same entries, k and seed → the same folds.
/// </summary>
internal static class GroupedFolds
{
    /// <summary>
    /// What must not straddle a split. <see cref="SystemAndFamily"/> is the default and the honest one;
    /// <see cref="SystemOnly"/> reproduces the looser protocol (groups = system name) under which the published baselines were measured;
    /// <see cref="Random"/> keeps nothing together (each hop its own group), as a random test split of the same pool does:
    /// hops with a sibling of the same system on the other side are what intervals must also cover.
    /// </summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<Grouping>))]
    public enum Grouping
    {
        [System.Text.Json.Serialization.JsonStringEnumMemberName("system+family")] SystemAndFamily,
        [System.Text.Json.Serialization.JsonStringEnumMemberName("system")] SystemOnly,
        [System.Text.Json.Serialization.JsonStringEnumMemberName("random")] Random,
    }

    public static Grouping ParseGrouping(string s) => s switch
    {
        "system+family" => Grouping.SystemAndFamily,
        "system" => Grouping.SystemOnly,
        "random" => Grouping.Random,
        _ => throw new ArgumentException($"grouping must be 'system+family', 'system' or 'random', not '{s}'"),
    };

    /// <summary>The command-line and model.json name of a grouping (the inverse of <see cref="ParseGrouping"/>).</summary>
    public static string GroupingName(Grouping g) => g switch
    {
        Grouping.SystemAndFamily => "system+family",
        Grouping.SystemOnly => "system",
        _ => "random",
    };

    public static string CompositionFamily(BarrierEntry e)
    {
        string ion = e.Ion;
        var framework = e.Initial.Sites.Skip(1).Where(s => s.Element != ion).ToList();
        return framework.Count == 0 ? ion : new Structure(e.Initial.Lattice, framework).ReducedFormula;
    }

    /// <summary>The fold (0 … k−1) of each entry.</summary>
    public static int[] Assign(IReadOnlyList<BarrierEntry> entries, int k, int seed, Grouping grouping = Grouping.SystemAndFamily)
    {
        if (k < 2) throw new ArgumentException("cross-validation needs at least 2 folds");
        int n = entries.Count;
        var parent = Enumerable.Range(0, n).ToArray();
        int Find(int x) { while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x]; } return x; }
        void Union(int x, int y) { x = Find(x); y = Find(y); if (x != y) parent[Math.Max(x, y)] = Math.Min(x, y); }
        var keys = new List<Func<BarrierEntry, string>>();
        if (grouping != Grouping.Random) keys.Add(e => "group:" + e.Group);
        if (grouping == Grouping.SystemAndFamily) keys.Add(e => "family:" + CompositionFamily(e));
        foreach (var key in keys)
        {
            var first = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < n; i++)
            {
                var kk = key(entries[i]);
                if (first.TryGetValue(kk, out var j)) Union(i, j); else first[kk] = i;
            }
        }
        var components = Enumerable.Range(0, n).GroupBy(Find).Select(g => g.ToArray()).OrderBy(c => c[0]).ToList();
        if (components.Count < k) throw new ArgumentException($"only {components.Count} independent groups; cannot make {k} folds");
        var rng = new Random(seed);
        for (int i = components.Count - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (components[i], components[j]) = (components[j], components[i]);
        }
        components = components.OrderByDescending(c => c.Length).ToList(); // stable
        var fold = new int[n];
        var size = new int[k];
        foreach (var c in components)
        {
            int best = 0;
            for (int f = 1; f < k; f++) if (size[f] < size[best]) best = f;
            foreach (int i in c) fold[i] = best;
            size[best] += c.Length;
        }
        return fold;
    }

    /// <summary>(train indices, test indices) for each fold, in fold order.</summary>
    public static IReadOnlyList<(int[] Train, int[] Test)> Splits(IReadOnlyList<BarrierEntry> entries, int k, int seed,
        Grouping grouping = Grouping.SystemAndFamily)
    {
        var fold = Assign(entries, k, seed, grouping);
        return Enumerable.Range(0, k).Select(f =>
            (Enumerable.Range(0, entries.Count).Where(i => fold[i] != f).ToArray(),
             Enumerable.Range(0, entries.Count).Where(i => fold[i] == f).ToArray())).ToList();
    }
}
