using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Landscape;

/// <summary>
/// The path an ion takes between two sites on an energy grid, found in two steps on the voxel graph (26 neighbours,
/// periodic energies, unwrapped coordinates inside a box around the hop so the path joins the intended periodic
/// image):
/// <list type="number">
/// <item>minimax: a Dijkstra search whose cost is the highest energy met, giving the lowest possible barrier top
/// E* between the two sites (exact at the grid's resolution);</item>
/// <item>refinement: among paths that stay at or below E*, the one of least energy-weighted length
/// (each step costs its length times 0.1 + (E − E_low)/(E* − E_low)), which follows the valley floor instead of
/// hugging the rim;</item>
/// </list>
/// then smoothed and resampled into evenly spaced points with energies interpolated from the grid.
/// </summary>
internal static class MinimumEnergyPath
{
    /// <summary>Extra room (Å) around the straight hop in which the path may wander.</summary>
    public const double DefaultMargin = 2.0;
    public const int DefaultPoints = 21;
    private const int MaxBoxPoints = 4_000_000;
    private const double FloorWeight = 0.1;

    /// <param name="from">From-site, fractional.</param>
    /// <param name="to">To-site, fractional and unwrapped (its image as the hop has it).</param>
    public static EnergyPath Find(EnergyGrid grid, Vec3 from, Vec3 to, double margin = DefaultMargin, int points = DefaultPoints)
    {
        if (points < 2) throw new ArgumentException("a path needs at least its two endpoints");
        var box = Box.Around(grid, from, to, margin);
        int start = box.Node(Snap(grid, from)), end = box.Node(Snap(grid, to));
        var search = SearchSpace.For(box.Count);

        double saddle = Minimax(box, search, start, end);
        double low = Math.Min(box.Energy(start), box.Energy(end));
        var nodes = ValleyFloor(box, search, start, end, saddle, low);

        var polyline = nodes.Select(n => box.Frac(grid, n)).ToList();
        polyline[0] = from;
        polyline[^1] = to;
        return Resample(grid, Smooth(polyline), points, saddle);
    }

    private static (int, int, int) Snap(EnergyGrid grid, Vec3 f) =>
        ((int)Math.Round(f.X * grid.Na), (int)Math.Round(f.Y * grid.Nb), (int)Math.Round(f.Z * grid.Nc));

    /// <summary>
    /// Lowest possible highest energy on a path from start to end, by flooding: the level rises to the lowest point of
    /// the flood's shore only when nothing below the level is left to reach, so most points are reached through a
    /// stack and only the shore waits in a priority queue. The value is the bottleneck Dijkstra's, which orders every
    /// point by its level and costs a queue operation each.
    /// </summary>
    private static double Minimax(Box box, SearchSpace search, int start, int end)
    {
        search.Reset();
        double level = box.Energy(start);
        if (start == end) return level;
        if (double.IsPositiveInfinity(level)) throw NoPath();
        var shore = search.Queue;
        var flooded = search.Stack;
        var neighbours = search.Neighbours;
        search.Reach(start);
        flooded.Push(start);
        while (true)
        {
            while (flooded.TryPop(out int u))
            {
                int count = box.Neighbours(u, neighbours);
                for (int n = 0; n < count; n++)
                {
                    var (v, _, energy) = neighbours[n];
                    if (search.IsReached(v) || double.IsPositiveInfinity(energy)) continue;
                    if (v == end) return Math.Max(level, energy);
                    search.Reach(v);
                    if (energy <= level) flooded.Push(v);
                    else shore.Enqueue(v, energy);
                }
            }
            if (!shore.TryDequeue(out int next, out double height)) throw NoPath();
            level = Math.Max(level, height);
            flooded.Push(next);
        }
    }

    private static InvalidOperationException NoPath() => new("no path between the two sites inside the search box (energies not finite)");

    /// <summary>Least energy-weighted path from start to end through points no higher than the saddle.</summary>
    private static List<int> ValleyFloor(Box box, SearchSpace search, int start, int end, double saddle, double low)
    {
        double span = Math.Max(saddle - low, 1e-6);
        search.Reset();
        var queue = search.Queue;
        var neighbours = search.Neighbours;
        int seen = search.Seen, done = search.Done;
        search.Start(start);
        queue.Enqueue(start, 0);
        while (queue.TryDequeue(out int u, out double c))
        {
            ref int mark = ref search.Mark(u);
            if (mark == done) continue;
            mark = done;
            if (u == end) break;
            int count = box.Neighbours(u, neighbours);
            for (int n = 0; n < count; n++)
            {
                var (v, step, energy) = neighbours[n];
                if (energy > saddle + 1e-9) continue;
                ref int seenAs = ref search.Mark(v);
                if (seenAs == done) continue;
                double next = c + step * (FloorWeight + Math.Max(0, energy - low) / span);
                ref var best = ref search.Best(v);
                if (next < (seenAs == seen ? best.Cost : double.PositiveInfinity))
                {
                    seenAs = seen;
                    best = new BestStep(next, u);
                    queue.Enqueue(v, next);
                }
            }
        }
        var path = new List<int>();
        for (int n = end; n >= 0; n = search.Previous(n)) path.Add(n);
        path.Reverse();
        return path;
    }

    /// <summary>Three passes of a three-point moving average with fixed endpoints: removes the voxel staircase.</summary>
    private static List<Vec3> Smooth(List<Vec3> line)
    {
        for (int pass = 0; pass < 3; pass++)
        {
            var next = new List<Vec3>(line);
            for (int p = 1; p < line.Count - 1; p++) next[p] = 0.25 * line[p - 1] + 0.5 * line[p] + 0.25 * line[p + 1];
            line = next;
        }
        return line;
    }

    private static EnergyPath Resample(EnergyGrid grid, List<Vec3> line, int count, double saddle)
    {
        var lattice = grid.Lattice;
        var along = new double[line.Count];
        for (int p = 1; p < line.Count; p++) along[p] = along[p - 1] + lattice.ToCartesian(line[p] - line[p - 1]).Norm;
        var raw = new EnergyPath(line, along, new double[line.Count], saddle);
        var points = Enumerable.Range(0, count).Select(k => raw.At(k / (double)(count - 1))).ToList();
        var distance = Enumerable.Range(0, count).Select(k => raw.Length * k / (count - 1)).ToList();
        var energies = points.Select(p => GridSampling.Interpolate(grid, p)).ToList();
        return new EnergyPath(points, distance, energies, saddle);
    }

    /// <summary>
    /// The rectangular block of grid points (unwrapped indices) the search runs in. Energies are read from the grid
    /// when a search reaches a point (through the wrapped index of each row, column and layer), not copied for the
    /// whole block: the searches stop at the to-site and touch a fraction of a large block.
    /// <para>Nodes are numbered brick by brick (4×4×4 points a brick) so that the neighbours of a node keep their
    /// search state close together in memory; a node's number is the sum of one term per axis. The numbering is only a
    /// name: the searches meet neighbours in the order of <see cref="Neighbours"/> whatever the numbers are.</para>
    /// </summary>
    private sealed class Box
    {
        private const int Brick = 4, BrickBits = 2;

        private readonly int _i0, _j0, _k0;
        private readonly int _bricksJ, _bricksK;
        private readonly (int Di, int Dj, int Dk, double Step)[] _moves;
        private readonly EnergyGrid _grid;
        private readonly int[] _gridI, _gridJ, _gridK;   // flat grid index, per axis
        private readonly int[] _nodeI, _nodeJ, _nodeK;   // node number, per axis

        private Box(int i0, int j0, int k0, int ni, int nj, int nk, Lattice lattice, EnergyGrid grid)
        {
            _i0 = i0; _j0 = j0; _k0 = k0; Ni = ni; Nj = nj; Nk = nk;
            var moves = new List<(int, int, int, double)>();
            for (int di = -1; di <= 1; di++)
                for (int dj = -1; dj <= 1; dj++)
                    for (int dk = -1; dk <= 1; dk++)
                        if (di != 0 || dj != 0 || dk != 0)
                            moves.Add((di, dj, dk, lattice.ToCartesian(new Vec3(di / (double)grid.Na, dj / (double)grid.Nb, dk / (double)grid.Nc)).Norm));
            _moves = moves.ToArray();
            _grid = grid;
            _gridI = Wrapped(i0, ni, grid.Na, grid.Nb * grid.Nc);
            _gridJ = Wrapped(j0, nj, grid.Nb, grid.Nc);
            _gridK = Wrapped(k0, nk, grid.Nc, 1);
            int bricksI = Bricks(ni);
            _bricksJ = Bricks(nj); _bricksK = Bricks(nk);
            _nodeI = Numbers(ni, _bricksJ * _bricksK, Brick * Brick);
            _nodeJ = Numbers(nj, _bricksK, Brick);
            _nodeK = Numbers(nk, 1, 1);
            Count = bricksI * _bricksJ * _bricksK * Brick * Brick * Brick;
        }

        private static int Bricks(int n) => (n + Brick - 1) >> BrickBits;

        /// <summary>The flat-index contribution of each unwrapped index along one axis.</summary>
        private static int[] Wrapped(int first, int count, int n, int stride)
        {
            var result = new int[count];
            for (int x = 0; x < count; x++) result[x] = GridSampling.Mod(first + x, n) * stride;
            return result;
        }

        /// <summary>The node-number contribution of each box index along one axis: its brick's and its place in the brick.</summary>
        private static int[] Numbers(int count, int bricksAfter, int placesAfter)
        {
            var result = new int[count];
            for (int x = 0; x < count; x++)
                result[x] = (x >> BrickBits) * bricksAfter * (Brick * Brick * Brick) + (x & (Brick - 1)) * placesAfter;
            return result;
        }

        public int Ni { get; }
        public int Nj { get; }
        public int Nk { get; }

        /// <summary>Node numbers run from 0 to Count − 1 (the points of whole bricks, a few beyond the block's faces).</summary>
        public int Count { get; }

        public static Box Around(EnergyGrid grid, Vec3 from, Vec3 to, double margin)
        {
            var widths = grid.Lattice.PerpendicularWidths;
            int Pad(double width, int n) => (int)Math.Ceiling(margin / (width / n)) + 1;
            int[] n = { grid.Na, grid.Nb, grid.Nc };
            var lo = new int[3]; var size = new int[3];
            for (int ax = 0; ax < 3; ax++)
            {
                int pad = Pad(widths[ax], n[ax]);
                int a = (int)Math.Round(from[ax] * n[ax]), b = (int)Math.Round(to[ax] * n[ax]);
                lo[ax] = Math.Min(a, b) - pad;
                size[ax] = Math.Max(a, b) + pad - lo[ax] + 1;
            }
            if ((long)size[0] * size[1] * size[2] > MaxBoxPoints)
                throw new SearchBoxTooLargeException($"the hop needs a {size[0]}×{size[1]}×{size[2]} search box; use a coarser grid");
            return new Box(lo[0], lo[1], lo[2], size[0], size[1], size[2], grid.Lattice, grid);
        }

        public int Node((int I, int J, int K) p) => _nodeI[p.I - _i0] + _nodeJ[p.J - _j0] + _nodeK[p.K - _k0];

        public Vec3 Frac(EnergyGrid grid, int node)
        {
            var (i, j, k) = Indices(node);
            return new Vec3((i + _i0) / (double)grid.Na, (j + _j0) / (double)grid.Nb, (k + _k0) / (double)grid.Nc);
        }

        /// <summary>The grid energy at a node; a point that is not finite (on top of an atom) is never passed.</summary>
        public double Energy(int node)
        {
            var (i, j, k) = Indices(node);
            return Passable(_grid[_gridI[i] + _gridJ[j] + _gridK[k]]);
        }

        /// <summary>
        /// Writes the neighbours of a node inside the box (node, step length in Å, energy) and returns how many.
        /// Always in the same order, di, then dj, then dk from −1 to 1: the order in which a search meets them decides
        /// between paths of equal cost.
        /// </summary>
        public int Neighbours(int node, Neighbour[] into)
        {
            var (i, j, k) = Indices(node);
            return i > 0 && j > 0 && k > 0 && i < Ni - 1 && j < Nj - 1 && k < Nk - 1
                ? Inside(i, j, k, into)
                : OnFace(i, j, k, into);
        }

        /// <summary>All 26 neighbours of a node off the box's faces: three points of each of nine grid rows.</summary>
        private int Inside(int i, int j, int k, Neighbour[] into)
        {
            int gridBelow = _gridK[k - 1], gridHere = _gridK[k], gridAbove = _gridK[k + 1];
            int nodeBelow = _nodeK[k - 1], nodeHere = _nodeK[k], nodeAbove = _nodeK[k + 1];
            var moves = _moves;
            int count = 0;
            for (int di = -1; di <= 1; di++)
            {
                int gridPlane = _gridI[i + di], nodePlane = _nodeI[i + di];
                for (int dj = -1; dj <= 1; dj++)
                {
                    int row = gridPlane + _gridJ[j + dj], line = nodePlane + _nodeJ[j + dj];
                    into[count] = new Neighbour(line + nodeBelow, moves[count].Step, Passable(_grid[row + gridBelow]));
                    count++;
                    if (di != 0 || dj != 0)
                    {
                        into[count] = new Neighbour(line + nodeHere, moves[count].Step, Passable(_grid[row + gridHere]));
                        count++;
                    }
                    into[count] = new Neighbour(line + nodeAbove, moves[count].Step, Passable(_grid[row + gridAbove]));
                    count++;
                }
            }
            return count;
        }

        /// <summary>The neighbours of a node on a face of the box: those of the 26 moves that stay inside it.</summary>
        private int OnFace(int i, int j, int k, Neighbour[] into)
        {
            int count = 0;
            foreach (var (di, dj, dk, step) in _moves)
            {
                int a = i + di, b = j + dj, c = k + dk;
                if (a < 0 || b < 0 || c < 0 || a >= Ni || b >= Nj || c >= Nk) continue;
                double v = _grid[_gridI[a] + _gridJ[b] + _gridK[c]];
                into[count++] = new Neighbour(_nodeI[a] + _nodeJ[b] + _nodeK[c], step, Passable(v));
            }
            return count;
        }

        /// <summary>The box indices (i, j, k) of a node: its brick, then its place in the brick.</summary>
        private (int I, int J, int K) Indices(int node)
        {
            int brick = node >> (3 * BrickBits), place = node & (Brick * Brick * Brick - 1);
            int rest = brick / _bricksK, bi = rest / _bricksJ;
            int bj = rest - bi * _bricksJ, bk = brick - rest * _bricksK;
            return ((bi << BrickBits) + (place >> (2 * BrickBits)),
                    (bj << BrickBits) + ((place >> BrickBits) & (Brick - 1)),
                    (bk << BrickBits) + (place & (Brick - 1)));
        }

        private static double Passable(double energy) => double.IsFinite(energy) ? energy : double.PositiveInfinity;
    }

    /// <summary>A node next to the one a search stands on: its index in the box, the step to it (Å) and its energy.</summary>
    private readonly record struct Neighbour(int Node, double Step, double Energy);

    /// <summary>The lowest cost the refinement has found to a node so far, and the node it came from.</summary>
    private record struct BestStep(double Cost, int Previous);

    /// <summary>
    /// What the two searches keep per node, reused from hop to hop on each thread: a mark per node says whether the
    /// current search has reached it (<see cref="Seen"/>) or, in the refinement, finished it (<see cref="Done"/>), so
    /// nothing is cleared in between. Filling block-sized arrays for every search cost more than the searches, which
    /// stop at the to-site. Only the marks are cleared when allocated; a best step is read only where the node's mark
    /// says the current search wrote it, so a fresh process touches the pages of the points it searches, not of the
    /// whole block.
    /// </summary>
    private sealed class SearchSpace
    {
        /// <summary>Blocks up to this many points keep their arrays for the next hop (20 bytes a point); larger ones get their own.</summary>
        private const int KeptPoints = 1 << 20;

        [ThreadStatic] private static SearchSpace? _kept;

        private readonly int[] _marks;
        private readonly BestStep[] _best;

        /// <summary>Counts the searches; the marks of earlier ones are smaller than the current one's.</summary>
        private int _generation;

        private SearchSpace(int count)
        {
            _marks = new int[count];
            _best = GC.AllocateUninitializedArray<BestStep>(count);
        }

        /// <summary>The mark of a node the current search has reached (in the refinement: given a cost).</summary>
        public int Seen => 2 * _generation;

        /// <summary>The mark of a node the current refinement took from its queue for good.</summary>
        public int Done => 2 * _generation + 1;

        public NodeQueue Queue { get; } = new();

        public Stack<int> Stack { get; } = new();

        /// <summary>Room for the neighbours of one node.</summary>
        public Neighbour[] Neighbours { get; } = new Neighbour[26];

        public static SearchSpace For(int count)
        {
            if (count > KeptPoints) return new SearchSpace(count);
            if (_kept is null || _kept._marks.Length < count) _kept = new SearchSpace(Math.Max(count, Math.Min(KeptPoints, 2 * (_kept?._marks.Length ?? 0))));
            return _kept;
        }

        /// <summary>Starts a search: every node unreached, none done.</summary>
        public void Reset()
        {
            Queue.Clear();
            Stack.Clear();
            if (++_generation == int.MaxValue / 2)
            {
                Array.Clear(_marks);
                _generation = 1;
            }
        }

        /// <summary>Whether the flood has reached a node.</summary>
        public bool IsReached(int node) => _marks[node] == Seen;

        public void Reach(int node) => _marks[node] = Seen;

        /// <summary>A node's mark: <see cref="Seen"/> or <see cref="Done"/> when the current search wrote it.</summary>
        public ref int Mark(int node) => ref _marks[node];

        /// <summary>A node's best step in the refinement, valid where its <see cref="Mark"/> is <see cref="Seen"/> or <see cref="Done"/>.</summary>
        public ref BestStep Best(int node) => ref _best[node];

        /// <summary>Seeds the refinement at its start node: cost 0, no predecessor.</summary>
        public void Start(int node)
        {
            _marks[node] = Seen;
            _best[node] = new BestStep(0, -1);
        }

        /// <summary>The predecessor on the refinement's best path to a node; -1 for the start and nodes it never reached.</summary>
        public int Previous(int node) => _marks[node] >= Seen ? _best[node].Previous : -1;
    }
}
