using BarrierNet.Model.Apps;
using BarrierNet.Model.Evaluation;
using BarrierNet.Model.Training;

namespace BarrierNet.Model.Heads;

/// <summary>
/// The GNN heads as rows of `barriernet experiment`: for every head, fine-tuned from models/pretrained ("band") and
/// from scratch ("band-scratch"), plus the band head without descriptors ("band-nodesc", "band-nodesc-scratch") to
/// measure what the hybrid buys, the band head blended with its descriptor model ("band-trees", finetune --trees 100), and the endpoints head with each --combine ("endpoints-add", "endpoints-concat"; "endpoints" itself is sub). Each row trains one member (validation = one grouped fifth of the training fold)
/// in a temporary directory. <see cref="ForBackbone"/> adds the band rows for any pretrained backbone.
/// </summary>
internal static class HeadExperimentRows
{
    public static IEnumerable<ExperimentRow> All()
    {
        foreach (var head in Enum.GetValues<HeadKind>())
        {
            yield return Row(ChoiceNames.Name(head), new HeadOptions { Head = head }, pretrained: true);
            yield return Row(ChoiceNames.Name(head) + "-scratch", new HeadOptions { Head = head }, pretrained: false);
        }
        yield return Row("band-nodesc", new HeadOptions { Head = HeadKind.Band, Descriptors = false }, pretrained: true);
        yield return Row("band-nodesc-scratch", new HeadOptions { Head = HeadKind.Band, Descriptors = false }, pretrained: false);
        // The stacked hybrid (finetune --trees): GNN blended with extra trees + kernel ridge, weight chosen on the validation fifth.
        yield return Row("band-trees", new HeadOptions { Head = HeadKind.Band }, pretrained: true, trees: 100);
        yield return Row("band-trees-scratch", new HeadOptions { Head = HeadKind.Band }, pretrained: false, trees: 100);
        // The endpoints head's other --combine modes; plain "endpoints" is the default, sub.
        foreach (var combine in new[] { EndpointCombine.Add, EndpointCombine.Concat })
            yield return Row("endpoints-" + ChoiceNames.Name(combine), new HeadOptions { Head = HeadKind.Endpoints, Combine = combine }, pretrained: true);
    }

    /// <summary>
    /// The band head fine-tuned from the backbone in <paramref name="from"/> (a pretrained-backbone directory, or
    /// "scratch"): "band@NAME" (the GNN alone), "band-trees@NAME" (blended with its descriptor model), "band-trees-weighted@NAME"
    /// (the same with weighted descriptor models) and "band-shipped@NAME" (the shipped blend's recipe: weighted descriptor
    /// models that also read the blockage descriptors), to compare
    /// pretraining tasks on the same folds and seeds (`experiment --backbone NAME=DIR`). <paramref name="epochs"/>
    /// overrides the shipped recipe's epochs (shorter comparisons); null keeps them. "band-VARIANT@NAME" are the GNN
    /// alone with one change to the recipe (<see cref="GnnVariants"/>).
    /// </summary>
    public static IEnumerable<ExperimentRow> ForBackbone(string name, string from, int? epochs)
    {
        if (from != HeadRecipe.Scratch && !File.Exists(Path.Combine(from, "model.json")))
            throw new ArgumentException($"--backbone {name}={from}: no pretrained backbone there (model.json missing)");
        yield return Row($"band@{name}", new HeadOptions { Head = HeadKind.Band }, pretrained: false, fromOverride: from, epochs: epochs);
        yield return Row($"band-trees@{name}", new HeadOptions { Head = HeadKind.Band }, pretrained: false, trees: 100, fromOverride: from, epochs: epochs);
        // The same blend with descriptor models weighted against the target's skew (finetune --tree-weight-power 0.5).
        yield return Row($"band-trees-weighted@{name}", new HeadOptions { Head = HeadKind.Band }, pretrained: false, trees: 100, fromOverride: from, epochs: epochs,
            treeWeightPower: 0.5);
        // The shipped band recipe's blend (finetune's band defaults plus --tree-weight-power 0.5 --tree-blockage), one member.
        yield return Row($"band-shipped@{name}", new HeadOptions { Head = HeadKind.Band }, pretrained: false, trees: 100, fromOverride: from, epochs: epochs,
            treeWeightPower: 0.5, vary: r => r with { TreeBlockage = true });
        foreach (var (variant, vary) in GnnVariants())
            yield return Row($"band-{variant}@{name}", new HeadOptions { Head = HeadKind.Band }, pretrained: false, fromOverride: from, epochs: epochs, vary: vary);
    }

    /// <summary>
    /// Variants of the band head's GNN alone (docs/experiments/gnn-alone.md), each one change to the shipped recipe:
    /// the fitted scale, the loss and its row weights, the optimiser, members per fold, how the descriptors enter, and
    /// where the band's inner images stand.
    /// </summary>
    public static IEnumerable<(string Name, Func<HeadRecipe, HeadRecipe> Vary)> GnnVariants()
    {
        yield return ("sqrt", r => r with { Head = r.Head with { Target = HeadTarget.Sqrt } });
        yield return ("log1p", r => r with { Head = r.Head with { Target = HeadTarget.Log1p } });
        yield return ("huber", r => r with { Loss = HeadLoss.Huber });
        yield return ("weighted", r => r with { LossWeightPower = 0.5 });
        yield return ("sqrt-weighted", r => r with { Head = r.Head with { Target = HeadTarget.Sqrt }, LossWeightPower = 0.5 });
        yield return ("epochs25", r => r with { Epochs = 25 });
        yield return ("lr1e-3", r => r with { LearningRate = 1e-3 });
        yield return ("wd0.1", r => r with { WeightDecay = 0.1 });
        yield return ("dropout0.3", r => r with { Head = r.Head with { Dropout = 0.3 } });
        yield return ("desc-dropout0.2", r => r with { Head = r.Head with { DescriptorDropout = 0.2 } });
        yield return ("desc-branch32", r => r with { Head = r.Head with { DescriptorBranch = 32 } });
        // The inner images on the minimum-energy path through the bond-valence landscape instead of the straight line.
        yield return ("mep", r => r with { Head = r.Head with { Images = BandImages.Path } });
        // Three members per fold, each validating on a different grouped fifth of the training fold, averaged.
        yield return ("ens3", r => r with { Ensemble = 3, Folds = 5 });
    }

    private static ExperimentRow Row(string name, HeadOptions head, bool pretrained, int trees = 0, string? fromOverride = null, int? epochs = null,
        double treeWeightPower = 0, Func<HeadRecipe, HeadRecipe>? vary = null) => new(name, (train, seed) =>
    {
        string from = fromOverride ?? HeadRecipe.Scratch;
        if (pretrained)
            from = ModelPaths.Find(Path.Combine("models", "pretrained"))
                   ?? throw new ArgumentException($"row '{name}' needs the pretrained backbone in models/pretrained (or use '{name}-scratch')");
        var dir = Path.Combine(Path.GetTempPath(), $"barriernet-row-{name}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(dir);
            // One descriptor model for the one member, as when the committed reports were made: the default of three
            // partitions would give a single member folds × 3 = 15 of them.
            new HeadFinetuner(new FinetuneOptions
            {
                DataFile = "(experiment fold)", Entries = train, OutputDirectory = Path.Combine(dir, "model"),
                Recipe = (vary ?? (r => r))(new HeadRecipe { From = from, Head = head, Ensemble = 1, Seed = seed, Trees = trees, TreePartitions = 1, Epochs = epochs,
                    TreeWeightPower = treeWeightPower }),
            }).Run();
            return HeadEnsemble.Load(Path.Combine(dir, "model"));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    });
}
