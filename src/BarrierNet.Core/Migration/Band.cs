using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Migration;

/// <summary>
/// One hop as a NEB band: the migrating ion's images along the path and the host it moves through, in one periodic
/// cell. The host lacks the ion at both ends of the hop (a vacancy hop). Immutable.
/// <para>
/// The published dataset (em-band-train.json, docs/bands.md) stores a band as a single structure whose first
/// <see cref="PublishedImageCount"/> atoms are the images and whose remaining atoms are the host;
/// <see cref="FromStructure"/> and <see cref="ToStructure"/> convert between that layout and this type without
/// changing a coordinate, so files and graphs built from it keep their exact atom order.
/// </para>
/// </summary>
public sealed class Band
{
    /// <summary>Images per band in the published data: the two endpoints and three evenly spaced points between them.</summary>
    public const int PublishedImageCount = 5;

    private Band(Lattice lattice, IReadOnlyList<Site> images, Structure host, string? name)
    {
        Lattice = lattice;
        Images = images;
        Host = host;
        Name = name;
    }

    /// <summary>A band from its parts; the lists are not copied (do not change them afterwards).</summary>
    /// <param name="lattice">The band's periodic cell (a supercell for built bands).</param>
    /// <param name="images">The ion at each image, in order along the path: at least the two endpoints, all one element.</param>
    /// <param name="host">Every other atom of the cell: at least one.</param>
    /// <param name="name">A label for reports, or null.</param>
    /// <returns>The band.</returns>
    /// <exception cref="ArgumentException">Fewer than two images, images of different elements, or no host atom.</exception>
    public static Band Create(Lattice lattice, IReadOnlyList<Site> images, IReadOnlyList<Site> host, string? name = null)
    {
        if (images.Count < 2) throw new ArgumentException($"a band needs at least the two endpoint images; it has {images.Count}");
        for (int k = 1; k < images.Count; k++)
            if (images[k].Element != images[0].Element)
                throw new ArgumentException($"image {k} is {images[k].Element} but image 0 is {images[0].Element}: the images must be the same mobile ion");
        if (host.Count == 0) throw new ArgumentException($"a band needs the {images.Count} ion images and at least one host atom; it has no host atom");
        return new Band(lattice, images, new Structure(lattice, host, name: name), name);
    }

    /// <summary>A band from the published layout: atoms 0 … <paramref name="imageCount"/>−1 are the images, the rest the host.</summary>
    /// <param name="structure">The band as one structure.</param>
    /// <param name="imageCount">How many leading atoms are images.</param>
    /// <returns>The band, named like <paramref name="structure"/>.</returns>
    /// <exception cref="ArgumentException">Too few atoms for the images and a host, or images of different elements.</exception>
    public static Band FromStructure(Structure structure, int imageCount = PublishedImageCount)
    {
        if (structure.Count <= imageCount)
            throw new ArgumentException($"a band needs the {imageCount} ion images and at least one host atom; it has {structure.Count} atoms");
        var images = new Site[imageCount];
        for (int k = 0; k < imageCount; k++) images[k] = structure.Sites[k];
        var host = new Site[structure.Count - imageCount];
        for (int h = 0; h < host.Length; h++) host[h] = structure.Sites[imageCount + h];
        return Create(structure.Lattice, images, host, structure.Name);
    }

    /// <summary>
    /// The straight band between two endpoint structures (the ion is atom 0 of each, the host after it): the images
    /// evenly spaced on the line from the initial site to the nearest periodic copy of the final site, the host taken
    /// from the initial structure. This is how the published endpoint-form entries are read as bands.
    /// </summary>
    /// <param name="initial">The ion at the from-site, then the host.</param>
    /// <param name="final">The ion at the to-site first.</param>
    /// <param name="imageCount">Images on the line, endpoints included.</param>
    /// <returns>The band, named like <paramref name="initial"/>.</returns>
    /// <exception cref="ArgumentException">No host atom, no final atom, or different ions at the two ends.</exception>
    public static Band StraightBetween(Structure initial, Structure final, int imageCount = PublishedImageCount)
    {
        if (initial.Count < 2) throw new ArgumentException("the initial structure has no host atoms after the ion");
        if (final.Count < 1) throw new ArgumentException("the final structure has no atoms");
        if (initial[0].Element != final[0].Element)
            throw new ArgumentException($"the initial ion is {initial[0].Element} but the final ion is {final[0].Element}");
        var p0 = initial[0].Frac;
        var dFrac = initial.Lattice.ToFractional(initial.Lattice.MinimumImage(p0, final[0].Frac).Displacement);
        var images = new Site[imageCount];
        for (int k = 0; k < imageCount; k++)
            images[k] = initial[0] with { Frac = p0 + dFrac * (k / (double)(imageCount - 1)) };
        return Create(initial.Lattice, images, initial.Sites.Skip(1).ToList(), initial.Name);
    }

    /// <summary>The periodic cell of the band.</summary>
    public Lattice Lattice { get; }

    /// <summary>The ion at each image, in order along the path (fractional coordinates of <see cref="Lattice"/>, not wrapped: the path stays straight across cell faces).</summary>
    public IReadOnlyList<Site> Images { get; }

    /// <summary>The host: every atom of the cell that is not an image, in the same lattice.</summary>
    public Structure Host { get; }

    /// <summary>A label for reports, or null.</summary>
    public string? Name { get; }

    /// <summary>The migrating element.</summary>
    public string Ion => Images[0].Element;

    /// <summary>Number of images, endpoints included.</summary>
    public int ImageCount => Images.Count;

    /// <summary>Atoms of the whole band (images and host).</summary>
    public int AtomCount => Images.Count + Host.Count;

    /// <summary>The ion at the from-site (image 0).</summary>
    public Site Start => Images[0];

    /// <summary>The ion at the to-site (the last image).</summary>
    public Site End => Images[^1];

    /// <summary>Fractional coordinates of every image, in order along the path.</summary>
    public IReadOnlyList<Vec3> ImageFracs => Images.Select(s => s.Frac).ToArray();

    /// <summary>Cartesian position (Å) of image <paramref name="k"/>.</summary>
    /// <param name="k">Image index, 0 … <see cref="ImageCount"/>−1.</param>
    /// <returns>The position.</returns>
    public Vec3 ImageCartesian(int k) => Lattice.ToCartesian(Images[k].Frac);

    /// <summary>Whether atom <paramref name="atom"/> of <see cref="ToStructure"/> is an image of the ion (the images come first).</summary>
    /// <param name="atom">Index into <see cref="ToStructure"/>'s sites.</param>
    /// <returns>True for an image.</returns>
    public bool IsImageAtom(int atom) => atom < Images.Count;

    /// <summary>The band as one structure in the published layout: the images, then the host.</summary>
    /// <returns>A structure of <see cref="AtomCount"/> atoms named like the band.</returns>
    public Structure ToStructure()
    {
        var sites = new List<Site>(AtomCount);
        sites.AddRange(Images);
        sites.AddRange(Host.Sites);
        return new Structure(Lattice, sites, name: Name);
    }

    /// <summary>The structure before the hop: the ion at image 0, then the host.</summary>
    /// <returns>A structure whose atom 0 is the ion, named like the band.</returns>
    public Structure InitialStructure() => Endpoint(Start);

    /// <summary>The structure after the hop: the ion at the last image, then the host.</summary>
    /// <returns>A structure whose atom 0 is the ion, named like the band.</returns>
    public Structure FinalStructure() => Endpoint(End);

    /// <summary>The same band under another name.</summary>
    /// <param name="name">The new name, or null.</param>
    /// <returns>A new band.</returns>
    public Band WithName(string? name) => new(Lattice, Images, Host.WithName(name), name);

    /// <summary>The same host with the ion at other images (e.g. a relaxed path).</summary>
    /// <param name="images">The new images, in order along the path.</param>
    /// <returns>A new band.</returns>
    public Band WithImages(IReadOnlyList<Site> images) => Create(Lattice, images, Host.Sites, Name);

    private Structure Endpoint(Site ion)
    {
        var sites = new List<Site>(Host.Count + 1) { ion };
        sites.AddRange(Host.Sites);
        return new Structure(Lattice, sites, name: Name);
    }
}
