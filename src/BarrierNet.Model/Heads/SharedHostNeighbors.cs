using BarrierNet.Core.Crystal;
using BarrierNet.Core.Migration;
using BarrierNet.Core.Neighbors;
using BarrierNet.Model.Graphs;

namespace BarrierNet.Model.Heads;

/// <summary>
/// The neighbour lists of a material's bands from one search over the host they share. Every band of a material lies
/// in the same supercell and puts its host atoms on the same positions (the framework's copies and the ion sites);
/// from hop to hop only the ion's images move and other ion sites stand empty. So the positions are searched once,
/// and a band's list for a host atom is that position's list without the band's empty positions and with the band's
/// images added, cut at the k-th nearest exactly as <see cref="NeighborSearch.KNearest(Lattice, IReadOnlyList{Vec3}, bool[], int, double, double, double)"/>
/// cuts it. The vectors are the search's own doubles (same wrapped coordinates, same products), so the graph built
/// from these lists is the band's own graph edge for edge (tests compare them). Where that cannot be promised — an
/// atom with fewer than k neighbours within the cutoff (the search would widen for every atom), an atom seeing its
/// own periodic image (the order of those ties decides a vector's last bit), a position that is not the host's —
/// <see cref="Lists"/> returns null and the band is searched on its own. Not thread-safe: one per material and thread.
/// </summary>
internal sealed class SharedHostNeighbors
{
    private readonly Lattice _lattice;
    private readonly NeighborSearch.LatticeRows _rows;
    private readonly Vec3 _widths;
    private readonly GraphSettings _settings;
    private readonly Vec3[] _positions;
    private readonly Dictionary<Vec3, int> _positionIndex;
    /// <summary>Per position, every position within <see cref="_radius"/> of it (unfiltered, in search order).</summary>
    private readonly List<Neighbor>[] _lists;
    private readonly double[] _radius;
    /// <summary>Per position, the band atom standing on it (−1: empty in this band); reset after each band.</summary>
    private readonly int[] _atomAt;

    private SharedHostNeighbors(Lattice lattice, Vec3[] positions, Dictionary<Vec3, int> index, GraphSettings settings)
    {
        _lattice = lattice;
        _rows = NeighborSearch.LatticeRows.Of(lattice);
        _widths = lattice.PerpendicularWidths;
        _settings = settings;
        _positions = positions;
        _positionIndex = index;
        double r = NeighborSearch.StartRadius(lattice, positions.Length, settings.Neighbors, settings.Cutoff);
        _lists = NeighborSearch.WithinRadius(lattice, positions, r);
        _radius = Enumerable.Repeat(r, positions.Length).ToArray();
        _atomAt = Enumerable.Repeat(-1, positions.Length).ToArray();
    }

    /// <summary>
    /// The shared search over the host positions of <paramref name="bands"/> (one material's bands), or null when
    /// there is nothing to share: fewer than two bands, bands in different cells, or a line graph (whose angles need
    /// every atom's neighbours, not the kept atoms' only).
    /// </summary>
    public static SharedHostNeighbors? For(IReadOnlyList<Band> bands, GraphSettings settings)
    {
        if (bands.Count < 2 || settings.HasAngles) return null;
        var lattice = bands[0].Lattice;
        var matrix = lattice.Matrix;
        foreach (var band in bands)
            if (!ReferenceEquals(band.Lattice, lattice) && !SameMatrix(band.Lattice.Matrix, matrix)) return null;
        var index = new Dictionary<Vec3, int>();
        var positions = new List<Vec3>();
        foreach (var band in bands)
            foreach (var site in band.Host.Sites)
                if (index.TryAdd(site.Frac, positions.Count)) positions.Add(site.Frac);
        return new SharedHostNeighbors(lattice, positions.ToArray(), index, settings);
    }

    /// <summary>
    /// The neighbour lists of a band's atoms (<paramref name="fractional"/>: images where <paramref name="isImage"/>,
    /// the rest on host positions) as <see cref="NeighborSearch.KNearest(Lattice, IReadOnlyList{Vec3}, bool[], int, double, double, double)"/>
    /// gives them for the atoms flagged in <paramref name="centers"/> (the others get empty lists); null when this
    /// band must be searched on its own (see the class comment).
    /// </summary>
    public List<Neighbor>[]? Lists(Lattice lattice, IReadOnlyList<Vec3> fractional, bool[] isImage, bool[] centers)
    {
        if (!ReferenceEquals(lattice, _lattice) && !SameMatrix(lattice.Matrix, _lattice.Matrix)) return null;
        var positionOf = new int[fractional.Count];
        try
        {
            for (int a = 0; a < fractional.Count; a++)
            {
                positionOf[a] = -1;
                if (isImage[a]) continue;
                if (!_positionIndex.TryGetValue(fractional[a], out int p) || _atomAt[p] >= 0) return null;
                _atomAt[p] = a;
                positionOf[a] = p;
            }
            return HostAndImageLists(fractional, isImage, centers, positionOf);
        }
        finally
        {
            foreach (int p in positionOf) if (p >= 0) _atomAt[p] = -1;
        }
    }

    private List<Neighbor>[]? HostAndImageLists(IReadOnlyList<Vec3> fractional, bool[] isImage, bool[] centers, int[] positionOf)
    {
        int n = fractional.Count;
        var result = new List<Neighbor>[n];
        // The images' own lists: an ordinary search around them alone (a few atoms).
        var imageCenters = new bool[n];
        var images = new List<int>();
        for (int a = 0; a < n; a++)
        {
            if (!isImage[a]) continue;
            images.Add(a);
            imageCenters[a] = centers[a];
        }
        var imageLists = NeighborSearch.KNearest(_lattice, fractional, imageCenters, _settings.Neighbors, _settings.Cutoff);
        for (int a = 0; a < n; a++)
        {
            if (!imageCenters[a]) continue;
            // Past the cutoff the search widened for every atom; a self-image's tie order is the search's own.
            if (imageLists[a].Any(x => x.Distance > _settings.Cutoff || x.Index == a)) return null;
            result[a] = imageLists[a];
        }
        var imagePoints = images.Select(a => NeighborSearch.Wrap(fractional[a])).ToArray();

        var pending = new List<int>();
        for (int a = 0; a < n; a++)
        {
            if (!centers[a]) result[a] ??= new List<Neighbor>();
            else if (!isImage[a]) pending.Add(a);
        }
        while (pending.Count > 0)
        {
            var wider = new List<int>();
            foreach (int a in pending)
            {
                switch (HostList(a, positionOf[a], images, imagePoints, out var list))
                {
                    case Outcome.Done: result[a] = list!; break;
                    case Outcome.Wider: wider.Add(a); break;
                    default: return null;
                }
            }
            Widen(wider.Select(a => positionOf[a]).ToList());
            pending = wider;
        }
        return result;
    }

    private enum Outcome { Done, Wider, Unshareable }

    /// <summary>Band atom <paramref name="a"/>'s list from its position's list: empty positions out, images in, cut at the k-th.</summary>
    private Outcome HostList(int a, int p, List<int> images, (Vec3 Wrapped, (int A, int B, int C) Shift)[] imagePoints, out List<Neighbor>? list)
    {
        list = null;
        int k = _settings.Neighbors;
        double cutoff = _settings.Cutoff, r = _radius[p];
        var candidates = new List<Neighbor>(_lists[p].Count + 8);
        foreach (var nb in _lists[p])
        {
            if (nb.Index == p) return Outcome.Unshareable;
            int b = _atomAt[nb.Index];
            if (b < 0 || nb.Distance < NeighborSearch.MinNeighborDistance) continue;
            candidates.Add(new Neighbor(a, b, nb.Image, nb.Vector, nb.Distance));
        }
        var (center, centerShift) = NeighborSearch.Wrap(_positions[p]);
        for (int m = 0; m < images.Count; m++) AddImage(a, center, centerShift, images[m], imagePoints[m], r, candidates);

        if (candidates.Count < k) return r < cutoff ? Outcome.Wider : Outcome.Unshareable;
        candidates.Sort((x, y) => x.Distance.CompareTo(y.Distance));
        double kth = candidates[k - 1].Distance + NeighborSearch.TieTolerance;
        // Below the cutoff the k-th distance plus its ties must lie inside the radius searched, as in the search itself.
        if (r < cutoff && kth > r) return Outcome.Wider;
        int count = k;
        while (count < candidates.Count && candidates[count].Distance <= kth) count++;
        list = candidates.GetRange(0, count);
        return Outcome.Done;
    }

    /// <summary>Every periodic copy of image atom <paramref name="j"/> within <paramref name="r"/> of the centre, as the search finds them.</summary>
    private void AddImage(int a, Vec3 center, (int A, int B, int C) centerShift, int j, (Vec3 Wrapped, (int A, int B, int C) Shift) image, double r,
        List<Neighbor> candidates)
    {
        double r2 = r * r;
        var w = image.Wrapped;
        // A copy moved by n along an axis lies at least |w + n − c|·width from the centre: only a few n can be within r.
        var (loA, hiA) = Range(center.X - w.X, r / _widths.X);
        var (loB, hiB) = Range(center.Y - w.Y, r / _widths.Y);
        var (loC, hiC) = Range(center.Z - w.Z, r / _widths.Z);
        for (int ia = loA; ia <= hiA; ia++)
            for (int ib = loB; ib <= hiB; ib++)
                for (int ic = loC; ic <= hiC; ic++)
                {
                    var d = NeighborSearch.Displacement(_rows, center, w, ia, ib, ic);
                    double l2 = d.NormSquared;
                    if (l2 > r2) continue;
                    double distance = Math.Sqrt(l2);
                    if (distance < NeighborSearch.MinNeighborDistance) continue;
                    var imageShift = (ia + centerShift.A - image.Shift.A, ib + centerShift.B - image.Shift.B, ic + centerShift.C - image.Shift.C);
                    candidates.Add(new Neighbor(a, j, imageShift, d, distance));
                }
    }

    private static (int Lo, int Hi) Range(double offset, double reach) =>
        ((int)Math.Floor(offset - reach - 1e-6), (int)Math.Ceiling(offset + reach + 1e-6));

    /// <summary>Searches again, one radius step further, around the positions whose lists did not reach their k-th neighbour.</summary>
    private void Widen(List<int> positions)
    {
        foreach (var group in positions.Distinct().GroupBy(p => _radius[p]))
        {
            double r = NeighborSearch.NextRadius(group.Key, _settings.Cutoff);
            var flags = new bool[_positions.Length];
            foreach (int p in group) flags[p] = true;
            var lists = NeighborSearch.WithinRadius(_lattice, _positions, r, flags);
            foreach (int p in group) { _lists[p] = lists[p]; _radius[p] = r; }
        }
    }

    private static bool SameMatrix(double[,] x, double[,] y)
    {
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                if (x[i, j] != y[i, j]) return false;
        return true;
    }
}
