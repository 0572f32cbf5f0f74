namespace BarrierNet.Core.Landscape;

/// <summary>
/// The min-queue of grid nodes the path searches use: the algorithm of .NET's <see cref="PriorityQueue{TElement, TPriority}"/>
/// (a quaternary heap that moves a hole rather than swapping pairs) for int nodes and double costs, without its
/// comparer and version bookkeeping. Nodes of equal cost come out in exactly the order <c>PriorityQueue&lt;int, double&gt;</c>
/// gives them, which decides between paths of equal cost; costs must not be NaN.
/// </summary>
internal sealed class NodeQueue
{
    private const int Log2Arity = 2, Arity = 1 << Log2Arity;

    private (int Node, double Cost)[] _heap = new (int, double)[256];
    private int _size;

    public int Count => _size;

    public void Clear() => _size = 0;

    public void Enqueue(int node, double cost)
    {
        if (_size == _heap.Length) Array.Resize(ref _heap, 2 * _heap.Length);
        MoveUp((node, cost), _size++);
    }

    public bool TryDequeue(out int node, out double cost)
    {
        if (_size == 0) { node = default; cost = default; return false; }
        (node, cost) = _heap[0];
        int last = --_size;
        if (last > 0) MoveDown(_heap[last], 0);
        return true;
    }

    private void MoveUp((int Node, double Cost) item, int hole)
    {
        var heap = _heap;
        while (hole > 0)
        {
            int parent = (hole - 1) >> Log2Arity;
            if (!(item.Cost < heap[parent].Cost)) break;
            heap[hole] = heap[parent];
            hole = parent;
        }
        heap[hole] = item;
    }

    private void MoveDown((int Node, double Cost) item, int hole)
    {
        var heap = _heap;
        int size = _size, first;
        while ((first = (hole << Log2Arity) + 1) < size)
        {
            int least = first;
            double leastCost = heap[first].Cost;
            for (int c = first + 1, end = Math.Min(first + Arity, size); c < end; c++)
                if (heap[c].Cost < leastCost) { least = c; leastCost = heap[c].Cost; }
            if (item.Cost <= leastCost) break;
            heap[hole] = heap[least];
            hole = least;
        }
        heap[hole] = item;
    }
}
