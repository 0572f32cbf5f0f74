using BarrierNet.Model.Evaluation;
using BarrierNet.Model.Runtime;
using BarrierNet.Tests.Apps;
using Xunit;

namespace BarrierNet.Tests.Runtime;

public class VectorKernelsTests
{
    /// <summary>Loading a model to predict asks libtorch (through the C library's environment) for its AVX2 kernels, unless the user chose.</summary>
    [Fact]
    public void LoadingAModelAsksLibtorchForAvx2Kernels()
    {
        BarrierModelLoader.Load(LengthModel.Directory());
        if (System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture != System.Runtime.InteropServices.Architecture.X64) return;
        if (VectorKernels.Status == "left to the user's environment")
            Assert.False(string.IsNullOrEmpty(Environment.GetEnvironmentVariable(VectorKernels.Variable)));
        else
            Assert.Equal(VectorKernels.Avx2, NativeEnvironment.Get(VectorKernels.Variable));
    }
}
