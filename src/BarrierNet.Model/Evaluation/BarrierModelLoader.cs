using BarrierNet.Model.Baseline;

namespace BarrierNet.Model.Evaluation;

/// <summary>
/// Opens a model directory as an <see cref="IBarrierPredictor"/> by the `kind` in its model.json. New model kinds
/// (GNN heads, ensembles) add themselves with <see cref="Register"/> or a line in the built-in table.
/// </summary>
public static class BarrierModelLoader
{
    private static readonly Dictionary<string, Func<string, IBarrierPredictor>> Loaders = new(StringComparer.Ordinal)
    {
        [DescriptorBaseline.KindName] = DescriptorBaseline.Load,
        [Heads.HeadEnsemble.KindName] = Heads.HeadEnsemble.Load,
    };

    /// <summary>The model kinds that can be loaded.</summary>
    public static IReadOnlyCollection<string> Kinds { get { lock (Loaders) return Loaders.Keys.ToList(); } }

    /// <summary>Adds (or replaces) the loader of a model kind.</summary>
    /// <param name="kind">The <c>kind</c> written in model.json.</param>
    /// <param name="loader">Opens a model directory of that kind.</param>
    public static void Register(string kind, Func<string, IBarrierPredictor> loader)
    {
        lock (Loaders) Loaders[kind] = loader;
    }

    /// <summary>Opens a model directory, e.g. <see cref="Apps.ModelPaths.HeadDirectory"/>("band"), to predict with (libtorch's AVX2 kernels asked for first: <see cref="Runtime.VectorKernels"/>).</summary>
    /// <param name="directory">A directory with a model.json.</param>
    /// <returns>The model, ready to predict barriers in eV.</returns>
    /// <exception cref="ArgumentException">The directory or its model.json is missing, or its kind is unknown.</exception>
    public static IBarrierPredictor Load(string directory)
    {
        if (!Directory.Exists(directory)) throw new ArgumentException($"{directory}: model directory not found");
        Runtime.VectorKernels.PreferAvx2();
        var manifest = ModelManifest.Read(directory);
        Func<string, IBarrierPredictor>? loader;
        lock (Loaders) Loaders.TryGetValue(manifest.Kind, out loader);
        if (loader is null)
            throw new ArgumentException($"{Path.Combine(directory, ModelManifest.FileName)}: unknown model kind '{manifest.Kind}' (known: {string.Join(", ", Kinds)})");
        return loader(directory);
    }
}
