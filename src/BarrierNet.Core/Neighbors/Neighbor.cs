using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Neighbors;

/// <summary>
/// Atom <see cref="Index"/> in periodic image <see cref="Image"/> as seen from atom <see cref="Center"/>:
/// <see cref="Vector"/> = (f_index + image − f_center)·L in Å.
/// </summary>
internal readonly record struct Neighbor(int Center, int Index, (int A, int B, int C) Image, Vec3 Vector, double Distance);
