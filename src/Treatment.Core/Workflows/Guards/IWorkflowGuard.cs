namespace Treatment.Core.Workflows.Guards;

/// <summary>
/// A named condition on a transition, referenced from the YAML by <see cref="Name"/>. Guards read facts and inputs
/// only: no side effects, so a machine can be built just to list the permitted actions.
/// </summary>
public interface IWorkflowGuard
{
    /// <summary>The YAML name: the class name without the "Guard" suffix.</summary>
    string Name { get; }

    LocalizedText Description { get; }

    /// <summary>Names of the definition's limits this guard reads; the validator checks they are declared.</summary>
    IReadOnlyList<string> RequiredLimits { get; }

    GuardResult Evaluate(GuardContext context);
}

/// <param name="InputsKnown">false while listing permitted actions: input-dependent checks wait for the real inputs</param>
public sealed record GuardContext(PetitionFacts Facts, TriggerInputs Inputs, bool InputsKnown, WorkflowDefinition Definition);

public sealed record GuardResult(bool Allowed, LocalizedText? Reason)
{
    public static readonly GuardResult Allow = new(true, null);

    public static GuardResult Refuse(string ko, string en) => new(false, new LocalizedText(ko, en));
}

/// <summary>Shared plumbing: the name comes from the class name.</summary>
public abstract class WorkflowGuard : IWorkflowGuard
{
    public string Name
    {
        get
        {
            var n = GetType().Name;
            return n.EndsWith("Guard", StringComparison.Ordinal) ? n[..^"Guard".Length] : n;
        }
    }

    public abstract LocalizedText Description { get; }

    public virtual IReadOnlyList<string> RequiredLimits => [];

    public abstract GuardResult Evaluate(GuardContext context);

    protected static int LimitDays(GuardContext context, string limit) => context.Definition.Limits[limit].Period.Value;
}
