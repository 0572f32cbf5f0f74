using System.Runtime.Intrinsics;
using MathNet.Numerics.LinearAlgebra;

namespace BarrierNet.Model.Baseline;

/// <summary>
/// Kernel ridge regression with a Gaussian (RBF) kernel on standardised descriptors. Trees cut the descriptor space
/// into boxes; a kernel model interpolates smoothly between similar hops, so the two err on different hops and their
/// average beats either on grouped cross-validation (see docs/experiments/heads.md). Like scikit-learn's KernelRidge on
/// StandardScaler output, with the target centred first so that a hop far from every training hop is predicted the
/// training mean rather than zero: f(x) = ȳ + Σᵢ aᵢ exp(−γ‖z(x) − zᵢ‖²), (K + αI) a = y − ȳ, γ = gamma / features.
/// Read as a Gaussian process with signal variance s² (the targets' variance), the same fit also says how far a hop is
/// from everything it was trained on: the posterior standard deviation s·√(1 − kᵀ(K + αI)⁻¹k) is near 0 beside a
/// training hop and s far from all of them (<see cref="PosteriorStd"/>). The ensemble adds it to the members' spread,
/// so that a structure family unlike any in training gets a wide interval even where the members agree.
/// </summary>
internal sealed class KernelRidgeRegressor
{
    /// <param name="Alpha">Ridge penalty α added to the kernel's diagonal.</param>
    /// <param name="Gamma">Kernel width as a multiple of 1 / (number of features), scikit-learn's "scale"-like default.</param>
    public sealed record Settings(double Alpha = 0.03, double Gamma = 1.0)
    {
        public void Validate()
        {
            if (!(Alpha > 0) || !double.IsFinite(Alpha)) throw new ArgumentException("kernel alpha must be a positive number");
            if (!(Gamma > 0) || !double.IsFinite(Gamma)) throw new ArgumentException("kernel gamma must be a positive number");
        }
    }

    private readonly double[] _mean, _scale, _coef;
    private readonly double[][] _support; // standardised training rows
    private readonly double _gamma, _offset;
    private readonly double[][]? _cholesky; // lower factor of K + αI, row i holding columns 0…i
    private readonly double _signalStd;
    private readonly double _alpha; // the ridge penalty, from which a saved model rebuilds the factor

    private KernelRidgeRegressor(double[] mean, double[] scale, double[][] support, double[] coef, double gamma, double offset,
        double[][]? cholesky, double signalStd, double alpha)
    {
        _mean = mean; _scale = scale; _support = support; _coef = coef; _gamma = gamma; _offset = offset;
        _cholesky = cholesky; _signalStd = signalStd; _alpha = alpha;
    }

    public int FeatureCount => _mean.Length;

    /// <summary>Whether <see cref="PosteriorStd"/> is available (models saved before it was added lack the factor).</summary>
    public bool HasPosterior => _cholesky is not null;

    /// <param name="weights">
    /// Optional positive weight per row: the fit minimises Σ wᵢ(yᵢ − f(xᵢ))² + α‖f‖², i.e. (K + α W⁻¹) a = y − ȳ with ȳ
    /// the weighted mean, so heavily weighted rows are fitted more closely. The posterior standard deviation stays
    /// the unweighted one (a measure of distance to the training rows, which weights do not change).
    /// </param>
    public static KernelRidgeRegressor Fit(double[][] x, double[] y, Settings settings, double[]? weights = null)
    {
        settings.Validate();
        int n = x.Length;
        if (n < 1 || y.Length != n) throw new ArgumentException("kernel ridge needs as many targets as rows, and at least one");
        int p = x[0].Length;
        if (x.Any(r => r.Length != p)) throw new ArgumentException("kernel ridge rows differ in length");
        var mean = new double[p];
        var scale = new double[p];
        for (int j = 0; j < p; j++)
        {
            double m = 0;
            for (int i = 0; i < n; i++) m += x[i][j];
            m /= n;
            double v = 0;
            for (int i = 0; i < n; i++) v += (x[i][j] - m) * (x[i][j] - m);
            double sd = Math.Sqrt(v / n);
            mean[j] = m;
            scale[j] = sd > 1e-12 ? sd : 1; // a constant descriptor carries no information; leave it unscaled
        }
        var z = x.Select(r => Standardise(r, mean, scale)).ToArray();
        if (weights is not null && (weights.Length != n || weights.Any(w => !(w > 0) || !double.IsFinite(w))))
            throw new ArgumentException("kernel ridge needs one positive, finite weight per row");
        double gamma = settings.Gamma / p, offset = weights is null ? y.Average() : y.Select((v, i) => weights[i] * v).Sum() / weights.Sum();
        var chol = Factorise(z, gamma, settings.Alpha);
        var centred = Vector<double>.Build.Dense(y.Select(v => v - offset).ToArray());
        var a = weights is null ? chol.Solve(centred)
            : Matrix<double>.Build.Dense(n, n, (i, j) => Rbf(z[i], z[j], gamma) + (i == j ? settings.Alpha / weights[i] : 0)).Cholesky().Solve(centred);
        double signalStd = Math.Sqrt(y.Sum(v => (v - offset) * (v - offset)) / n);
        return new KernelRidgeRegressor(mean, scale, z, a.ToArray(), gamma, offset, LowerTriangle(chol), signalStd, settings.Alpha);
    }

    /// <summary>Cholesky factorisation of K + αI over the standardised training rows.</summary>
    /// <remarks>
    /// The kernel is symmetric to the bit (‖zᵢ − zⱼ‖² sums the same squares in the same order either way round), so each
    /// pair is computed once, four pairs at a time (<see cref="SquaredDistances"/>).
    /// </remarks>
    private static MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double> Factorise(double[][] z, double gamma, double alpha) =>
        KernelMatrix(z, gamma, alpha).Cholesky();

    /// <summary>K + αI over the standardised rows <paramref name="z"/>: exp(−γ‖zᵢ − zⱼ‖²), α added on the diagonal.</summary>
    internal static Matrix<double> KernelMatrix(double[][] z, double gamma, double alpha)
    {
        int n = z.Length;
        var k = new double[n * n]; // column-major, as the matrix builder reads it
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j += Lanes)
            {
                int last = Math.Min(j + Lanes - 1, i);
                var (d0, d1, d2, d3) = SquaredDistances(z[i], z[j], z[Math.Min(j + 1, last)], z[Math.Min(j + 2, last)], z[Math.Min(j + 3, last)]);
                Span<double> d = [d0, d1, d2, d3];
                for (int c = j; c <= last; c++)
                {
                    double value = Math.Exp(-gamma * d[c - j]) + (i == c ? alpha : 0);
                    k[c * n + i] = value;
                    k[i * n + c] = value;
                }
            }
        return Matrix<double>.Build.Dense(n, n, k);
    }

    private static double[][] LowerTriangle(MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double> chol) =>
        Enumerable.Range(0, chol.Factor.RowCount).Select(i => Enumerable.Range(0, i + 1).Select(j => chol.Factor[i, j]).ToArray()).ToArray();

    /// <summary>
    /// Gaussian-process posterior standard deviation at <paramref name="x"/>, in the target's units: s·√(1 − kᵀ(K + αI)⁻¹k)
    /// with k the kernel between x and the training rows (forward substitution with the stored Cholesky factor).
    /// </summary>
    public double PosteriorStd(double[] x)
    {
        if (_cholesky is null) throw new InvalidOperationException("this kernel model was saved without its Cholesky factor; refit it");
        if (x.Length != FeatureCount) throw new ArgumentException($"expected {FeatureCount} descriptors, got {x.Length}");
        var z = Standardise(x, _mean, _scale);
        int n = _support.Length;
        var v = new double[n];
        double explained = 0;
        for (int i = 0; i < n; i++)
        {
            double s = Rbf(z, _support[i], _gamma);
            var row = _cholesky[i];
            for (int j = 0; j < i; j++) s -= row[j] * v[j];
            v[i] = s / row[i];
            explained += v[i] * v[i];
        }
        return _signalStd * Math.Sqrt(Math.Max(0, 1 - explained));
    }

    public double Predict(double[] x)
    {
        if (x.Length != FeatureCount) throw new ArgumentException($"expected {FeatureCount} descriptors, got {x.Length}");
        var z = Standardise(x, _mean, _scale);
        double s = _offset;
        for (int i = 0; i < _support.Length; i++) s += _coef[i] * Rbf(z, _support[i], _gamma);
        return s;
    }

    /// <summary>Pairs of training rows taken side by side when the kernel matrix is built.</summary>
    private const int Lanes = 4;

    /// <summary>Rows taken side by side in the batch methods: four vectors of four rows each.</summary>
    private const int Vectors = 4, BlockRows = Vectors * 4;

    /// <summary>
    /// <see cref="PosteriorStd(double[])"/> of each row, the same doubles. The single-row method is a chain of
    /// dependent additions (a squared distance per support row, then the forward substitution) that keeps the
    /// processor waiting on each previous step; here sixteen rows go through it side by side, four to a vector, so
    /// each step does sixteen rows' work. Every row's sums are still taken in the order the single-row method takes them.
    /// </summary>
    public double[] PosteriorStd(IReadOnlyList<double[]> rows)
    {
        if (_cholesky is null) throw new InvalidOperationException("this kernel model was saved without its Cholesky factor; refit it");
        int n = _support.Length;
        var result = new double[rows.Count];
        var kernel = new Vector256<double>[n * Vectors];
        var v = new Vector256<double>[n * Vectors]; // v[i · Vectors + g]: the substitution's i-th value for rows 4g … 4g + 3
        for (int start = 0; start < rows.Count; start += BlockRows)
        {
            KernelValues(StandardisedBlock(rows, start), kernel);
            Vector256<double> e0 = default, e1 = default, e2 = default, e3 = default;
            for (int i = 0; i < n; i++)
            {
                var row = _cholesky[i];
                int here = i * Vectors;
                Vector256<double> s0 = kernel[here], s1 = kernel[here + 1], s2 = kernel[here + 2], s3 = kernel[here + 3];
                for (int j = 0; j < i; j++)
                {
                    var r = Vector256.Create(row[j]);
                    int at = j * Vectors;
                    s0 -= r * v[at]; s1 -= r * v[at + 1]; s2 -= r * v[at + 2]; s3 -= r * v[at + 3];
                }
                var diagonal = Vector256.Create(row[i]);
                v[here] = s0 / diagonal; v[here + 1] = s1 / diagonal; v[here + 2] = s2 / diagonal; v[here + 3] = s3 / diagonal;
                e0 += v[here] * v[here]; e1 += v[here + 1] * v[here + 1]; e2 += v[here + 2] * v[here + 2]; e3 += v[here + 3] * v[here + 3];
            }
            Span<Vector256<double>> explained = [e0, e1, e2, e3];
            for (int lane = 0; lane < BlockRows && start + lane < rows.Count; lane++)
                result[start + lane] = _signalStd * Math.Sqrt(Math.Max(0, 1 - explained[lane / 4][lane % 4]));
        }
        return result;
    }

    /// <summary><see cref="Predict(double[])"/> of each row, the same doubles, sixteen rows side by side (as <see cref="PosteriorStd(IReadOnlyList{double[]})"/>).</summary>
    public double[] Predict(IReadOnlyList<double[]> rows)
    {
        int n = _support.Length;
        var result = new double[rows.Count];
        var kernel = new Vector256<double>[n * Vectors];
        for (int start = 0; start < rows.Count; start += BlockRows)
        {
            KernelValues(StandardisedBlock(rows, start), kernel);
            var offset = Vector256.Create(_offset);
            Vector256<double> p0 = offset, p1 = offset, p2 = offset, p3 = offset;
            for (int i = 0; i < n; i++)
            {
                var c = Vector256.Create(_coef[i]);
                int here = i * Vectors;
                p0 += c * kernel[here]; p1 += c * kernel[here + 1]; p2 += c * kernel[here + 2]; p3 += c * kernel[here + 3];
            }
            Span<Vector256<double>> predicted = [p0, p1, p2, p3];
            for (int lane = 0; lane < BlockRows && start + lane < rows.Count; lane++) result[start + lane] = predicted[lane / 4][lane % 4];
        }
        return result;
    }

    /// <summary>
    /// Rows start … start + 15 standardised, feature by feature: z[f · Vectors + g] holds feature f of rows 4g … 4g + 3.
    /// Past the last row, the last row again (computed and dropped).
    /// </summary>
    private Vector256<double>[] StandardisedBlock(IReadOnlyList<double[]> rows, int start)
    {
        int p = FeatureCount;
        var flat = new double[p * BlockRows];
        for (int lane = 0; lane < BlockRows; lane++)
        {
            var x = rows[Math.Min(start + lane, rows.Count - 1)];
            if (x.Length != p) throw new ArgumentException($"expected {p} descriptors, got {x.Length}");
            var z = Standardise(x, _mean, _scale);
            for (int f = 0; f < p; f++) flat[f * BlockRows + lane] = z[f];
        }
        var block = new Vector256<double>[p * Vectors];
        for (int k = 0; k < block.Length; k++) block[k] = Vector256.Create(flat.AsSpan(k * 4, 4));
        return block;
    }

    /// <summary>
    /// exp(−γ‖z − zᵢ‖²) for every support row i and each of the block's rows z (laid out as <see cref="StandardisedBlock"/>
    /// lays them), into kernel[i · Vectors + g]; each squared distance summed feature by feature as <see cref="Rbf"/> sums it.
    /// </summary>
    private void KernelValues(Vector256<double>[] z, Vector256<double>[] kernel)
    {
        for (int i = 0; i < _support.Length; i++)
        {
            var support = _support[i];
            Vector256<double> d0 = default, d1 = default, d2 = default, d3 = default;
            for (int f = 0; f < support.Length; f++)
            {
                var b = Vector256.Create(support[f]);
                int at = f * Vectors;
                var t0 = z[at] - b; var t1 = z[at + 1] - b; var t2 = z[at + 2] - b; var t3 = z[at + 3] - b;
                d0 += t0 * t0; d1 += t1 * t1; d2 += t2 * t2; d3 += t3 * t3;
            }
            int here = i * Vectors;
            kernel[here] = Exp(d0); kernel[here + 1] = Exp(d1); kernel[here + 2] = Exp(d2); kernel[here + 3] = Exp(d3);
        }

        Vector256<double> Exp(Vector256<double> d) =>
            Vector256.Create(Math.Exp(-_gamma * d[0]), Math.Exp(-_gamma * d[1]), Math.Exp(-_gamma * d[2]), Math.Exp(-_gamma * d[3]));
    }

    /// <summary>
    /// ‖<paramref name="a"/> − bₗ‖² for four rows b, each summed over the features in order as <see cref="Rbf"/> sums it
    /// (a − b or b − a: the same squares), the four sums interleaved.
    /// </summary>
    private static (double, double, double, double) SquaredDistances(double[] a, double[] b0, double[] b1, double[] b2, double[] b3)
    {
        double d0 = 0, d1 = 0, d2 = 0, d3 = 0;
        for (int j = 0; j < a.Length; j++)
        {
            double t0 = b0[j] - a[j], t1 = b1[j] - a[j], t2 = b2[j] - a[j], t3 = b3[j] - a[j];
            d0 += t0 * t0; d1 += t1 * t1; d2 += t2 * t2; d3 += t3 * t3;
        }
        return (d0, d1, d2, d3);
    }

    private static double[] Standardise(double[] x, double[] mean, double[] scale)
    {
        var z = new double[x.Length];
        for (int j = 0; j < x.Length; j++) z[j] = (x[j] - mean[j]) / scale[j];
        return z;
    }

    private static double Rbf(double[] a, double[] b, double gamma)
    {
        double d = 0;
        for (int j = 0; j < a.Length; j++) { double t = a[j] - b[j]; d += t * t; }
        return Math.Exp(-gamma * d);
    }

    private const int FormatVersion = 3;

    /// <summary>
    /// Binary form: magic, version (3), features, rows, γ, offset, the scaler, each row and its coefficient, the signal
    /// standard deviation and α. The Cholesky factor of K + αI is not stored: loading factorises it again, the same
    /// arithmetic on the same rows as the fit, so the posterior is unchanged to the bit.
    /// </summary>
    public void Save(string path)
    {
        if (_cholesky is null || !(_alpha > 0)) throw new InvalidOperationException("only a fitted kernel ridge model can be saved");
        using var w = new BinaryWriter(File.Create(path));
        w.Write("BNKR"u8.ToArray()); w.Write(FormatVersion); w.Write(FeatureCount); w.Write(_support.Length);
        w.Write(_gamma); w.Write(_offset);
        foreach (var v in _mean) w.Write(v);
        foreach (var v in _scale) w.Write(v);
        for (int i = 0; i < _support.Length; i++)
        {
            foreach (var v in _support[i]) w.Write(v);
            w.Write(_coef[i]);
        }
        w.Write(_signalStd);
        w.Write(_alpha);
    }

    public static KernelRidgeRegressor Load(string path)
    {
        if (!File.Exists(path)) throw new ArgumentException($"{path}: model file not found");
        using var r = new BinaryReader(File.OpenRead(path));
        try
        {
            if (!r.ReadBytes(4).AsSpan().SequenceEqual("BNKR"u8)) throw new ArgumentException($"{path}: not a kernel-ridge model file");
            int version = r.ReadInt32();
            if (version != FormatVersion) throw new ArgumentException($"{path}: unsupported kernel-ridge format version");
            int p = r.ReadInt32(), n = r.ReadInt32();
            if (p < 1 || n < 1 || (long)p * n > 100_000_000) throw new ArgumentException($"{path}: corrupt kernel-ridge header");
            double gamma = r.ReadDouble(), offset = r.ReadDouble();
            double[] Read(int count) { var a = new double[count]; for (int i = 0; i < count; i++) a[i] = r.ReadDouble(); return a; }
            var mean = Read(p);
            var scale = Read(p);
            var support = new double[n][];
            var coef = new double[n];
            for (int i = 0; i < n; i++) { support[i] = Read(p); coef[i] = r.ReadDouble(); }
            double signalStd = r.ReadDouble(), alpha = r.ReadDouble();
            if (r.BaseStream.Position != r.BaseStream.Length) throw new ArgumentException($"{path}: trailing data after the kernel-ridge model");
            if (!double.IsFinite(gamma) || !double.IsFinite(offset) || scale.Any(s => !(s > 0)) || coef.Any(c => !double.IsFinite(c))
                || support.Any(row => row.Any(v => !double.IsFinite(v))) || !(signalStd >= 0) || !double.IsFinite(signalStd)
                || !(alpha > 0 && double.IsFinite(alpha)))
                throw new ArgumentException($"{path}: corrupt kernel-ridge values");
            double[][] factor;
            try { factor = LowerTriangle(Factorise(support, gamma, alpha)); }
            catch (ArgumentException) { throw new ArgumentException($"{path}: corrupt kernel-ridge model (K + αI is not positive definite)"); }
            if (factor.Any(row => row.Any(v => !double.IsFinite(v)) || !(row[^1] > 0)))
                throw new ArgumentException($"{path}: corrupt kernel-ridge factor");
            return new KernelRidgeRegressor(mean, scale, support, coef, gamma, offset, factor, signalStd, alpha);
        }
        catch (EndOfStreamException) { throw new ArgumentException($"{path}: truncated kernel-ridge model file"); }
    }
}
