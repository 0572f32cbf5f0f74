namespace BarrierNet.Core.Migration;

/// <summary>The initial path of written NEB images: the straight line, or the hop's minimum-energy path on the landscape.</summary>
internal enum NebPath
{
    Straight,
    Landscape,
}
