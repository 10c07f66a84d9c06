using System.Text;

namespace Treatment.Core.Workflows;

/// <summary>docs/workflows.md: for every loaded version its diagram, and what its triggers do beyond state and clock.</summary>
public static class WorkflowDocs
{
    public static string Markdown(WorkflowCatalog catalog, Effects.EffectRegistry? registry = null)
    {
        var o = new StringBuilder();
        o.Append("# Workflow diagrams\n\n");
        o.Append("Generated from `workflows/` by `scripts/workflow-docs` (`treatment workflows docs`); do not edit by hand.\n");
        o.Append("Each diagram is `treatment workflows diagram <id> --version <N>`, drawn by Stateless. Guards appear in\n");
        o.Append("brackets with their Korean description; the statutory basis of each transition is in the YAML file.\n");
        o.Append("Below each diagram, the effects and decisions its companion file `v<N>.effects.yaml` declares.\n");
        foreach (var d in catalog.All)
        {
            o.Append($"\n## {d.Title.Ko} ({d.Title.En}) — `{d.Id}` v{d.Version}\n\n");
            o.Append($"Basis: {d.Basis}. Period: {Period(d)}.\n\n");
            o.Append("```mermaid\n");
            o.Append(new PetitionMachine(d).Diagram());
            o.Append("```\n");
            var declared = d.Transitions.DistinctBy(t => t.Trigger).Where(t => t.Decision is not null || !t.Effects.IsDefaultOrEmpty).ToList();
            if (declared.Count > 0)
            {
                o.Append($"\nEffects (`workflows/{d.Id}/v{d.Version}.effects.yaml`; result notice: {(d.ResultNotice is null ? "none" : $"`{d.ResultNotice}`")}):\n\n");
                o.Append("| Trigger | Decision | Effects |\n|---|---|---|\n");
                foreach (var t in declared)
                {
                    o.Append($"| `{t.Trigger}` | {t.Decision?.Name() ?? ""} | {string.Join(", ", t.Effects.Select(e => $"`{e.Name}`"))} |\n");
                }
            }
        }

        o.Append("\n## Effect vocabulary\n\n");
        o.Append("Effects are C# classes in `src/Treatment.Core/Workflows/Effects/`, found by their YAML name.\n\n");
        o.Append("| Effect | What it does | Report fact |\n|---|---|---|\n");
        foreach (var effect in (registry ?? Effects.EffectRegistry.Default).All)
        {
            o.Append($"| `{effect.Name}` | {effect.Description.En} ({effect.Description.Ko}) | {effect.Measure ?? ""} |\n");
        }

        return o.ToString();
    }

    private static string Period(WorkflowDefinition d) => d.Period.Kind switch
    {
        PeriodRuleKind.Fixed => $"{d.Period.Fixed} ({d.Period.Basis})",
        PeriodRuleKind.PriorExamination => $"the affair's period, at most 30 days ({d.Period.Basis})",
        PeriodRuleKind.BySubKind => string.Join(", ", d.Period.SubKinds.Select(s => $"{s.Name} {s.Period} ({s.Basis})")),
        _ => $"from the affairs catalogue ({d.Period.Basis})",
    };
}
