namespace BarrierNet.Model.Baseline;

/// <summary>
/// Extremely randomised trees for regression (Geurts, Ernst &amp; Wehenkel, Machine Learning 63, 3–42, 2006), the
/// model of the best classical baseline on these barriers; ML.NET has no such trainer. Each tree is grown on all training
/// rows (no bootstrap); at a node, <see cref="Settings.MaxFeatures"/> descriptors that vary in the node are drawn at
/// random, each gets one threshold drawn uniformly between its node minimum and maximum, and the split that most
/// reduces the squared error is kept. Fully deterministic for a seed.
/// <para>
/// The forest predicts the mean of its trees, or their median (<see cref="PredictMedian"/>). Grown to leaves of one,
/// every tree answers with one training barrier, so the mean is a weighted average of similar hops' barriers and one
/// 7 eV neighbour pulls it far up; the median is the weighted median, the estimate absolute error rewards.
/// </para>
/// </summary>
internal sealed class ExtraTreesRegressor
{
    public sealed record Settings(int Trees = 300, int MaxFeatures = 0, int MinSamplesSplit = 2, int MinSamplesLeaf = 1)
    {
        public void Validate()
        {
            if (Trees < 1 || MaxFeatures < 0 || MinSamplesSplit < 2 || MinSamplesLeaf < 1)
                throw new ArgumentException("extra-trees settings out of range");
        }
    }

    /// <summary>One tree as flat arrays; a leaf has Feature = −1 and its prediction in Value.</summary>
    private sealed class Tree
    {
        public readonly List<int> Feature = new();
        public readonly List<double> Threshold = new();
        public readonly List<int> Left = new();
        public readonly List<int> Right = new();
        public readonly List<double> Value = new();

        public int Add(int feature, double threshold, double value)
        {
            Feature.Add(feature); Threshold.Add(threshold); Left.Add(-1); Right.Add(-1); Value.Add(value);
            return Feature.Count - 1;
        }

        public double Predict(double[] x)
        {
            int node = 0;
            while (Feature[node] >= 0) node = x[Feature[node]] <= Threshold[node] ? Left[node] : Right[node];
            return Value[node];
        }
    }

    private readonly List<Tree> _trees;
    public int FeatureCount { get; }

    private ExtraTreesRegressor(List<Tree> trees, int featureCount) { _trees = trees; FeatureCount = featureCount; }

    public int TreeCount => _trees.Count;

    /// <param name="weights">
    /// Optional positive weight per row: leaves answer with the weighted mean and splits reduce the weighted squared
    /// error, so a heavily weighted rare barrier pulls its leaf towards itself (<see cref="TargetDensityWeights"/>).
    /// Null fits every row alike (the same trees as without the argument).
    /// </param>
    public static ExtraTreesRegressor Fit(double[][] x, double[] y, Settings settings, int seed, double[]? weights = null)
    {
        settings.Validate();
        if (x.Length == 0 || x.Length != y.Length) throw new ArgumentException("extra trees need as many targets as rows, and at least one");
        if (weights is not null && (weights.Length != y.Length || weights.Any(w => !(w > 0) || !double.IsFinite(w))))
            throw new ArgumentException("extra trees need one positive, finite weight per row");
        int p = x[0].Length;
        int maxFeatures = settings.MaxFeatures == 0 ? p : Math.Min(p, settings.MaxFeatures);
        var trees = new List<Tree>(settings.Trees);
        for (int t = 0; t < settings.Trees; t++)
        {
            var rng = new Random(unchecked(seed * 7919 + t));
            var tree = new Tree();
            Grow(tree, x, y, weights, Enumerable.Range(0, x.Length).ToArray(), settings, maxFeatures, rng);
            trees.Add(tree);
        }
        return new ExtraTreesRegressor(trees, p);
    }

    private static int Grow(Tree tree, double[][] x, double[] y, double[]? w, int[] rows, Settings s, int maxFeatures, Random rng)
    {
        double mean = w is null ? rows.Average(i => y[i]) : rows.Sum(i => w[i] * y[i]) / rows.Sum(i => w[i]);
        int node = tree.Add(-1, 0, mean);
        if (rows.Length < s.MinSamplesSplit || rows.Length < 2 * s.MinSamplesLeaf) return node;
        if (rows.All(i => y[i] == y[rows[0]])) return node;

        int p = x[0].Length;
        // Random order of features; take the first maxFeatures that vary in this node.
        var order = Enumerable.Range(0, p).ToArray();
        for (int i = p - 1; i > 0; i--) { int j = rng.Next(i + 1); (order[i], order[j]) = (order[j], order[i]); }
        double bestGain = 0; int bestFeature = -1; double bestThreshold = 0;
        double total = w is null ? rows.Sum(i => y[i]) : rows.Sum(i => w[i] * y[i]);
        double weightTotal = w is null ? rows.Length : rows.Sum(i => w[i]);
        int tried = 0;
        foreach (int f in order)
        {
            if (tried >= maxFeatures) break;
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            foreach (int i in rows) { lo = Math.Min(lo, x[i][f]); hi = Math.Max(hi, x[i][f]); }
            if (!(hi > lo)) continue;
            tried++;
            double thr = lo + rng.NextDouble() * (hi - lo);
            if (thr >= hi) thr = lo; // guard: keep at least one row on the right
            double sumL = 0, weightL = 0; int nL = 0;
            if (w is null) { foreach (int i in rows) if (x[i][f] <= thr) { sumL += y[i]; nL++; } weightL = nL; }
            else foreach (int i in rows) if (x[i][f] <= thr) { sumL += w[i] * y[i]; weightL += w[i]; nL++; }
            int nR = rows.Length - nL;
            if (nL < s.MinSamplesLeaf || nR < s.MinSamplesLeaf) continue;
            // Reduction of the (weighted) squared error = WL·meanL² + WR·meanR² − W·mean², sums of w·y over W.
            double gain = sumL * sumL / weightL + (total - sumL) * (total - sumL) / (weightTotal - weightL) - total * total / weightTotal;
            if (gain > bestGain + 1e-12) { bestGain = gain; bestFeature = f; bestThreshold = thr; }
        }
        if (bestFeature < 0) return node;
        var left = rows.Where(i => x[i][bestFeature] <= bestThreshold).ToArray();
        var right = rows.Where(i => x[i][bestFeature] > bestThreshold).ToArray();
        tree.Feature[node] = bestFeature;
        tree.Threshold[node] = bestThreshold;
        int l = Grow(tree, x, y, w, left, s, maxFeatures, rng);
        int r = Grow(tree, x, y, w, right, s, maxFeatures, rng);
        tree.Left[node] = l; tree.Right[node] = r;
        return node;
    }

    /// <summary>The mean of the trees' predictions.</summary>
    public double Predict(double[] x)
    {
        double s = 0;
        foreach (var p in TreePredictions(x)) s += p;
        return s / _trees.Count;
    }

    /// <summary>The median of the trees' predictions (the mean of the middle two for an even number of trees).</summary>
    public double PredictMedian(double[] x)
    {
        var p = TreePredictions(x);
        Array.Sort(p);
        return Evaluation.Median.OfSorted(p);
    }

    /// <summary>Each tree's prediction, in tree order.</summary>
    public double[] TreePredictions(double[] x)
    {
        if (x.Length != FeatureCount) throw new ArgumentException($"expected {FeatureCount} descriptors, got {x.Length}");
        return _trees.Select(t => t.Predict(x)).ToArray();
    }

    private const int FormatVersion = 2;

    /// <summary>
    /// Binary form: magic, version, feature count, tree count, then per tree its node count and its nodes in the order
    /// they were grown (depth first, left before right), each a 16-bit feature (−1 for a leaf) and one double: the
    /// threshold of a split, the value of a leaf. The order implies the children, so they are not stored.
    /// </summary>
    public void Save(string path)
    {
        if (FeatureCount > short.MaxValue) throw new InvalidOperationException($"{FeatureCount} descriptors do not fit the tree file's 16-bit feature index");
        using var w = new BinaryWriter(File.Create(path));
        w.Write("BNXT"u8.ToArray()); w.Write(FormatVersion); w.Write(FeatureCount); w.Write(_trees.Count);
        foreach (var t in _trees)
        {
            w.Write(t.Feature.Count);
            for (int i = 0; i < t.Feature.Count; i++)
            {
                w.Write((short)t.Feature[i]);
                w.Write(t.Feature[i] >= 0 ? t.Threshold[i] : t.Value[i]);
            }
        }
    }

    public static ExtraTreesRegressor Load(string path)
    {
        if (!File.Exists(path)) throw new ArgumentException($"{path}: model file not found");
        using var r = new BinaryReader(File.OpenRead(path));
        try
        {
            if (!r.ReadBytes(4).AsSpan().SequenceEqual("BNXT"u8)) throw new ArgumentException($"{path}: not an extra-trees model file");
            int version = r.ReadInt32();
            if (version != FormatVersion) throw new ArgumentException($"{path}: unsupported extra-trees format version");
            int p = r.ReadInt32(), n = r.ReadInt32();
            if (p < 1 || n < 1) throw new ArgumentException($"{path}: corrupt extra-trees header");
            var trees = new List<Tree>(n);
            for (int k = 0; k < n; k++)
            {
                int nodes = r.ReadInt32();
                if (nodes < 1) throw new ArgumentException($"{path}: corrupt tree {k}");
                var t = ReadDepthFirst(r, nodes, p);
                if (t is null) throw new ArgumentException($"{path}: corrupt tree {k}");
                trees.Add(t);
            }
            if (r.BaseStream.Position != r.BaseStream.Length) throw new ArgumentException($"{path}: trailing data after the extra-trees model");
            return new ExtraTreesRegressor(trees, p);
        }
        catch (EndOfStreamException) { throw new ArgumentException($"{path}: truncated extra-trees model file"); }
    }

    /// <summary>
    /// Nodes depth first. A split's left child is the next node; its right child follows the left subtree,
    /// so a stack of splits still waiting for their right child rebuilds the links. Null unless exactly the stated
    /// number of nodes forms one complete tree.
    /// </summary>
    private static Tree? ReadDepthFirst(BinaryReader r, int nodes, int p)
    {
        var t = new Tree();
        var open = new Stack<int>();
        for (int i = 0; i < nodes; i++)
        {
            if (i > 0)
            {
                if (open.Count == 0) return null; // the tree was complete before its last node
                int parent = open.Peek();
                if (t.Left[parent] < 0) t.Left[parent] = i;
                else { t.Right[parent] = i; open.Pop(); }
            }
            int f = r.ReadInt16(); double v = r.ReadDouble();
            if (f >= p || f < -1) return null;
            if (f >= 0) { t.Add(f, v, 0); open.Push(i); }
            else t.Add(-1, 0, v);
        }
        return open.Count == 0 ? t : null;
    }
}
