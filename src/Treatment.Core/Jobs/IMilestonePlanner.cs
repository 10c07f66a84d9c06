using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Core.Jobs;

/// <summary>The next milestone of an open petition: what the sweep applies, and when.</summary>
public sealed record MilestonePlan(DateTimeOffset? At, string? Milestone);

/// <summary>
/// Computes a petition's next milestone from its pinned definition and clock. Called by the petition service after
/// every clock change (start, pause, resume, extension, transfer, reassignment, close) in the same transaction, and by
/// the sweep after applying one.
/// </summary>
public interface IMilestonePlanner
{
    MilestonePlan Plan(Petition petition, WorkflowDefinition definition, DateTimeOffset now);
}
