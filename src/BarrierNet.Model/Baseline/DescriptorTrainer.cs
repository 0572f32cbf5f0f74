using System.Text.Json.Serialization;

namespace BarrierNet.Model.Baseline;

/// <summary>The learner of a descriptor model (<see cref="DescriptorBaseline"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DescriptorTrainer>))]
internal enum DescriptorTrainer
{
    /// <summary>Gradient-boosted trees (ML.NET FastTree).</summary>
    [JsonStringEnumMemberName("fasttree")] FastTree,
    /// <summary>A random forest (ML.NET FastForest: bagged, fully grown trees, feature subsampling).</summary>
    [JsonStringEnumMemberName("fastforest")] FastForest,
    /// <summary>Extremely randomised trees (<see cref="ExtraTreesRegressor"/>).</summary>
    [JsonStringEnumMemberName("extratrees")] ExtraTrees,
    /// <summary>The mean of extra trees and Gaussian kernel ridge (<see cref="KernelRidgeRegressor"/>), in the fitted target's units.</summary>
    [JsonStringEnumMemberName("extratrees+kernel")] ExtraTreesKernel,
}
