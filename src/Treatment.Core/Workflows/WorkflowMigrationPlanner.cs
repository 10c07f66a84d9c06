namespace Treatment.Core.Workflows;

public sealed record OpenPetitionState(long PetitionId, string State);

public enum MigrationOutcomeKind
{
    Moved,

    /// <summary>The petition's state is neither in the target version nor in the state map.</summary>
    UnmappedState,

    /// <summary>The map sends the state to a name the target version does not have.</summary>
    InvalidTargetState,
}

public sealed record MigrationOutcome(long PetitionId, string FromState, string? ToState, MigrationOutcomeKind Kind);

/// <summary>Plans moving open petitions from version N to M; pure, so the dry run and the apply share it.</summary>
public static class WorkflowMigrationPlanner
{
    /// <param name="stateMap">old state → new state; states absent from the map keep their name if the target has it</param>
    public static IReadOnlyList<MigrationOutcome> Plan(
        WorkflowDefinition from,
        WorkflowDefinition to,
        IEnumerable<OpenPetitionState> petitions,
        IReadOnlyDictionary<string, string> stateMap)
    {
        if (from.Id != to.Id)
        {
            throw new ArgumentException($"cannot migrate from {from.Id} to {to.Id}", nameof(to));
        }

        return petitions.Select(p =>
        {
            if (stateMap.TryGetValue(p.State, out var mapped))
            {
                return to.FindState(mapped) is not null
                    ? new MigrationOutcome(p.PetitionId, p.State, mapped, MigrationOutcomeKind.Moved)
                    : new MigrationOutcome(p.PetitionId, p.State, mapped, MigrationOutcomeKind.InvalidTargetState);
            }

            return to.FindState(p.State) is not null
                ? new MigrationOutcome(p.PetitionId, p.State, p.State, MigrationOutcomeKind.Moved)
                : new MigrationOutcome(p.PetitionId, p.State, null, MigrationOutcomeKind.UnmappedState);
        }).ToList();
    }
}
