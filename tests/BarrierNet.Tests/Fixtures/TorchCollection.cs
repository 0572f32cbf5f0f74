using Xunit;

namespace BarrierNet.Tests.Fixtures;

/// <summary>
/// Tests that seed torch's global random generator must not run concurrently with each other, or a model
/// initialised in one test would draw from a generator another test is using.
/// </summary>
[CollectionDefinition("torch", DisableParallelization = true)]
public sealed class TorchCollection;
