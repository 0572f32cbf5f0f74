// Active-learning replay on the published training barriers: hold out 20% of the systems (grouped), start from 50
// random barriers of the rest, and add K per round chosen by each `suggest` strategy (or at random), retraining each
// time; MAE on the held-out systems vs number of barriers, averaged over seeds. The surrogate is a 5-member bootstrap
// ensemble of the descriptor baseline (FastTree), because retraining the GNN ensemble dozens of times does not fit two
// CPU cores; the strategies only need a mean and a spread, which both give.
// Usage: dotnet run -c Release --project scripts/bench/ActiveLearningSim -- BARRIER_JSON OUT_DIR [K=25] [ROUNDS=8] [SEEDS=3]
using System.Globalization;
using System.Text;
using BarrierNet.Core.Data;
using BarrierNet.Model.Apps;
using BarrierNet.Model.Baseline;
using BarrierNet.Model.Evaluation;

if (args.Length < 2) { Console.Error.WriteLine("usage: ActiveLearningSim BARRIER_JSON OUT_DIR [K] [ROUNDS] [SEEDS]"); return 2; }
var data = BarrierDataset.Load(args[0]);
var outDir = args[1];
int k = args.Length > 2 ? int.Parse(args[2]) : 25;
int rounds = args.Length > 3 ? int.Parse(args[3]) : 8;
int seeds = args.Length > 4 ? int.Parse(args[4]) : 3;
Directory.CreateDirectory(outDir);
var strategies = new[] { "random", "uncertainty", "threshold", "ucb" };
PredictorFactory baseline = (train, seed) => DescriptorBaseline.Train(train, new DescriptorBaselineOptions { Trees = 150 }, seed);
var mae = new Dictionary<string, double[,]>();
foreach (var st in strategies) mae[st] = new double[seeds, rounds + 1];

for (int seed = 0; seed < seeds; seed++)
{
    var groups = data.Select(e => e.Group).Distinct().OrderBy(g => g, StringComparer.Ordinal).ToList();
    var rng = new Random(seed);
    var testGroups = groups.OrderBy(_ => rng.Next()).Take(groups.Count / 5).ToHashSet();
    var test = data.Where(e => testGroups.Contains(e.Group)).ToList();
    var pool0 = data.Where(e => !testGroups.Contains(e.Group)).ToList();
    var start = pool0.OrderBy(_ => rng.Next()).Take(50).ToList();
    foreach (var st in strategies)
    {
        var train = start.ToList();
        var pool = pool0.Except(train).ToList();
        var pick = new Random(seed * 101 + 7);
        for (int r = 0; ; r++)
        {
            var model = BootstrapEnsemble.Train(train, baseline, 5, seed);
            var p = model.Predict(test).Predictions;
            mae[st][seed, r] = test.Select((e, i) => Math.Abs(e.Target!.Value - p[i].Mean)).Average();
            Console.WriteLine(FormattableString.Invariant($"seed {seed} {st,-11} n={train.Count,3} MAE {mae[st][seed, r]:F3}"));
            if (r == rounds || pool.Count == 0) break;
            List<BarrierEntry> chosen;
            if (st == "random") chosen = pool.OrderBy(_ => pick.Next()).Take(k).ToList();
            else
            {
                var pp = model.Predict(pool).Predictions;
                var cands = pool.Select((e, i) => new HopCandidate(e.Group, "", "", 0, e, pp[i].Mean, pp[i].Uncertainty ?? 0)).ToList();
                chosen = HopSuggester.Suggest(cands, k, st).Select(s => s.Candidate.Entry).ToList();
            }
            train.AddRange(chosen);
            pool = pool.Except(chosen).ToList();
        }
    }
}

var csv = new StringBuilder("n_barriers," + string.Join(",", strategies) + "\n");
var plt = new ScottPlot.Plot();
for (int r = 0; r <= rounds; r++)
{
    csv.Append((50 + r * k).ToString(CultureInfo.InvariantCulture));
    foreach (var st in strategies)
        csv.Append(',').Append(Enumerable.Range(0, seeds).Average(s => mae[st][s, r]).ToString("F4", CultureInfo.InvariantCulture));
    csv.Append('\n');
}
foreach (var st in strategies)
{
    var xs = Enumerable.Range(0, rounds + 1).Select(r => 50.0 + r * k).ToArray();
    var ys = Enumerable.Range(0, rounds + 1).Select(r => Enumerable.Range(0, seeds).Average(s => mae[st][s, r])).ToArray();
    var line = plt.Add.Scatter(xs, ys);
    line.LegendText = st;
}
plt.XLabel("barriers in training set");
plt.YLabel("MAE on held-out systems (eV)");
plt.Title("Active learning replay (descriptor-ensemble surrogate)");
plt.ShowLegend();
plt.SavePng(Path.Combine(outDir, "active-learning.png"), 800, 500);
File.WriteAllText(Path.Combine(outDir, "active-learning.csv"), csv.ToString());
Console.Write(csv);
return 0;
