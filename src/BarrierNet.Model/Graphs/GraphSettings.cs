namespace BarrierNet.Model.Graphs;

/// <summary>
/// How a crystal becomes a graph: each atom's <see cref="Neighbors"/> nearest neighbours within <see cref="Cutoff"/> Å
/// (ties kept, the cutoff widening when an atom has fewer), and, for the line graph, angles at atom b only between an
/// incoming bond a→b and b's <see cref="AnglesPerBond"/> shortest outgoing bonds (ties kept). Angles are the expensive
/// part of the network, so limiting them to the short, chemically meaningful bonds is the main speed lever;
/// 0 builds no line graph at all.
/// </summary>
internal sealed record GraphSettings(int Neighbors = 12, double Cutoff = 8.0, int AnglesPerBond = 3)
{
    public bool HasAngles => AnglesPerBond > 0;
}
