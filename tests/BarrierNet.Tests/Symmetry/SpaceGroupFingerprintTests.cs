using BarrierNet.Core.Crystal;
using BarrierNet.Core.IO;
using BarrierNet.Core.Symmetry;
using Xunit;
using static BarrierNet.Tests.Symmetry.OperationTransforms;

namespace BarrierNet.Tests.Symmetry;

/// <summary>
/// The fingerprint computed on values (rotations compared entry by entry, axis vectors as tuples, glide kinds counted
/// before they are named) equals the first implementation's text, on the operations identification meets: the 230
/// standard settings, spglib's other settings, random cells and origins, and operations found from structures.
/// </summary>
public class SpaceGroupFingerprintTests
{
    [Fact]
    public void StandardSettingsGiveTheFirstImplementationsFingerprint()
    {
        foreach (var g in SpaceGroupTable.All)
        {
            Assert.Equal(ReferenceSpaceGroupFingerprint.Of(g.Operations, true, 1), SpaceGroupFingerprint.Of(g.Operations, true, 1));
            Assert.Equal(ReferenceSpaceGroupFingerprint.Of(g.Operations), SpaceGroupFingerprint.Of(g.Operations));
        }
    }

    [Fact]
    public void OtherSettingsAndRandomCellsGiveTheFirstImplementationsFingerprint()
    {
        foreach (var line in File.ReadAllLines(SpaceGroupIdentifierTests.FixturePath("symmetry", "hall_settings.tsv")))
        {
            var ops = line.Split('\t')[3].Split(';').Select(SymmetryOperation.Parse).ToList();
            Assert.Equal(ReferenceSpaceGroupFingerprint.Of(ops), SpaceGroupFingerprint.Of(ops));
        }
        var rng = new Random(7);
        foreach (var g in SpaceGroupTable.All)
        {
            var shift = new Vec3(rng.NextDouble(), rng.NextDouble(), rng.NextDouble());
            var right = Transform(g.Operations, RandomUnimodular(rng), shift);
            var left = Transform(g.Operations, RandomUnimodular(rng, -1), shift);
            Assert.Equal(ReferenceSpaceGroupFingerprint.Of(right), SpaceGroupFingerprint.Of(right));
            Assert.Equal(ReferenceSpaceGroupFingerprint.Of(left, false), SpaceGroupFingerprint.Of(left, false));
        }
    }

    [Fact]
    public void OperationsFoundFromTheExamplesGiveTheFirstImplementationsFingerprint()
    {
        var files = Directory.GetFiles(RepoPaths.Examples, "*.cif")
            .Concat(Directory.GetFiles(SpaceGroupIdentifierTests.FixturePath("disordered"), "*.cif")).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var ops = SymmetryFinder.FindOperations(StructureReader.Read(file));
            Assert.Equal(ReferenceSpaceGroupFingerprint.Of(ops), SpaceGroupFingerprint.Of(ops));
        }
    }
}
