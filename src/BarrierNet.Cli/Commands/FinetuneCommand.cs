using System.CommandLine;
using BarrierNet.Model.Baseline;
using BarrierNet.Model.Evaluation;
using BarrierNet.Model.Heads;
using BarrierNet.Model.Training;
using Spectre.Console;

namespace BarrierNet.Cli.Commands;

/// <summary>`barriernet finetune`: trains a barrier head as a calibrated ensemble, or adapts a trained one (few-shot).</summary>
internal static class FinetuneCommand
{
    public static Command Create()
    {
        var recipe = new HeadRecipe(); // the defaults are the recipe's
        var defaults = recipe.Head;
        var data = new Option<string>("--data") { Description = "barriers in the published JSON form (band or endpoints)", Required = true };
        var head = new Option<string>("--head") { Description = ChoiceNames.List<HeadKind>(), DefaultValueFactory = _ => ChoiceNames.Name(defaults.Head) };
        var from = new Option<string>("--from") { Description = "pretrained backbone directory, 'scratch', or a trained head directory (few-shot adaptation)", DefaultValueFactory = _ => recipe.From };
        var output = new Option<string>("--out") { Description = "output model directory (resumes if a run there was interrupted)", Required = true };
        var epochs = new Option<int?>("--epochs") { Description = "epochs per member (default: the shipped recipe, 15 band, 12 attention, 9 endpoints, 8 difference; few-shot 15)" };
        var seed = new Option<int>("--seed") { Description = "random seed (folds, initialisation, batch order)", DefaultValueFactory = _ => recipe.Seed };
        var ensemble = new Option<int>("--ensemble") { Description = "members; member k validates on grouped fold k (k mod --folds; each further --folds members on a new grouped partition)", DefaultValueFactory = _ => recipe.Ensemble };
        var combine = new Option<string>("--combine") { Description = $"endpoints head: {ChoiceNames.List<EndpointCombine>()}", DefaultValueFactory = _ => ChoiceNames.Name(defaults.Combine) };
        var descriptors = new Option<string>("--descriptors") { Description = "on: hybrid head with the hop descriptors; off: graph only", DefaultValueFactory = _ => defaults.Descriptors ? "on" : "off" };
        var target = new Option<string>("--target") { Description = "what the network learns: ev (the barrier), log1p (log(1 + Em)) or sqrt (√Em)", DefaultValueFactory = _ => ChoiceNames.Name(defaults.Target) };
        var relaxed = new Option<bool>("--relaxed-images") { Description = "band/attention: put the three inner ion images where the ion has the most room within 1.2 Å of the straight path (--band-images relaxed)" };
        var bandImages = new Option<string>("--band-images") { Description = "band/attention: where the three inner ion images stand: straight (the line between the sites), relaxed (the roomiest point within 1.2 Å of it) or path (equally spaced on the minimum-energy path of the bond-valence landscape; the straight line where there is none)", DefaultValueFactory = _ => ChoiceNames.Name(defaults.Images) };
        var crop = new Option<double>("--crop") { Description = "keep atoms within this many Å of the hop path (0 = whole cell)", DefaultValueFactory = _ => defaults.CropRadius };
        var lr = new Option<double?>("--lr") { Description = "peak learning rate (default 2e-3 band, 1e-3 other heads; few-shot 2e-4)" };
        var batch = new Option<int?>("--batch-size") { Description = "hops per batch (default 16 band, 32 other heads; few-shot 8)" };
        var run = new RunSettings();
        var device = new Option<string>("--device") { Description = "torch device", DefaultValueFactory = _ => run.Device };
        var threads = new Option<int>("--threads") { Description = "torch and graph-building threads", DefaultValueFactory = _ => run.Threads };
        var trees = new Option<int>("--trees") { Description = "extra trees per member on the hop descriptors (averaged with kernel ridge), blended with the GNN at the out-of-fold best weight (0 = GNN only)", DefaultValueFactory = _ => recipe.Trees };
        var treeTarget = new Option<string>("--tree-target") { Description = "scale the descriptor models fit the barrier on: log1p or sqrt", DefaultValueFactory = _ => ChoiceNames.Name(recipe.TreeTarget) };
        var treeVote = new Option<string>("--tree-vote") { Description = "how each member's extra trees combine their trees: median or mean", DefaultValueFactory = _ => ChoiceNames.Name(recipe.TreeVote) };
        var kernelAlpha = new Option<double>("--kernel-alpha") { Description = "ridge penalty of each descriptor model's kernel ridge", DefaultValueFactory = _ => recipe.KernelAlpha };
        var kernelGamma = new Option<double>("--kernel-gamma") { Description = "kernel width of the kernel ridge, times 1 / (number of descriptors)", DefaultValueFactory = _ => recipe.KernelGamma };
        var grouping = new Option<string>("--grouping") { Description = "what must not straddle the members' folds: system+family, system (the published baselines' protocol) or random (a random split of the same pool)", DefaultValueFactory = _ => GroupedFolds.GroupingName(recipe.Grouping) };
        var treePartitions = new Option<int>("--tree-partitions") { Description = "fit the descriptor models on P grouped partitions (folds × P models, each on all but one fold, bagged per member); 1: one per member, on its folds", DefaultValueFactory = _ => recipe.TreePartitions };
        var treeWeightPower = new Option<double>("--tree-weight-power") { Description = "weight the descriptor models' training barriers by (density of their target)^-β, so that the rare high barriers count for more (0 = unweighted)", DefaultValueFactory = _ => recipe.TreeWeightPower };
        var loss = new Option<string>("--loss") { Description = $"the GNN's training loss on its target: {ChoiceNames.List<HeadLoss>()} (Huber: quadratic within {HeadRecipe.HuberDelta} of the target)", DefaultValueFactory = _ => ChoiceNames.Name(recipe.Loss) };
        var lossWeightPower = new Option<double>("--loss-weight-power") { Description = "weight each hop in the GNN's loss by (density of the √Em targets)^-β, as --tree-weight-power does for the descriptor models (0 = every hop the same)", DefaultValueFactory = _ => recipe.LossWeightPower };
        var treeBlockage = new Option<bool>("--tree-blockage") { Description = "the descriptor models also read the five blockage descriptors (what blocks the straight hop, against the atoms' sizes); the network's input is unchanged" };
        var foldsOpt = new Option<int?>("--folds") { Description = "grouped folds (default: one per member); with more members than folds, members m ≥ folds hold out the folds of new grouped partitions (bagging)" };
        var jobs = new Option<int>("--jobs") { Description = "train the members in this many processes at once (one core each with --threads 1); same weights as one process", DefaultValueFactory = _ => run.Jobs };
        var workerMembers = new Option<string?>(MemberWorkers.WorkerOption) { Description = "(internal) the members a --jobs worker trains", Hidden = true };
        var stopAfter = new Option<int?>("--stop-after") { Description = "stop after N epochs of this run (resume later with the same command)" };

        var cmd = new Command("finetune", "Fine-tune a barrier head (ensemble with calibrated intervals), or adapt a trained head to new barriers");
        foreach (var opt in new Option[] { data, head, from, output, epochs, seed, ensemble, combine, descriptors, target, relaxed, bandImages, crop, lr, batch, trees, treeTarget, treeVote, kernelAlpha, kernelGamma, treePartitions, treeWeightPower, treeBlockage, loss, lossWeightPower, grouping, foldsOpt, device, threads, jobs, workerMembers, stopAfter })
            cmd.Options.Add(opt);
        cmd.SetAction(r => CliErrors.Guard(() =>
        {
            var desc = r.GetValue(descriptors);
            if (desc is not ("on" or "off")) throw new ArgumentException($"--descriptors must be on or off, not '{desc}'");
            var dataFile = r.GetValue(data)!;
            if (!File.Exists(dataFile)) throw new ArgumentException($"{dataFile}: file not found");
            var fromDir = r.GetValue(from)!;
            if (fromDir != HeadRecipe.Scratch && !Directory.Exists(fromDir)) throw new ArgumentException($"--from {fromDir}: directory not found (or pass --from scratch)");
            bool interactive = AnsiConsole.Profile.Capabilities.Interactive;
            var args = Environment.GetCommandLineArgs().Skip(1).ToList();
            int jobCount = r.GetValue(jobs);
            if (jobCount < 1) throw new ArgumentException("--jobs must be at least 1");
            var worker = r.GetValue(workerMembers) is string w ? MemberWorkers.ParseMembers(w) : null;
            var options = new FinetuneOptions
            {
                DataFile = dataFile, OutputDirectory = r.GetValue(output)!,
                Recipe = new HeadRecipe
                {
                    From = fromDir,
                    Head = new HeadOptions { Head = ChoiceNames.Parse<HeadKind>(r.GetValue(head)!, "--head"), Combine = ChoiceNames.Parse<EndpointCombine>(r.GetValue(combine)!, "--combine"),
                        Descriptors = desc == "on", CropRadius = r.GetValue(crop), Target = ChoiceNames.Parse<HeadTarget>(r.GetValue(target)!, "--target"),
                        Images = Images(r.GetValue(relaxed), ChoiceNames.Parse<BandImages>(r.GetValue(bandImages)!, "--band-images")) },
                    Epochs = r.GetValue(epochs), Seed = r.GetValue(seed), Ensemble = r.GetValue(ensemble), LearningRate = r.GetValue(lr), BatchSize = r.GetValue(batch),
                    Trees = r.GetValue(trees), TreeTarget = ChoiceNames.Parse<BarrierScale>(r.GetValue(treeTarget)!, "--tree-target"),
                    TreeVote = ChoiceNames.Parse<TreeVote>(r.GetValue(treeVote)!, "--tree-vote"), KernelAlpha = r.GetValue(kernelAlpha),
                    KernelGamma = r.GetValue(kernelGamma), TreePartitions = r.GetValue(treePartitions), Folds = r.GetValue(foldsOpt),
                    Loss = ChoiceNames.Parse<HeadLoss>(r.GetValue(loss)!, "--loss"), LossWeightPower = r.GetValue(lossWeightPower),
                    TreeWeightPower = r.GetValue(treeWeightPower), TreeBlockage = r.GetValue(treeBlockage),
                    Grouping = GroupedFolds.ParseGrouping(r.GetValue(grouping)!),
                },
                Run = new RunSettings { Device = r.GetValue(device)!, Threads = r.GetValue(threads), Jobs = jobCount },
                StopAfterEpochs = r.GetValue(stopAfter),
                CommandLine = "barriernet " + string.Join(' ', args.Select(a => a.Contains(' ') ? "\"" + a + "\"" : a)),
                OnlyMembers = worker,
            };
            if (worker is not null)
            {
                WithProgress(interactive: false, (log, _) => new HeadFinetuner(options with { Run = options.Run with { Log = log } }).Run());
                Console.WriteLine($"members {string.Join(", ", worker)}: trained (or stopped by --stop-after)");
                return CliErrors.Ok;
            }
            if (jobCount > 1)
            {
                if (options.Recipe.StartingPoint() == StartingPoint.TrainedHead) throw new ArgumentException($"--jobs: few-shot adaptation of {fromDir} runs in one process");
                var failure = WithProgress(interactive, (log, progress) => MemberWorkers.Run(options, jobCount, args, progress, log));
                if (failure is not null) { CliErrors.Report(failure); return CliErrors.Failure; }
                if (!HeadFinetuner.AllMembersDone(options))
                {
                    Console.WriteLine($"stopped; resume with the same command (checkpoints in {options.OutputDirectory})");
                    return CliErrors.Ok;
                }
            }
            var result = WithProgress(interactive, (log, progress) => new HeadFinetuner(options with { Run = options.Run with { Log = log, Progress = progress } }).Run());
            if (result is null) { Console.WriteLine($"stopped; resume with the same command (checkpoints in {options.OutputDirectory})"); return CliErrors.Ok; }
            Console.WriteLine(result.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            return CliErrors.Ok;
        }));
        return cmd;
    }

    /// <summary>The images --band-images names; --relaxed-images is its older spelling of "relaxed" and must not contradict it.</summary>
    private static BandImages Images(bool relaxed, BandImages named)
    {
        if (!relaxed) return named;
        if (named is not (BandImages.Straight or BandImages.Relaxed))
            throw new ArgumentException($"--relaxed-images contradicts --band-images {ChoiceNames.Name(named)}: give one of them");
        return BandImages.Relaxed;
    }

    /// <summary>Runs <paramref name="body"/> under a progress bar on a terminal, with time-stamped log lines otherwise.</summary>
    private static T WithProgress<T>(bool interactive, Func<Action<string>, Action<long, long, string>?, T> body)
    {
        if (!interactive) return body(m => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {m}"), null);
        T result = default!;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("fine-tuning", maxValue: 1);
                result = body(m => AnsiConsole.MarkupLine(Markup.Escape(m)),
                    (step, total, text) => { task.MaxValue = Math.Max(1, total); task.Value = step; task.Description = Markup.Escape(text); });
            });
        return result;
    }
}
