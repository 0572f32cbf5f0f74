using System.Text.Json.Nodes;
using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.IO;

/// <summary>
/// Writes pymatgen's <c>Structure.as_dict()</c> form (readable by <c>Structure.from_dict</c>); sites at one position
/// become one pymatgen site with several species, which is how pymatgen stores partial occupancy.
/// </summary>
public static class PymatgenDictWriter
{
    /// <summary>The structure as a pymatgen structure dict.</summary>
    /// <param name="s">The structure.</param>
    /// <returns>The JSON object (lattice in Å, fractional <c>abc</c>, Cartesian <c>xyz</c>).</returns>
    public static JsonObject Write(Structure s)
    {
        var m = s.Lattice.Matrix;
        var matrix = new JsonArray();
        for (int i = 0; i < 3; i++) matrix.Add((JsonNode)new JsonArray(m[i, 0], m[i, 1], m[i, 2]));
        var (a, b, c) = s.Lattice.Lengths;
        var (al, be, ga) = s.Lattice.Angles;
        var sites = new JsonArray();
        foreach (var group in SitePositions.Group(s))
        {
            var first = s.Sites[group[0]];
            var species = new JsonArray();
            foreach (int i in group)
            {
                var site = s.Sites[i];
                var sp = new JsonObject { ["element"] = site.Element, ["occu"] = site.Occupancy };
                if (site.OxidationState is double ox) sp["oxidation_state"] = ox;
                species.Add((JsonNode)sp);
            }
            var xyz = s.Lattice.ToCartesian(first.Frac);
            var entry = new JsonObject
            {
                ["species"] = species,
                ["abc"] = new JsonArray(first.Frac.X, first.Frac.Y, first.Frac.Z),
                ["xyz"] = new JsonArray(xyz.X, xyz.Y, xyz.Z),
                ["label"] = first.Label ?? first.Element,
                ["properties"] = new JsonObject(),
            };
            sites.Add((JsonNode)entry);
        }
        return new JsonObject
        {
            ["@module"] = "pymatgen.core.structure",
            ["@class"] = "Structure",
            ["charge"] = 0,
            ["lattice"] = new JsonObject
            {
                ["matrix"] = matrix,
                ["pbc"] = new JsonArray(true, true, true),
                ["a"] = a, ["b"] = b, ["c"] = c, ["alpha"] = al, ["beta"] = be, ["gamma"] = ga,
                ["volume"] = s.Lattice.Volume,
            },
            ["sites"] = sites,
        };
    }
}
