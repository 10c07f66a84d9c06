using Treatment.Core.Workflows;

namespace Treatment.Core.BackOffice;

/// <summary>One choice of the inbox's state filter: the state name petitions store, and its title from the workflow files.</summary>
public sealed record StateOption(string Name, LocalizedText Title, bool Terminal);

/// <summary>The states of every workflow definition, once each, for the inbox's state filter.</summary>
public static class StateOptions
{
    /// <summary>
    /// Open states first, then terminal ones, each in lifecycle order (definitions with the most states first, states in
    /// file order). A title two state names share (법정민원 "closed" and 고충민원 "resolved" are both 처리 완료) is
    /// followed by the kinds that use the name, so every choice reads differently.
    /// </summary>
    public static IReadOnlyList<StateOption> From(IEnumerable<WorkflowDefinition> definitions)
    {
        var ordered = definitions.OrderByDescending(d => d.States.Length).ThenBy(d => d.Id, StringComparer.Ordinal).ThenByDescending(d => d.Version).ToList();
        var byName = new Dictionary<string, (LocalizedText Title, bool Terminal, List<LocalizedText> Kinds, int Order)>(StringComparer.Ordinal);
        foreach (var definition in ordered)
        {
            foreach (var state in definition.States)
            {
                if (!byName.TryGetValue(state.Name, out var entry))
                {
                    entry = (state.Title, state.Terminal, [], byName.Count);
                }

                if (!entry.Kinds.Contains(definition.Title))
                {
                    entry.Kinds.Add(definition.Title);
                }

                // Open in any workflow means a petition can sit in it: list it with the open states.
                byName[state.Name] = entry with { Terminal = entry.Terminal && state.Terminal };
            }
        }

        var sharedKo = byName.Values.GroupBy(e => e.Title.Ko, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return byName
            .OrderBy(e => e.Value.Terminal).ThenBy(e => e.Value.Order)
            .Select(e => new StateOption(
                e.Key,
                sharedKo.Contains(e.Value.Title.Ko)
                    ? new LocalizedText($"{e.Value.Title.Ko} ({string.Join(", ", e.Value.Kinds.Select(k => k.Ko))})", $"{e.Value.Title.En} ({string.Join(", ", e.Value.Kinds.Select(k => k.En))})")
                    : e.Value.Title,
                e.Value.Terminal))
            .ToList();
    }
}
