using BarrierNet.Core.Landscape;
using Xunit;

namespace BarrierNet.Tests.Landscape;

/// <summary>
/// The path refinement breaks ties between paths of equal cost by the order its queue gives equal costs back, so its
/// own queue must give back exactly what .NET's PriorityQueue would, ties included.
/// </summary>
public class NodeQueueTests
{
    [Theory]
    [InlineData(1, 3)]      // few distinct costs: nearly everything ties
    [InlineData(2, 20)]
    [InlineData(3, 100000)]
    public void DequeuesInExactlyTheOrderOfPriorityQueue(int seed, int distinctCosts)
    {
        var random = new Random(seed);
        var queue = new NodeQueue();
        var reference = new PriorityQueue<int, double>();
        for (int round = 0; round < 3; round++)
        {
            queue.Clear(); reference.Clear();
            for (int step = 0; step < 20000; step++)
            {
                if (random.NextDouble() < 0.55)
                {
                    int node = random.Next(1000);
                    double cost = random.Next(distinctCosts) * 0.125;
                    queue.Enqueue(node, cost);
                    reference.Enqueue(node, cost);
                }
                else
                {
                    bool any = reference.TryDequeue(out int expectedNode, out double expectedCost);
                    Assert.Equal(any, queue.TryDequeue(out int node, out double cost));
                    Assert.Equal((expectedNode, expectedCost), (node, cost));
                }
                Assert.Equal(reference.Count, queue.Count);
            }
        }
    }
}
