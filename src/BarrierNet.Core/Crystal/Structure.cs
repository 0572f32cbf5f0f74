using System.Globalization;
using System.Text;

namespace BarrierNet.Core.Crystal;

/// <summary>
/// A periodic crystal: a lattice and its sites, immutable. Partial occupancies are kept as read;
/// consumers that need an ordered structure apply an explicit policy (see Migration.DisorderPolicy).
/// </summary>
public sealed class Structure
{
    /// <summary>A structure from a lattice and its sites (sites are not copied; do not change the list afterwards).</summary>
    /// <param name="lattice">The periodic cell.</param>
    /// <param name="sites">The sites, in fractional coordinates of <paramref name="lattice"/>.</param>
    /// <param name="symmetryOperations">Operations the source file listed, already applied to <paramref name="sites"/>; null for none.</param>
    /// <param name="name">A label for reports (e.g. the file name), or null.</param>
    public Structure(Lattice lattice, IReadOnlyList<Site> sites, IReadOnlyList<SymmetryOperation>? symmetryOperations = null, string? name = null)
    {
        Lattice = lattice;
        Sites = sites;
        SymmetryOperations = symmetryOperations ?? Array.Empty<SymmetryOperation>();
        Name = name;
    }

    /// <summary>The periodic cell.</summary>
    public Lattice Lattice { get; }
    /// <summary>Every site of the cell, in fractional coordinates; a mixed site is several entries at one position.</summary>
    public IReadOnlyList<Site> Sites { get; }

    /// <summary>Operations the source file listed (empty when it listed none); already applied to <see cref="Sites"/>.</summary>
    public IReadOnlyList<SymmetryOperation> SymmetryOperations { get; }
    /// <summary>A label for reports (the file name or material id), or null.</summary>
    public string? Name { get; }

    /// <summary>Number of site entries (a mixed site counts once per species).</summary>
    public int Count => Sites.Count;
    /// <summary>Site entry <paramref name="i"/>.</summary>
    /// <param name="i">Index into <see cref="Sites"/>.</param>
    /// <returns>The site.</returns>
    public Site this[int i] => Sites[i];

    /// <summary>Cartesian position of a site.</summary>
    /// <param name="i">Index into <see cref="Sites"/>.</param>
    /// <returns>Cartesian coordinates, Å.</returns>
    public Vec3 CartesianOf(int i) => Lattice.ToCartesian(Sites[i].Frac);

    /// <summary>True when every site is fully occupied.</summary>
    public bool IsOrdered => Sites.All(s => s.IsOrdered);

    /// <summary>Element amounts, summing occupancies, in order of first appearance.</summary>
    public IReadOnlyList<(string Element, double Amount)> Composition
    {
        get
        {
            var order = new List<string>();
            var amounts = new Dictionary<string, double>();
            foreach (var s in Sites)
            {
                if (!amounts.ContainsKey(s.Element)) { order.Add(s.Element); amounts[s.Element] = 0; }
                amounts[s.Element] += s.Occupancy;
            }
            return order.Select(e => (e, amounts[e])).ToList();
        }
    }

    /// <summary>Formula in pymatgen's style: elements by electronegativity, e.g. "Li4 Fe4 P4 O16".</summary>
    public string Formula => FormatFormula(SortedComposition(), " ");

    /// <summary>Reduced formula, e.g. "LiFePO4" (divided by the greatest common divisor when amounts are integers).</summary>
    public string ReducedFormula
    {
        get
        {
            var comp = SortedComposition();
            if (comp.All(c => Math.Abs(c.Amount - Math.Round(c.Amount)) < 1e-4))
            {
                long g = 0;
                foreach (var c in comp) g = Gcd(g, (long)Math.Round(c.Amount));
                if (g > 1) comp = comp.Select(c => (c.Element, c.Amount / g)).ToList();
            }
            return FormatFormula(comp, "");
        }
    }

    /// <summary>Mass density in g/cm³, weighting each site by its occupancy.</summary>
    public double Density
    {
        get
        {
            double mass = Sites.Sum(s => Elements.BySymbol(s.Element).Mass * s.Occupancy);
            return mass / Lattice.Volume * 1.66053906660; // amu/Å^3 → g/cm^3
        }
    }

    /// <summary>The same lattice, symmetry operations and name with other sites.</summary>
    /// <param name="sites">The new sites, fractional coordinates.</param>
    /// <returns>A new structure.</returns>
    public Structure WithSites(IReadOnlyList<Site> sites) => new(Lattice, sites, SymmetryOperations, Name);
    /// <summary>The same structure under another name.</summary>
    /// <param name="name">The new name, or null.</param>
    /// <returns>A new structure.</returns>
    public Structure WithName(string? name) => new(Lattice, Sites, SymmetryOperations, name);

    private List<(string Element, double Amount)> SortedComposition() =>
        Composition.OrderBy(c => Elements.BySymbol(c.Element).Electronegativity ?? double.PositiveInfinity)
                   .ThenBy(c => c.Element, StringComparer.Ordinal).ToList();

    private static string FormatFormula(IEnumerable<(string Element, double Amount)> comp, string sep)
    {
        var sb = new StringBuilder();
        foreach (var (el, amt) in comp)
        {
            if (sb.Length > 0) sb.Append(sep);
            sb.Append(el);
            if (sep.Length > 0 || Math.Abs(amt - 1) > 1e-6)
                sb.Append(Math.Abs(amt - Math.Round(amt)) < 1e-6
                    ? ((long)Math.Round(amt)).ToString(CultureInfo.InvariantCulture)
                    : amt.ToString("0.####", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}
