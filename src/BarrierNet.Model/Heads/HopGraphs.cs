using BarrierNet.Core.Crystal;
using BarrierNet.Core.Data;
using BarrierNet.Core.Descriptors;
using BarrierNet.Core.Landscape;
using BarrierNet.Core.Migration;
using BarrierNet.Model.Baseline;
using BarrierNet.Model.Graphs;

namespace BarrierNet.Model.Heads;

/// <summary>
/// Turns a published barrier entry into the graphs a head reads. The graph of the whole periodic structure is built
/// first (true neighbours, periodic images included) and then cropped to the atoms within
/// <see cref="HeadOptions.CropRadius"/> of the hop path (the ion's images), which is where the barrier is decided;
/// each kept atom carries the pooling weight exp(−d/λ) of its distance d to the path, and the ion images are flagged.
/// </summary>
internal static class HopGraphs
{
    /// <summary>
    /// The sample of one entry; with <paramref name="trees"/> (the options of the head's descriptor models) its
    /// <see cref="HopSample.TreeDescriptors"/> are the row those models read.
    /// </summary>
    public static HopSample Sample(BarrierEntry entry, GraphSettings settings, HeadOptions options, DescriptorBaselineOptions? trees = null)
    {
        var band = options.UsesEndpoints ? entry.AsBand() : PlaceImages(entry, options.Images);
        var path = band.ImageFracs;
        var descriptors = DescriptorCache.Get(entry);
        var treeDescriptors = trees?.Row(entry) ?? descriptors;
        if (!options.UsesEndpoints) return new HopSample(BandGraph(band, settings, options), null, descriptors) { TreeDescriptors = treeDescriptors };
        // Endpoints: the same host atoms are kept in both structures (ion = atom 0, host after it in the same order),
        // so the two graphs describe the same neighbourhood before and after the hop.
        var di = PathDistances(entry.Initial, path);
        di[0] = 0;
        var flags = Enumerable.Range(0, entry.Initial.Count).Select(i => i == 0).ToArray();
        if (entry.Final.Count != entry.Initial.Count) throw new ArgumentException($"{entry.SysName}: initial and final structures have different atom counts");
        var ini = Crop(entry.Initial, settings, di, flags, options);
        var fin = Crop(entry.Final, settings, di, flags, options);
        return new HopSample(ini, fin, descriptors) { TreeDescriptors = treeDescriptors };
    }

    /// <summary>The entry's band with its inner images where <paramref name="images"/> puts them.</summary>
    public static Band PlaceImages(BarrierEntry entry, BandImages images) => images switch
    {
        BandImages.Relaxed => RelaxedPath.RelaxImages(entry.AsBand()),
        BandImages.Path => MinimumEnergyBand.For(entry).Band,
        _ => entry.AsBand(),
    };

    /// <summary>
    /// The cropped graph of a band (atoms 0–4 the ion's images, then the host), images flagged, as the band and
    /// attention heads read it; also what migration pretraining trains the backbone on.
    /// </summary>
    public static CrystalGraph BandGraph(Band band, GraphSettings settings, HeadOptions options)
    {
        // The graph's atoms are the band's in the published order: the images (at distance 0 from the path), then the host.
        var structure = band.ToStructure();
        var isImage = Enumerable.Range(0, structure.Count).Select(band.IsImageAtom).ToArray();
        var d = PathDistances(structure, band.ImageFracs);
        for (int i = 0; i < d.Length; i++) if (isImage[i]) d[i] = 0;
        return Crop(structure, settings, d, isImage, options);
    }

    /// <summary>Minimum-image distance (Å) of every atom to the nearest point of the path.</summary>
    public static double[] PathDistances(Structure s, IReadOnlyList<Vec3> path)
    {
        var d = new double[s.Count];
        for (int i = 0; i < s.Count; i++)
        {
            double best = double.MaxValue;
            foreach (var p in path) best = Math.Min(best, s.Lattice.MinimumImageDistance(p, s[i].Frac));
            d[i] = best;
        }
        return d;
    }

    /// <summary>The graph of the atoms within the crop radius of the path: only their neighbours are searched, as the far host's bonds would be cropped away.</summary>
    private static CrystalGraph Crop(Structure s, GraphSettings settings, double[] distance, bool[] isImage, HeadOptions options)
    {
        var weights = distance.Select(x => (float)Math.Exp(-x / options.DecayLength)).ToArray();
        var keep = distance.Select(x => options.CropRadius <= 0 || x <= options.CropRadius).ToArray();
        return GraphCrop.Keep(CrystalGraph.Build(s, settings, keep), keep, weights, isImage);
    }

    /// <summary>The samples of many entries (<see cref="Sample"/>), built on <paramref name="threads"/> threads.</summary>
    public static HopSample[] SampleMany(IReadOnlyList<BarrierEntry> entries, GraphSettings settings, HeadOptions options, int threads,
        DescriptorBaselineOptions? trees = null)
    {
        var result = new HopSample[entries.Count];
        Parallel.For(0, entries.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) },
            i =>
            {
                try { result[i] = Sample(entries[i], settings, options, trees); }
                catch (ArgumentException e) { throw new ArgumentException($"{entries[i].SysName}: {e.Message}", e); }
            });
        return result;
    }
}
