using BarrierNet.Core.Migration;

namespace BarrierNet.Core.Pretraining;

/// <summary>
/// One hop labelled for migration pretraining: its band (atoms 0–4 the ion's images on the straight line, then the
/// host lacking the ion at both ends, as the DFT training bands) and the BVSE barrier (eV) along its minimum-energy
/// path on the bond-valence landscape, the same number `hops` reports as `bvse_barrier`.
/// </summary>
internal sealed record LabelledHop(int HopIndex, double Length, double BvseBarrier, Band Band);
