namespace Treatment.Core.Assignment;

/// <summary>How a department's newly routed petitions reach its officials (배부).</summary>
public enum DistributionPolicy
{
    /// <summary>Petitions wait in the department's queue until a team lead distributes them or an official claims one.</summary>
    Manual,

    /// <summary>Each new petition goes to the next active official in turn.</summary>
    RoundRobin,

    /// <summary>Each new petition goes to the active official with the fewest open petitions.</summary>
    LeastOpenWork,
}
