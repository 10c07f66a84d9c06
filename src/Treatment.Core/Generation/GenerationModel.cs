using Treatment.Core.Affairs;
using Treatment.Core.Agencies;
using Treatment.Core.Petitions;
using Treatment.Core.Reports;

namespace Treatment.Core.Generation;

/// <summary>What to generate: a year of petitions over some agencies, reproducible from the seed.</summary>
/// <param name="Horizon">"now" for the generated data: events after it have not happened yet (the petition stays open)</param>
public sealed record GenerationOptions(int Year, int Petitions, int Seed, DateTimeOffset Horizon)
{
    /// <summary>Petitions per chunk; each chunk has its own random stream, so the result does not depend on thread timing.</summary>
    public int ChunkSize { get; init; } = 5_000;

    /// <summary>The default horizon: 1 February of the following year, 09:00 KST.</summary>
    public static DateTimeOffset DefaultHorizon(int year) => new(year + 1, 2, 1, 9, 0, 0, TimeSpan.FromHours(9));
}

/// <summary>An agency petitions can be generated for, with a weight (bigger agencies receive more).</summary>
public sealed record GenerationAgency(int Id, string Code, AgencyLevel Level, double Weight);

/// <summary>The reference data the generator draws from.</summary>
public sealed record GenerationCatalogue(IReadOnlyList<GenerationAgency> Agencies, IReadOnlyList<CivilAffair> Affairs);

/// <summary>One generated petition and its audit events, in order; ids of the petition and its predecessor are chunk-local until written.</summary>
public sealed record GeneratedPetition(Petition Petition, List<PetitionEvent> Events, int? TransferredFromLocalIndex)
{
    /// <summary>The petition ended by a transfer, so the receiving agency opens it anew (Act §16).</summary>
    public bool TransferredOut(Workflows.WorkflowCatalog catalog) =>
        Events.Count > 0 && Events[^1].Trigger is { } trigger
        && catalog.Get(Petition.WorkflowId, Petition.WorkflowVersion).FindTransition(trigger)?.Has<Workflows.Effects.OpensTransferCopy>() == true;
}

/// <summary>A chunk of generated petitions with the report facts they produced.</summary>
public sealed record GeneratedChunk(int Index, List<GeneratedPetition> Petitions, List<PetitionRollup> Facts)
{
    public int EventCount => Petitions.Sum(p => p.Events.Count);
}
