using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BarrierNet.Model.Layers;

/// <summary>
/// Edge-gated graph convolution (ALIGNN / Dwivedi–Bresson). For an edge i→j with node features h and edge features e:
/// m_ij = W_s h_i + W_d h_j + W_e e_ij, σ_ij = sigmoid(m_ij);
/// h_j' = h_j + SiLU(BN(U_self h_j + Σ_i σ_ij ⊙ U_nb h_i / (Σ_i σ_ij + 1e-6))); e_ij' = e_ij + SiLU(BN(m_ij)).
/// The gate lets each bond decide how much of its neighbour's message passes. Linear maps are applied to the N
/// nodes before gathering to the E edges (cheaper than after), and sums over incoming edges use index_add.
/// </summary>
internal sealed class EdgeGatedConv : nn.Module
{
    private readonly Linear srcGate, dstGate, edgeGate, srcUpdate, dstUpdate;
    private readonly BatchNorm1d nodeNorm;
    private readonly BatchNorm1d? edgeNorm;

    /// <param name="width">feature width of nodes and edges</param>
    /// <param name="updateEdges">false for a last layer whose edge output nobody reads: it then has no edge norm and
    /// returns the input edges, so that no parameter is left without gradient</param>
    public EdgeGatedConv(int width, bool updateEdges = true) : base(nameof(EdgeGatedConv))
    {
        srcGate = nn.Linear(width, width);
        dstGate = nn.Linear(width, width);
        edgeGate = nn.Linear(width, width);
        srcUpdate = nn.Linear(width, width);
        dstUpdate = nn.Linear(width, width);
        nodeNorm = nn.BatchNorm1d(width);
        if (updateEdges) edgeNorm = nn.BatchNorm1d(width);
        RegisterComponents();
    }

    public bool UpdatesEdges => edgeNorm is not null;

    /// <summary>Returns updated (node, edge) features; <paramref name="src"/>/<paramref name="dst"/> index the nodes of each edge.</summary>
    public (Tensor Nodes, Tensor Edges) Forward(Tensor h, Tensor e, Tensor src, Tensor dst)
    {
        using var scope = NewDisposeScope();
        var m = srcGate.forward(h).index_select(0, src) + dstGate.forward(h).index_select(0, dst) + edgeGate.forward(e);
        var sigma = sigmoid(m);
        var messages = sigma * srcUpdate.forward(h).index_select(0, src);
        // Scalars made explicitly and disposed here: TorchSharp 0.107 leaves an implicitly converted Scalar (the 1.0 in
        // index_add(…, 1.0)) to the finalizer, which can free it while libtorch still reads it. Long runs here died
        // of that ("Unknown scalar type", "INTERNAL ASSERT FAILED at Scalar.h"); every Scalar in the model is explicit.
        using var one = 1.0.ToScalar();
        using var eps = 1e-6.ToScalar();
        var num = zeros_like(h).index_add(0, dst, messages, one);
        var den = zeros_like(h).index_add(0, dst, sigma, one);
        var hNew = h + nn.functional.silu(nodeNorm.forward(dstUpdate.forward(h) + num / (den + eps)));
        var eNew = edgeNorm is null ? e.alias() : e + nn.functional.silu(edgeNorm.forward(m));
        return (hNew.MoveToOuterDisposeScope(), eNew.MoveToOuterDisposeScope());
    }
}
