using BarrierNet.Core.Crystal;
using BarrierNet.Core.Landscape;

namespace BarrierNet.Tests.Landscape;

/// <summary>
/// The minimum-energy path search as first written (every point of the search box read into arrays cleared for each
/// hop, neighbours from an iterator): the reference that MinimumEnergyPath, which reads energies as it goes and reuses
/// its arrays, must match point for point.
/// </summary>
internal static class ReferenceMinimumEnergyPath
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
        double[] energy = box.Energies(grid);

        double saddle = Minimax(box, energy, start, end);
        double low = Math.Min(energy[start], energy[end]);
        var nodes = ValleyFloor(box, energy, start, end, saddle, low);

        var polyline = nodes.Select(n => box.Frac(grid, n)).ToList();
        polyline[0] = from;
        polyline[^1] = to;
        return Resample(grid, Smooth(polyline), points, saddle);
    }

    private static (int, int, int) Snap(EnergyGrid grid, Vec3 f) =>
        ((int)Math.Round(f.X * grid.Na), (int)Math.Round(f.Y * grid.Nb), (int)Math.Round(f.Z * grid.Nc));

    /// <summary>Lowest possible highest energy on a path from start to end (bottleneck Dijkstra).</summary>
    private static double Minimax(Box box, double[] energy, int start, int end)
    {
        var best = new double[box.Count];
        Array.Fill(best, double.PositiveInfinity);
        var done = new bool[box.Count];
        var queue = new PriorityQueue<int, double>();
        best[start] = energy[start];
        queue.Enqueue(start, best[start]);
        while (queue.TryDequeue(out int u, out double level))
        {
            if (done[u]) continue;
            done[u] = true;
            if (u == end) return level;
            foreach (var (v, _) in box.Neighbours(u))
            {
                double reach = Math.Max(level, energy[v]);
                if (reach < best[v]) { best[v] = reach; queue.Enqueue(v, reach); }
            }
        }
        throw new InvalidOperationException("no path between the two sites inside the search box (energies not finite)");
    }

    /// <summary>Least energy-weighted path from start to end through points no higher than the saddle.</summary>
    private static List<int> ValleyFloor(Box box, double[] energy, int start, int end, double saddle, double low)
    {
        double span = Math.Max(saddle - low, 1e-6);
        var cost = new double[box.Count];
        Array.Fill(cost, double.PositiveInfinity);
        var previous = new int[box.Count];
        var done = new bool[box.Count];
        var queue = new PriorityQueue<int, double>();
        cost[start] = 0;
        previous[start] = -1;
        queue.Enqueue(start, 0);
        while (queue.TryDequeue(out int u, out double c))
        {
            if (done[u]) continue;
            done[u] = true;
            if (u == end) break;
            foreach (var (v, step) in box.Neighbours(u))
            {
                if (energy[v] > saddle + 1e-9 || done[v]) continue;
                double next = c + step * (FloorWeight + Math.Max(0, energy[v] - low) / span);
                if (next < cost[v]) { cost[v] = next; previous[v] = u; queue.Enqueue(v, next); }
            }
        }
        var path = new List<int>();
        for (int n = end; n >= 0; n = previous[n]) path.Add(n);
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

    /// <summary>The rectangular block of grid points (unwrapped indices) the search runs in.</summary>
    private sealed class Box
    {
        private readonly int _i0, _j0, _k0;
        private readonly (int Di, int Dj, int Dk, double Step)[] _moves;

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
        }

        public int Ni { get; }
        public int Nj { get; }
        public int Nk { get; }
        public int Count => Ni * Nj * Nk;

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
                throw new ArgumentException($"the hop needs a {size[0]}×{size[1]}×{size[2]} search box; use a coarser grid");
            return new Box(lo[0], lo[1], lo[2], size[0], size[1], size[2], grid.Lattice, grid);
        }

        public int Node((int I, int J, int K) p) => ((p.I - _i0) * Nj + (p.J - _j0)) * Nk + (p.K - _k0);

        public Vec3 Frac(EnergyGrid grid, int node)
        {
            int k = node % Nk, rest = node / Nk, j = rest % Nj, i = rest / Nj;
            return new Vec3((i + _i0) / (double)grid.Na, (j + _j0) / (double)grid.Nb, (k + _k0) / (double)grid.Nc);
        }

        public double[] Energies(EnergyGrid grid)
        {
            var e = new double[Count];
            for (int i = 0; i < Ni; i++)
                for (int j = 0; j < Nj; j++)
                    for (int k = 0; k < Nk; k++)
                    {
                        double v = GridSampling.At(grid, i + _i0, j + _j0, k + _k0);
                        e[(i * Nj + j) * Nk + k] = double.IsFinite(v) ? v : double.PositiveInfinity;
                    }
            return e;
        }

        public IEnumerable<(int Node, double Step)> Neighbours(int node)
        {
            int k = node % Nk, rest = node / Nk, j = rest % Nj, i = rest / Nj;
            foreach (var (di, dj, dk, step) in _moves)
            {
                int a = i + di, b = j + dj, c = k + dk;
                if (a < 0 || b < 0 || c < 0 || a >= Ni || b >= Nj || c >= Nk) continue;
                yield return (((a * Nj) + b) * Nk + c, step);
            }
        }
    }
}
