using BarrierNet.Core.Crystal;
using BarrierNet.Core.Symmetry;

namespace BarrierNet.Core.Migration;

/// <summary>
/// Tells hops found in a reduced cell in the input's own cell: the same physical hop (Cartesian endpoints, length,
/// bottleneck, class), with the input's ion-site indices, lattice image and fractional coordinates, a multiplicity
/// per input cell, and the input's site labels (a class keeps a label when all its input sites share it). Empty
/// interstitial sites the landscape added in the reduced cell (occupancy 0, labels i1, i2, …) are carried into the
/// input cell with every translation of the reduced cell inside it, after the input's own ion sites.
/// </summary>
internal static class InputCellHops
{
    public static IReadOnlyList<Hop> Map(IReadOnlyList<Hop> hops, IonFramework working, CellReduction cell, double tolerance)
    {
        var input = cell.Input;
        var ion = working.Ion;
        var ionSites = input.Sites.Where(s => s.Element == ion).Concat(AddedSites(working, cell)).ToList();
        var inputGrid = new SiteGrid(new Structure(input.Lattice, ionSites), new int[ionSites.Count], tolerance);
        var workGrid = new SiteGrid(new Structure(working.Lattice, working.IonSites.Select(s => new Site(ion, s.Frac)).ToList()),
            new int[working.IonSites.Count], tolerance);

        // Input labels per equivalence class.
        var labels = new Dictionary<int, HashSet<string>>();
        foreach (var site in ionSites)
        {
            var (w, _) = workGrid.Find(working.Lattice.ToFractional(input.Lattice.ToCartesian(site.Frac)), 0);
            if (w < 0) continue;
            int cls = working.IonSites[w].EquivalenceClass;
            if (!labels.TryGetValue(cls, out var set)) labels[cls] = set = new HashSet<string>();
            set.Add(site.Label ?? "");
        }
        string Label(int cls) => labels.TryGetValue(cls, out var set) && set.Count == 1 && set.First().Length > 0 ? set.First() : $"{ion}{cls + 1}";

        (int Site, Vec3 Shift)? Locate(Vec3 cartesian)
        {
            var f = input.Lattice.ToFractional(cartesian);
            var (k, _) = inputGrid.Find(f, 0);
            return k < 0 ? null : (k, (f - inputGrid.FracOf(k)).Round());
        }

        var mapped = new List<Hop>(hops.Count);
        foreach (var h in hops)
        {
            var from = Locate(h.FromCartesian);
            var to = Locate(h.ToCartesian);
            if (from is not { } a || to is not { } b)
                throw new InvalidOperationException($"hop {h.Index + 1} found in the primitive cell has no endpoint in the input cell");
            var image = b.Shift - a.Shift;
            var fromFrac = inputGrid.FracOf(a.Site);
            var toFrac = inputGrid.FracOf(b.Site) + image;
            mapped.Add(h with
            {
                FromSite = a.Site, FromLabel = Label(h.FromClass),
                ToSite = b.Site, ToLabel = Label(h.ToClass),
                Image = ((int)image.X, (int)image.Y, (int)image.Z),
                Multiplicity = h.Multiplicity * cell.CellsPerInput,
                FromFrac = fromFrac, ToFrac = toFrac,
                FromCartesian = input.Lattice.ToCartesian(fromFrac), ToCartesian = input.Lattice.ToCartesian(toFrac),
            });
        }
        return mapped;
    }

    /// <summary>The working cell's empty interstitial sites, repeated over the input cell.</summary>
    private static IEnumerable<Site> AddedSites(IonFramework working, CellReduction cell)
    {
        var added = working.IonSites.Where(s => s.Occupancy <= 0).ToList();
        if (added.Count == 0) yield break;
        var translations = Translations(working.Lattice, cell.Input.Lattice, cell.CellsPerInput);
        foreach (var site in added)
            foreach (var t in translations)
                yield return new Site(working.Ion, cell.Input.Lattice.ToFractional(working.Lattice.ToCartesian(site.Frac + t)).Wrap(), Label: site.Label);
    }

    /// <summary>The <paramref name="count"/> translations of the working lattice that are distinct in the input cell.</summary>
    private static List<Vec3> Translations(Lattice working, Lattice input, int count)
    {
        var found = new List<Vec3>();
        var seen = new List<Vec3>();
        for (int n = 0; found.Count < count && n <= count; n++)
            for (int a = -n; a <= n; a++)
                for (int b = -n; b <= n; b++)
                    for (int c = -n; c <= n; c++)
                    {
                        if (Math.Max(Math.Abs(a), Math.Max(Math.Abs(b), Math.Abs(c))) != n) continue;
                        var t = new Vec3(a, b, c);
                        var inInput = input.ToFractional(working.ToCartesian(t)).Wrap();
                        if (seen.Any(x => input.MinimumImageDistance(x, inInput) < 1e-3)) continue;
                        seen.Add(inInput);
                        found.Add(t);
                    }
        if (found.Count != count)
            throw new InvalidOperationException($"found {found.Count} translations of the reduced cell in the input cell, expected {count}");
        return found;
    }
}
