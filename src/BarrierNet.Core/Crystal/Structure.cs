using System.Globalization;
using System.Text;

namespace BarrierNet.Core.Crystal;

/// <summary>
/// A periodic crystal: a lattice and its sites, immutable. Partial occupancies are kept as read;
/// consumers that need an ordered structure apply an explicit policy (see Migration.DisorderPolicy).
/// </summary>
public sealed class Structure
{
    public Structure(Lattice lattice, IReadOnlyList<Site> sites, IReadOnlyList<SymmetryOperation>? symmetryOperations = null, string? name = null)
    {
        Lattice = lattice;
        Sites = sites;
        SymmetryOperations = symmetryOperations ?? Array.Empty<SymmetryOperation>();
        Name = name;
    }

    public Lattice Lattice { get; }
    public IReadOnlyList<Site> Sites { get; }

    /// <summary>Operations the source file listed (empty when it listed none); already applied to <see cref="Sites"/>.</summary>
    public IReadOnlyList<SymmetryOperation> SymmetryOperations { get; }
    public string? Name { get; }

    public int Count => Sites.Count;
    public Site this[int i] => Sites[i];

    public Vec3 CartesianOf(int i) => Lattice.ToCartesian(Sites[i].Frac);

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

    public Structure WithSites(IReadOnlyList<Site> sites) => new(Lattice, sites, SymmetryOperations, Name);
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
