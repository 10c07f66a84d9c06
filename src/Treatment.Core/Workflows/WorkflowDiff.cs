namespace Treatment.Core.Workflows;

public enum DiffChange
{
    Added,
    Removed,
    Changed,
}

/// <param name="Section">states, transitions, roles, guards, period, limits, milestones</param>
public sealed record WorkflowDiffEntry(string Section, DiffChange Change, string Name, string Detail)
{
    public override string ToString()
    {
        var sign = Change switch
        {
            DiffChange.Added => "+",
            DiffChange.Removed => "-",
            _ => "~",
        };
        return $"{Section,-12} {sign} {Name}{(Detail.Length > 0 ? ": " + Detail : "")}";
    }
}

/// <summary>What changed between two versions of a definition, section by section.</summary>
public static class WorkflowDiff
{
    public static IReadOnlyList<WorkflowDiffEntry> Compare(WorkflowDefinition from, WorkflowDefinition to)
    {
        var entries = new List<WorkflowDiffEntry>();
        Section(entries, "period", Period(from), Period(to));
        Section(entries, "states", from.States.ToDictionary(s => s.Name, Describe), to.States.ToDictionary(s => s.Name, Describe));
        Section(entries, "transitions", Transitions(from), Transitions(to));
        Section(entries, "roles", Roles(from), Roles(to));
        Section(entries, "guards", Guards(from), Guards(to));
        Section(entries, "limits", from.Limits.Values.ToDictionary(l => l.Name, Describe), to.Limits.Values.ToDictionary(l => l.Name, Describe));
        Section(entries, "milestones", from.Milestones.ToDictionary(m => m.Name, Describe), to.Milestones.ToDictionary(m => m.Name, Describe));
        return entries;
    }

    private static void Section(List<WorkflowDiffEntry> entries, string section, IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        foreach (var name in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var inBefore = before.TryGetValue(name, out var b);
            var inAfter = after.TryGetValue(name, out var a);
            if (inBefore && !inAfter)
            {
                entries.Add(new(section, DiffChange.Removed, name, b!));
            }
            else if (!inBefore && inAfter)
            {
                entries.Add(new(section, DiffChange.Added, name, a!));
            }
            else if (b != a)
            {
                entries.Add(new(section, DiffChange.Changed, name, $"{b} → {a}"));
            }
        }
    }

    private static Dictionary<string, string> Period(WorkflowDefinition d)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal) { ["rule"] = d.Period.Kind.ToString() };
        if (d.Period.Fixed is { } p)
        {
            result["value"] = p.ToString();
        }

        foreach (var s in d.Period.SubKinds)
        {
            result["subKind " + s.Name] = s.Period.ToString();
        }

        return result;
    }

    private static Dictionary<string, string> Transitions(WorkflowDefinition d)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in d.Transitions.GroupBy(t => t.Trigger))
        {
            var i = 0;
            foreach (var t in group)
            {
                result[i++ == 0 ? t.Trigger : $"{t.Trigger}#{i}"] = Describe(t);
            }
        }

        return result;
    }

    private static Dictionary<string, string> Roles(WorkflowDefinition d) => d.Transitions
        .SelectMany(t => t.Roles.Select(r => (Role: r.ToString(), t.Trigger)))
        .GroupBy(x => x.Role)
        .ToDictionary(g => g.Key, g => "used by " + string.Join(", ", g.Select(x => x.Trigger).Distinct().Order(StringComparer.Ordinal)));

    private static Dictionary<string, string> Guards(WorkflowDefinition d) => d.Transitions
        .SelectMany(t => t.Guards.Select(g => (Guard: g, t.Trigger)))
        .GroupBy(x => x.Guard)
        .ToDictionary(g => g.Key, g => "on " + string.Join(", ", g.Select(x => x.Trigger).Distinct().Order(StringComparer.Ordinal)));

    private static string Describe(StateDefinition s) =>
        $"clock {s.Clock.ToString().ToLowerInvariant()}{(s.Exclusion is { } e ? $" ({e})" : "")}{(s.Terminal ? ", terminal" : "")}";

    private static string Describe(TransitionDefinition t) =>
        $"[{string.Join(", ", t.From)}] → {t.To ?? "(stay)"}; roles {string.Join("/", t.Roles)}; guards {List(t.Guards)}; inputs {List(t.Inputs)}; clock {t.Clock}; notices {List(t.Notices)}";

    private static string Describe(LimitDefinition l) => $"{l.Period} {l.Counting.ToString().ToLowerInvariant()}";

    private static string Describe(MilestoneDefinition m)
    {
        var at = m.Anchor switch
        {
            MilestoneAnchor.Period => $"at {m.Fraction} of the period",
            MilestoneAnchor.StateEntered => $"on entering {m.State}",
            _ => "at " + m.Anchor.ToString().ToLowerInvariant(),
        };
        var offset = m.Offset is { } o ? $" + {o}" : "";
        var repeat = m.Repeat is { } r ? $", every {r}" : "";
        var until = m.Until.Length > 0 ? $", until {List(m.Until)}" : "";
        return $"{at}{offset}{repeat} ({m.Counting.ToString().ToLowerInvariant()}) → {m.Action}{until}";
    }

    private static string List(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? "-" : string.Join(", ", list);
    }
}
