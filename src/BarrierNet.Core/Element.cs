namespace BarrierNet.Core;

/// <summary>
/// Reference properties of one chemical element, used for formulas, densities, the GNN's atom features and the
/// host-composition descriptors.
/// Optional values are null where the reference tables give none (e.g. electronegativity of noble gases).
/// </summary>
internal sealed record Element(
    int Z,
    string Symbol,
    string Name,
    double Mass,                 // standard atomic weight, u
    double? Electronegativity,   // Pauling
    double CovalentRadius,       // Å
    int Group,                   // 1–18; lanthanides and actinides are given group 3
    int Period,
    char Block,                  // s, p, d or f
    int ValenceElectrons,
    double? FirstIonization,     // eV
    double? ElectronAffinity,    // eV
    double? AtomicVolume,        // cm³/mol
    double? AtomicRadius,        // Å, empirical (Slater)
    int MendeleevNumber,         // Pettifor's chemical scale: similar chemistry, nearby numbers
    int MinOxidationState,       // 0 where none is known
    int MaxOxidationState);
