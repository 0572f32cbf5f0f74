namespace BarrierNet.Tests.Fixtures;

/// <summary>Locations of the test fixtures copied next to the test assembly.</summary>
public static class FixturePaths
{
    public static string Get(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>Eight synthetic bands written by make_hop_fixtures.py (not taken from any dataset).</summary>
    public static string HopBands => Get("hop-bands.json");

    /// <summary>Brute-force reference descriptor values for <see cref="HopBands"/>, frozen by the same script.</summary>
    public static string HopOracle => Get("hop-oracle.json");
}
