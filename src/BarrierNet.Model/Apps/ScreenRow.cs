using CsvHelper.Configuration.Attributes;

namespace BarrierNet.Model.Apps;

/// <summary>One material's line in the `screen` CSV. The column names are an interface other programs read: add, never rename.</summary>
public sealed class ScreenRow
{
    [Name("material_id")] public string MaterialId { get; set; } = "";
    [Name("formula")] public string Formula { get; set; } = "";
    [Name("ion")] public string Ion { get; set; } = "";
    [Name("n_hops")] public int HopCount { get; set; }
    [Name("min_barrier")] public double MinBarrier { get; set; }
    [Name("percolation_1d")] public double? Percolation1D { get; set; }
    [Name("percolation_2d")] public double? Percolation2D { get; set; }
    [Name("percolation_3d")] public double? Percolation3D { get; set; }
    [Name("uncertainty")] public double? Uncertainty { get; set; }
    [Name("class")] public string Class { get; set; } = "";
}

/// <summary>A document of the dump that could not be scored: `line`, `material_id` when readable, `reason`.</summary>
public sealed class ScreenError
{
    [Name("line")] public long Line { get; set; }
    [Name("material_id")] public string? MaterialId { get; set; }
    [Name("reason")] public string Reason { get; set; } = "";
}
