using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace BarrierNet.Core.Landscape;

/// <summary>
/// The min-queue of grid nodes the path searches use: the algorithm of .NET's <see cref="PriorityQueue{TElement, TPriority}"/>
/// (a quaternary heap that moves a hole rather than swapping pairs) for int nodes and double costs, without its
/// comparer and version bookkeeping. Nodes of equal cost come out in exactly the order <c>PriorityQueue&lt;int, double&gt;</c>
/// gives them, which decides between paths of equal cost; costs must not be NaN. Costs and nodes are kept in separate
/// arrays: moving a hole down compares the costs of four children, which then lie side by side.
/// </summary>
internal sealed class NodeQueue
{
    private const int Log2Arity = 2, Arity = 1 << Log2Arity;

    private double[] _costs = new double[256];
    private int[] _nodes = new int[256];
    private int _size;

    public int Count => _size;

    public void Clear() => _size = 0;

    public void Enqueue(int node, double cost)
    {
        if (_size == _costs.Length)
        {
            Array.Resize(ref _costs, 2 * _costs.Length);
            Array.Resize(ref _nodes, 2 * _nodes.Length);
        }
        MoveUp(node, cost, _size++);
    }

    public bool TryDequeue(out int node, out double cost)
    {
        if (_size == 0) { node = default; cost = default; return false; }
        node = _nodes[0];
        cost = _costs[0];
        int last = --_size;
        if (last > 0) MoveDown(_nodes[last], _costs[last], 0);
        return true;
    }

    private void MoveUp(int node, double cost, int hole)
    {
        var costs = _costs;
        var nodes = _nodes;
        while (hole > 0)
        {
            int parent = (hole - 1) >> Log2Arity;
            if (!(cost < costs[parent])) break;
            costs[hole] = costs[parent];
            nodes[hole] = nodes[parent];
            hole = parent;
        }
        costs[hole] = cost;
        nodes[hole] = node;
    }

    private void MoveDown(int node, double cost, int hole)
    {
        var costs = _costs;
        var nodes = _nodes;
        int size = _size, first;
        while ((first = (hole << Log2Arity) + 1) < size)
        {
            int least = first + Arity <= size ? LeastOfFour(costs, first) : LeastOfFew(costs, first, size);
            double leastCost = costs[least];
            if (cost <= leastCost) break;
            costs[hole] = leastCost;
            nodes[hole] = nodes[least];
            hole = least;
        }
        costs[hole] = cost;
        nodes[hole] = node;
    }

    /// <summary>The first of the children from <paramref name="first"/> up to <paramref name="end"/> with the least cost, as PriorityQueue picks it.</summary>
    private static int LeastOfFew(double[] costs, int first, int end)
    {
        int least = first;
        for (int c = first + 1; c < end; c++)
            if (costs[c] < costs[least]) least = c;
        return least;
    }

    /// <summary>
    /// <see cref="LeastOfFew"/> of four children, without a branch per child where the processor has AVX2: the least
    /// cost is spread to all four lanes and the first lane equal to it is taken (the costs are never NaN).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LeastOfFour(double[] costs, int first)
    {
        if (!Avx2.IsSupported) return LeastOfFew(costs, first, first + Arity);
        var four = Vector256.Create(costs.AsSpan(first, Arity));
        var pairs = Avx.Min(four, Avx.Permute(four, 0b0101));
        var least = Avx.Min(pairs, Avx2.Permute4x64(pairs, 0b0100_1110));
        return first + BitOperations.TrailingZeroCount(Vector256.Equals(four, least).ExtractMostSignificantBits());
    }
}
