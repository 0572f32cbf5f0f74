using System.Text.Json.Serialization;

namespace BarrierNet.Model.Evaluation;

/// <summary>
/// One out-of-fold residual to calibrate on: the prediction and uncertainty of a model that did not train on the hop,
/// the hop's ion and DFT barrier, the cross-validation it came from (e.g. "system+family" or "random" folds) and the
/// hop's name (sys_name), which keeps a hop's residuals from several splits together when they are cross-fitted, and
/// whether the model that predicted it had trained on a hop of the same host (<see cref="TrainingHosts"/>).
/// </summary>
internal sealed record CalibrationResidual(double Prediction, double Sigma, string Ion, double Target, string Source, string Hop = "", bool Familiar = false);

/// <summary>
/// A 90% interval that holds per barrier range, per ion and per kind of split, not only on average.
/// <para>One scale for all hops (<see cref="IntervalCalibration"/>) covers 90% of the pool but not of its parts: high
/// barriers are under-predicted and their intervals too narrow, low ones too wide; and on a random split, where a
/// sibling hop of the same system is in training, the kernels' posterior shrinks while the errors do not. Here the
/// interval is [ŷ − L·d, ŷ + U·d] with difficulty d = √(max(σ, floor)² + τ²) (τ keeps familiar-looking hops from
/// claiming near-zero width), and the lower and upper scales L and U are products of one factor per group the hop
/// belongs to: its predicted-barrier bin (<see cref="PredictedBins"/>: by default quintiles of the calibration
/// predictions, Mondrian bins) and its ion (ions with too few residuals get factor 1). The factors are
/// raked: each in turn is set to the empirical quantile, within its group, of the scores the other factors leave, until
/// they settle, so every group reaches the level on each side. A third factor tells familiar hops (a hop of the same
/// host was in training, as for about half the hops of a random split) from novel ones (a grouped split, a new
/// material): the kernels' σ shrinks on familiar hops more than their errors do. With it, the residuals of several
/// splits (grouped and random folds) are one sample per group, the factor carrying what tells the splits apart;
/// without it, each factor takes the largest quantile over the splits, so the interval holds under both but every
/// hop gets the wider split's reach.</para>
/// <para>Fit once on out-of-fold residuals, store as model.json's conditional_calibration section
/// (<see cref="ModelManifest.ConditionalCalibration"/>), apply to any prediction with its σ and ion.</para>
/// </summary>
internal sealed record ConditionalCalibration
{
    /// <summary>Ranges of the predicted barrier (eV) of a calibration that does not name its own: below 0.65 (good conductors), to 1.5, above.</summary>
    public static readonly IReadOnlyList<double> DefaultRangeEdges = PredictedBinEdges.Thresholds;
    /// <summary>Ions with fewer residuals than this (over all splits) keep factor 1: too few to estimate a 95% quantile.</summary>
    public const int DefaultMinIonResiduals = 20;
    /// <summary>
    /// A group with fewer residuals than this in a split: a predicted-barrier range takes that split's overall
    /// quantile there, an ion leaves that split out of its factor.
    /// </summary>
    public const int MinGroupResiduals = 10;
    /// <summary>Raking passes; the factors settle within a few (checked by a test).</summary>
    public const int Passes = 50;

    [JsonPropertyName("method")] public string Method { get; init; } = "raked-conformal";
    [JsonPropertyName("level")] public double Level { get; init; }
    /// <summary>Smallest σ used (eV), as in <see cref="IntervalCalibration"/>.</summary>
    [JsonPropertyName("sigma_floor")] public double SigmaFloor { get; init; }
    /// <summary>τ (eV) in the difficulty √(σ² + τ²).</summary>
    [JsonPropertyName("tau")] public double Tau { get; init; }
    /// <summary>The lower and upper multipliers already applied to <see cref="Ranges"/> (see <see cref="Fit"/>).</summary>
    [JsonPropertyName("multiplier")] public Factor Multiplier { get; init; } = new(1, 1, 0);
    /// <summary>How <see cref="RangeEdges"/> were chosen; calibrations written before the choice existed used the thresholds.</summary>
    [JsonPropertyName("bins")] public PredictedBins Bins { get; init; } = PredictedBins.Thresholds;
    /// <summary>Upper edges of the predicted-barrier ranges (eV); the last range is open.</summary>
    [JsonPropertyName("range_edges")] public IReadOnlyList<double> RangeEdges { get; init; } = DefaultRangeEdges;
    /// <summary>(lower, upper) scale of each predicted-barrier range.</summary>
    [JsonPropertyName("ranges")] public IReadOnlyList<Factor> Ranges { get; init; } = Array.Empty<Factor>();
    /// <summary>(lower, upper) factor of each ion with enough residuals; other ions 1.</summary>
    [JsonPropertyName("ions")] public IReadOnlyDictionary<string, Factor> Ions { get; init; } = new SortedDictionary<string, Factor>();
    /// <summary>
    /// (lower, upper) factor of familiar and of novel hops (<see cref="TrainingHosts"/>); absent when fitted without
    /// the distinction, and then every hop is scaled alike.
    /// </summary>
    [JsonPropertyName("familiarity")] public FamiliarityFactors? Familiarity { get; init; }
    /// <summary>Residuals per split the factors were fitted on.</summary>
    [JsonPropertyName("sources")] public IReadOnlyDictionary<string, int> Sources { get; init; } = new SortedDictionary<string, int>();

    /// <summary>A group's multipliers of d below and above the prediction, and the residuals it was fitted on.</summary>
    public sealed record Factor(
        [property: JsonPropertyName("lower")] double Lower,
        [property: JsonPropertyName("upper")] double Upper,
        [property: JsonPropertyName("n")] int N);

    /// <summary>The factors of hops whose host was in training and of hops whose host was not.</summary>
    public sealed record FamiliarityFactors(
        [property: JsonPropertyName("familiar")] Factor Familiar,
        [property: JsonPropertyName("novel")] Factor Novel);

    /// <summary>The candidates for τ (eV): the fit keeps the one with the narrowest mean interval.</summary>
    public static readonly IReadOnlyList<double> TauGrid = new[] { 0.0, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2 };

    /// <summary>
    /// Fits the factors for each τ of <see cref="TauGrid"/> (or the one given), then scales the upper and the lower
    /// sides by the smallest multipliers with which every judged group of every split still reaches the level — each
    /// barrier range of the DFT target and each ion with at least <see cref="ConditionalMetrics.MinJudged"/> hops —
    /// and keeps the narrowest. Raking alone over-covers (each side of each group is held to half the miss rate, and
    /// the largest factor over the splits is kept); the multipliers take that back as far as the worst group allows,
    /// or widen where the factors, which see only predicted ranges (the target is unknown when predicting), leave the
    /// under-predicted high barriers short.
    /// </summary>
    /// <param name="bins">How the predicted barrier is binned when <paramref name="rangeEdges"/> is not given: the edges
    /// are then computed from these residuals' predictions.</param>
    /// <param name="byFamiliarity">Fit a familiarity factor when both familiar and novel residuals are at hand (at least
    /// <see cref="MinGroupResiduals"/> of each); false scales every hop alike.</param>
    public static ConditionalCalibration Fit(IReadOnlyList<CalibrationResidual> residuals, double level = 0.9, double sigmaFloor = 0.02,
        double? tau = null, IReadOnlyList<double>? rangeEdges = null, int minIonResiduals = DefaultMinIonResiduals, bool byFamiliarity = true,
        PredictedBins bins = PredictedBins.Quintiles)
    {
        if (residuals.Count < 10) throw new ArgumentException("at least 10 out-of-fold residuals are needed to calibrate intervals");
        if (!(level > 0 && level < 1)) throw new ArgumentException("level must lie in (0, 1)");
        foreach (var r in residuals)
            if (!double.IsFinite(r.Prediction) || !double.IsFinite(r.Sigma) || !double.IsFinite(r.Target))
                throw new ArgumentException("every residual needs a finite prediction, uncertainty and target");
        var edges = rangeEdges ?? PredictedBinEdges.Of(bins, residuals.Select(r => r.Prediction));
        var candidates = tau is double t ? new[] { t } : TauGrid;
        bool familiarity = byFamiliarity && residuals.Count(r => r.Familiar) >= MinGroupResiduals && residuals.Count(r => !r.Familiar) >= MinGroupResiduals;
        var fits = candidates.Select(c => Shrink(FitAt(residuals, level, sigmaFloor, c, edges, minIonResiduals, familiarity) with { Bins = bins }, residuals))
            .Select(c => (Calibration: c, Worst: c.WorstJudgedCoverage(residuals),
                Width: residuals.Average(r => { var (lo, hi) = c.Interval(r.Prediction, r.Sigma, r.Ion, r.Familiar); return hi - lo; }))).ToList();
        var holding = fits.Where(f => f.Worst >= level).ToList();
        return holding.Count > 0 ? holding.MinBy(f => f.Width).Calibration : fits.MaxBy(f => f.Worst).Calibration;
    }

    /// <summary>
    /// Multipliers of the range factors' upper and then lower sides: each the smallest in [0.25, 4] (bisection to 0.1%)
    /// that keeps every judged group at the level. The upper side first: the under-predicted high barriers need its
    /// reach, and the lower side then gives back what they did not need.
    /// </summary>
    private static ConditionalCalibration Shrink(ConditionalCalibration c, IReadOnlyList<CalibrationResidual> residuals)
    {
        ConditionalCalibration Scaled(double lower, double upper) => c with
        {
            Multiplier = new Factor(lower, upper, 0),
            Ranges = c.Ranges.Select(f => f with { Lower = f.Lower * lower, Upper = f.Upper * upper }).ToList(),
        };
        double Smallest(Func<double, ConditionalCalibration> scaled)
        {
            double lo = 0.25, hi = 4;
            if (scaled(hi).WorstJudgedCoverage(residuals) < c.Level) return hi;
            while (hi - lo > 1e-3)
            {
                double mid = 0.5 * (lo + hi);
                if (scaled(mid).WorstJudgedCoverage(residuals) >= c.Level) hi = mid; else lo = mid;
            }
            return hi;
        }
        double up = Smallest(m => Scaled(1, m));
        double down = Smallest(m => Scaled(m, up));
        return Scaled(down, up);
    }

    /// <summary>
    /// The lowest coverage over the judged groups (<see cref="ConditionalMetrics"/>, n ≥ 30) of each split: barrier
    /// ranges and ions. Familiar and novel hops are reported, not judged: the target is each split as a whole.
    /// </summary>
    public double WorstJudgedCoverage(IReadOnlyList<CalibrationResidual> residuals) => residuals.GroupBy(r => r.Source).Min(s =>
    {
        var rs = s.ToList();
        var rows = ConditionalMetrics.Compute(rs.Select(r => r.Target).ToList(), rs.Select(r => Predict(r.Prediction, r.Sigma, r.Ion, r.Familiar)).ToList(),
            rs.Select(r => r.Ion).ToList());
        return rows.Where(g => g.N >= ConditionalMetrics.MinJudged && g.Group != ConditionalMetrics.FamiliarityGroup)
            .Select(g => g.Coverage90!.Value).DefaultIfEmpty(1).Min();
    });

    private static ConditionalCalibration FitAt(IReadOnlyList<CalibrationResidual> residuals, double level, double sigmaFloor, double tau,
        IReadOnlyList<double> edges, int minIonResiduals, bool byFamiliarity)
    {
        var sources = residuals.GroupBy(r => r.Source).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        // An ion gets its own factor when the splits together have enough of its hops to estimate the quantile.
        var ions = residuals.GroupBy(r => r.Ion).Where(g => g.Count() >= minIonResiduals && sources.Values.Any(s => s.Count(r => r.Ion == g.Key) >= MinGroupResiduals))
            .Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
        double Difficulty(CalibrationResidual r) => Math.Sqrt(Math.Pow(Math.Max(r.Sigma, sigmaFloor), 2) + tau * tau);
        int Range(CalibrationResidual r) => RangeOf(r.Prediction, edges);
        var range = new (double Lo, double Hi)[edges.Count + 1];
        Array.Fill(range, (1.0, 1.0));
        var ion = ions.ToDictionary(i => i, _ => (Lo: 1.0, Hi: 1.0), StringComparer.Ordinal);
        (double Lo, double Hi) IonFactor(CalibrationResidual r) => ion.TryGetValue(r.Ion, out var f) ? f : (1, 1);
        var known = new[] { (Lo: 1.0, Hi: 1.0), (Lo: 1.0, Hi: 1.0) }; // [novel, familiar]
        (double Lo, double Hi) KnownFactor(CalibrationResidual r) => known[r.Familiar ? 1 : 0];
        static (double Lo, double Hi) Times((double Lo, double Hi) a, (double Lo, double Hi) b) => (a.Lo * b.Lo, a.Hi * b.Hi);
        double side = 1 - (1 - level) / 2; // each side misses at most half of 1 − level
        // With the familiarity factor carrying what tells the splits apart, a group's residuals from every split are
        // one sample; without it, each split is held to the level on its own and the largest quantile kept.
        var pools = byFamiliarity ? new List<List<CalibrationResidual>> { residuals.ToList() } : sources.Values.ToList();

        // The largest over the splits of the group's side quantile of |below| or |above| / (d · the hop's other factor).
        (double Lo, double Hi) Quantiles(Func<CalibrationResidual, bool> inGroup, Func<CalibrationResidual, (double Lo, double Hi)> other, bool isRange)
        {
            double lo = 0, hi = 0;
            foreach (var s in pools)
            {
                var g = s.Where(inGroup).ToList();
                if (g.Count < MinGroupResiduals)
                {
                    if (!isRange) continue; // too few of this ion in this split to say anything
                    g = s; // a range this split barely reaches: its quantile over the split
                }
                lo = Math.Max(lo, Quantile(g.Select(r => (r.Prediction - r.Target) / (Difficulty(r) * other(r).Lo)), side));
                hi = Math.Max(hi, Quantile(g.Select(r => (r.Target - r.Prediction) / (Difficulty(r) * other(r).Hi)), side));
            }
            return (lo, hi);
        }

        for (int pass = 0; pass < Passes; pass++)
        {
            for (int b = 0; b < range.Length; b++)
            {
                int bb = b;
                var q = Quantiles(r => Range(r) == bb, r => Times(IonFactor(r), KnownFactor(r)), isRange: true);
                range[b] = (q.Lo > 0 ? q.Lo : range[b].Lo, q.Hi > 0 ? q.Hi : range[b].Hi);
            }
            // An ion factor multiplies the range scales: 1 would leave the ion where the ranges put it.
            foreach (var i in ions)
                ion[i] = Quantiles(r => r.Ion == i, r => Times(range[Range(r)], KnownFactor(r)), isRange: false);
            if (!byFamiliarity) continue;
            for (int k = 0; k < known.Length; k++)
            {
                bool familiar = k == 1;
                var q = Quantiles(r => r.Familiar == familiar, r => Times(range[Range(r)], IonFactor(r)), isRange: false);
                known[k] = (q.Lo > 0 ? q.Lo : known[k].Lo, q.Hi > 0 ? q.Hi : known[k].Hi);
            }
        }
        // Only the products of the factors matter: novel hops get factor 1, the ranges take its scale.
        var novel = known[0];
        range = range.Select(f => Times(f, novel)).ToArray();
        known = known.Select(k => (k.Lo / novel.Lo, k.Hi / novel.Hi)).ToArray();
        return new ConditionalCalibration
        {
            Level = level, SigmaFloor = sigmaFloor, Tau = tau, RangeEdges = edges.ToArray(),
            Ranges = range.Select((f, b) => new Factor(f.Lo, f.Hi, residuals.Count(r => Range(r) == b))).ToList(),
            Ions = new SortedDictionary<string, Factor>(ions.ToDictionary(i => i, i => new Factor(ion[i].Lo, ion[i].Hi, residuals.Count(r => r.Ion == i))), StringComparer.Ordinal),
            Familiarity = byFamiliarity
                ? new FamiliarityFactors(new Factor(known[1].Lo, known[1].Hi, residuals.Count(r => r.Familiar)), new Factor(known[0].Lo, known[0].Hi, residuals.Count(r => !r.Familiar)))
                : null,
            Sources = new SortedDictionary<string, int>(sources.ToDictionary(s => s.Key, s => s.Value.Count), StringComparer.Ordinal),
        };
    }

    /// <summary>The split-conformal quantile: the ⌈(n + 1)·p⌉-th smallest value (the largest when that exceeds n).</summary>
    private static double Quantile(IEnumerable<double> values, double p)
    {
        var s = values.Order().ToArray();
        int k = Math.Clamp((int)Math.Ceiling((s.Length + 1) * p), 1, s.Length);
        return s[k - 1];
    }

    private static int RangeOf(double prediction, IReadOnlyList<double> edges)
    {
        int b = 0;
        while (b < edges.Count && prediction >= edges[b]) b++;
        return b;
    }

    /// <summary>
    /// The 90% interval of a prediction with uncertainty <paramref name="sigma"/> for a hop of <paramref name="ion"/>;
    /// <paramref name="familiar"/>: whether its host was in training (null, unknown, is taken as novel).
    /// </summary>
    public (double Lo, double Hi) Interval(double mean, double sigma, string ion, bool? familiar = null)
    {
        double d = Math.Sqrt(Math.Pow(Math.Max(sigma, SigmaFloor), 2) + Tau * Tau);
        var r = Ranges[RangeOf(mean, RangeEdges)];
        var i = Ions.TryGetValue(ion, out var f) ? f : new Factor(1, 1, 0);
        var k = Familiarity is { } known ? (familiar == true ? known.Familiar : known.Novel) : new Factor(1, 1, 0);
        return (mean - r.Lower * i.Lower * k.Lower * d, mean + r.Upper * i.Upper * k.Upper * d);
    }

    /// <summary>The prediction with this interval; a migration barrier is not negative, so it stops at 0 eV.</summary>
    public BarrierPrediction Predict(double mean, double sigma, string ion, bool? familiar = null)
    {
        var (lo, hi) = Interval(mean, sigma, ion, familiar);
        return new BarrierPrediction(mean, sigma, Math.Max(0, lo), hi) { Familiar = familiar };
    }

    /// <summary>Refuses a calibration read from <paramref name="path"/> that cannot be applied.</summary>
    public void Validate(string path)
    {
        if (Ranges.Count != RangeEdges.Count + 1 || !(Level > 0 && Level < 1) || Familiarity is { Familiar: null } or { Novel: null }
            || RangeEdges.Zip(RangeEdges.Skip(1)).Any(e => !(e.First < e.Second)))
            throw new ArgumentException($"{path}: not a valid conditional_calibration (increasing range edges, one factor per barrier range and a level in (0, 1) are needed)");
    }
}
